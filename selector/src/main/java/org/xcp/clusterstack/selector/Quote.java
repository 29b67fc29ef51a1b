package org.xcp.clusterstack.selector;

import java.util.Collection;
import java.util.stream.Collectors;
import org.xcp.clusterstack.api.OneLine;

/** Keeps every explanation on one line, whatever a name, a type or a reference holds. */
final class Quote {
    private Quote() {
    }

    static String quote(String s) {
        return OneLine.quote(s);
    }

    /** {@code [o2cb corosync]}, in the given order, each element shown plainly when it is a plain word. */
    static String list(Collection<String> items) {
        return items.stream().map(Quote::plainOrQuoted).collect(Collectors.joining(" ", "[", "]"));
    }

    static String plainOrQuoted(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> c > ' ' && c < 0x7f && c != '"' && c != '\\' && c != '[' && c != ']')
                ? s : quote(s);
    }

    static String oneLine(String message) {
        return OneLine.of(message);
    }
}
