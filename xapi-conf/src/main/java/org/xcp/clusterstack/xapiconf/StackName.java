package org.xcp.clusterstack.xapiconf;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The name of one stack: a directory name under {@code cluster-stack-root} (selector.md §5.1). The rules
 * keep a name inside the root; xapi itself does no check and would let {@code ../x} escape it.
 */
public record StackName(String value) implements Comparable<StackName> {
    public static final StackName XHAD = new StackName("xhad");
    public static final StackName COROSYNC = new StackName("corosync");

    /** The SHOULD pattern of §5.1; names outside it are valid but worth a warning. */
    private static final Pattern CONVENTIONAL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    /** @throws IllegalArgumentException naming the name and what is wrong with it */
    public StackName {
        Objects.requireNonNull(value, "value");
        Optional<String> problem = problem(value);
        if (problem.isPresent()) {
            throw new IllegalArgumentException("invalid stack name " + Text.quote(value) + ": " + problem.get());
        }
    }

    public static StackName of(String value) {
        return new StackName(value);
    }

    public static boolean isValid(String candidate) {
        return problem(candidate).isEmpty();
    }

    /** Why {@code candidate} is not a valid stack name, e.g. {@code it contains '/'}; empty if it is one. */
    public static Optional<String> problem(String candidate) {
        if (candidate.isEmpty()) {
            return Optional.of("it is empty");
        }
        if (candidate.equals(".") || candidate.equals("..")) {
            return Optional.of("it is " + Text.quote(candidate) + ", which names no directory below the root");
        }
        if (candidate.indexOf('/') >= 0) {
            return Optional.of("it contains '/'");
        }
        if (candidate.indexOf('\0') >= 0) {
            return Optional.of("it contains NUL");
        }
        if (isBlank(candidate.codePointAt(0))) {
            return Optional.of("it starts with whitespace");
        }
        if (isBlank(candidate.codePointBefore(candidate.length()))) {
            return Optional.of("it ends with whitespace");
        }
        return Optional.empty();
    }

    public boolean isConventional() {
        return CONVENTIONAL.matcher(value).matches();
    }

    /** Byte-wise on the UTF-8 form, the order {@code ls} uses in the C locale. */
    @Override
    public int compareTo(StackName other) {
        return Arrays.compareUnsigned(value.getBytes(StandardCharsets.UTF_8), other.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return value;
    }

    /**
     * §5.1 does not define whitespace; both Java notions count (so a CR, a tab and a no-break space are
     * all whitespace), because such a name is almost always a copy-and-paste accident.
     */
    private static boolean isBlank(int codePoint) {
        return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint);
    }
}
