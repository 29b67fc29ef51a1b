package org.xcp.clusterstack.selector;

import java.util.List;
import java.util.Objects;

/**
 * A XenAPI error raised by the selector: the code and its parameters exactly as xapi's clients would see
 * them, plus a one-line explanation for people (the parameters are for programs).
 */
public final class SelectorError extends RuntimeException {
    /** R2's text, kept identical to xapi's so that clients see the same string. */
    public static final String SR_TYPE_NOT_FOUND = "SR type not found in SM table.";

    private final XenApiErrorCode code;
    private final List<String> params;

    /** @throws IllegalArgumentException if the number of parameters is not the code's arity */
    public SelectorError(XenApiErrorCode code, List<String> params, String explanation) {
        super(Quote.oneLine(code + ": " + Objects.requireNonNull(explanation, "explanation")));
        this.code = Objects.requireNonNull(code, "code");
        this.params = List.copyOf(params);
        if (this.params.size() != code.arity()) {
            throw new IllegalArgumentException(code + " takes " + code.arity() + " parameters, not " + params);
        }
    }

    public XenApiErrorCode code() {
        return code;
    }

    public List<String> params() {
        return params;
    }

    /** The code and parameters in xapi's notation, e.g. {@code CLUSTER_STACK_CONSTRAINT [OpaqueRef:a, o2cb]}. */
    public String xenApiForm() {
        return code + " " + params;
    }

    static SelectorError srTypeNotFound(Sr sr) {
        return new SelectorError(XenApiErrorCode.INTERNAL_ERROR, List.of(SR_TYPE_NOT_FOUND),
                "SR " + sr.ref() + " has type " + Quote.quote(sr.type()) + ", which no driver in the SM table has");
    }

    static SelectorError unknownClusterStack(String stack, String why) {
        return new SelectorError(XenApiErrorCode.UNKNOWN_CLUSTER_STACK, List.of(stack),
                "cluster stack " + Quote.quote(stack) + " " + why);
    }

    static SelectorError constraint(String objectRef, String stack, String why) {
        return new SelectorError(XenApiErrorCode.CLUSTER_STACK_CONSTRAINT, List.of(objectRef, stack), why);
    }

    static SelectorError handleInvalid(String objectClass, String ref) {
        return new SelectorError(XenApiErrorCode.HANDLE_INVALID, List.of(objectClass, ref),
                "no " + objectClass + " has the reference " + Quote.quote(ref));
    }
}
