package org.xcp.clusterstack.selector;

import java.util.Collection;
import java.util.stream.Collectors;

/** Keeps every explanation on one line, whatever a name, a type or a reference holds. */
final class Quote {
    private Quote() {
    }

    /** Double-quoted, with quote, backslash and control characters escaped, so {@code " xhad"} shows its blank. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        s.codePoints().forEach(cp -> {
            switch (cp) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(cp) || cp == 0x2028 || cp == 0x2029) {
                        out.append(String.format("\\u%04x", cp));
                    } else {
                        out.appendCodePoint(cp);
                    }
                }
            }
        });
        return out.append('"').toString();
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
        return message.replaceAll("[\\r\\n\\u2028\\u2029]+", " ");
    }
}
