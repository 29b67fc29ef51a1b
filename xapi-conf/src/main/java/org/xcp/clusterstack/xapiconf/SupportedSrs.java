package org.xcp.clusterstack.xapiconf;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.InputFile;

/**
 * A stack's {@code ha_supported_srs}: the SR types that may hold the statefile (selector.md §7).
 * An empty {@code whitelist} means no constraint (file absent or unreadable); a present whitelist may be
 * empty, and then it accepts nothing. The two are different values and can never be confused.
 */
public record SupportedSrs(Optional<Set<String>> whitelist) {
    /** A list of SR types is a few hundred bytes. */
    static final long MAX_FILE_BYTES = 1 << 20;

    public static final String FILE_NAME = "ha_supported_srs";

    /** The six ASCII whitespace characters of §7, and nothing else (not NBSP, not NEL). */
    private static final Pattern ASCII_WHITESPACE = Pattern.compile("[ \t\n\r\u000B\f]+");

    /** @throws IllegalArgumentException if a type is empty or contains ASCII whitespace: no file can say it */
    public SupportedSrs {
        Objects.requireNonNull(whitelist, "whitelist");
        whitelist = whitelist.map(SupportedSrs::sortedCopy);
    }

    public static SupportedSrs noConstraint() {
        return new SupportedSrs(Optional.empty());
    }

    public static SupportedSrs of(Collection<String> srTypes) {
        return new SupportedSrs(Optional.of(Set.copyOf(srTypes)));
    }

    /** The whitelist in a present file's content: whitespace-separated tokens, no comment syntax. */
    public static SupportedSrs parse(String content) {
        Set<String> types = new TreeSet<>();
        for (String token : ASCII_WHITESPACE.split(content)) {
            if (!token.isEmpty()) {
                types.add(token);
            }
        }
        return new SupportedSrs(Optional.of(types));
    }

    /**
     * Reads the file now; callers read it each time they check, so a stack update takes effect without a
     * restart (§7). Absent or unreadable for any reason (permissions, a directory of that name, a link
     * loop, a FIFO, a device, more than 1 MiB) means no constraint, for compatibility with stacks such as xhad
     * that ship no file.
     */
    public static SupportedSrs readFrom(Path file) {
        byte[] bytes;
        try { // a FIFO or a device is never opened (a FIFO would block the check): it is no file, so no constraint
            bytes = InputFile.read(file, "an ha_supported_srs file", MAX_FILE_BYTES, ExitCode.INVALID_ENVIRONMENT,
                    ExitCode.INVALID_ENVIRONMENT);
        } catch (HaException e) {
            return noConstraint();
        }
        // Malformed UTF-8 becomes U+FFFD inside its token: ASCII bytes, and so the separators, are never
        // part of a multi-byte sequence, and such a token cannot equal a real SR type anyway.
        return parse(new String(bytes, StandardCharsets.UTF_8));
    }

    public boolean isConstrained() {
        return whitelist.isPresent();
    }

    /** Exact, case-sensitive: {@code NFS} is not {@code nfs}. */
    public boolean accepts(String srType) {
        return whitelist.map(types -> types.contains(srType)).orElse(true);
    }

    private static Set<String> sortedCopy(Set<String> types) {
        Set<String> copy = new TreeSet<>();
        for (String type : types) {
            if (type.isEmpty() || ASCII_WHITESPACE.matcher(type).find()) {
                throw new IllegalArgumentException("not an SR type token: " + Text.quote(type));
            }
            copy.add(type);
        }
        return Collections.unmodifiableSet(copy);
    }
}
