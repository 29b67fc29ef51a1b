package org.xcp.clusterstack.api;

/**
 * Every diagnostic this project prints is one line (xapi logs a script's stderr line by line; admins grep
 * them): the one place that folds a message onto a line and quotes a value so that whatever it holds (a CR
 * left by a CRLF file, a blank, a control byte) shows instead of breaking the line.
 */
public final class OneLine {
    private OneLine() {
    }

    /** {@code message} with each run of line breaks (CR, LF, U+2028, U+2029) made one space, stripped; "" for null. */
    public static String of(String message) {
        if (message == null) {
            return "";
        }
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if (c == '\r' || c == '\n' || c == '\u2028' || c == '\u2029') { // the regex only when needed: cold JVMs
                return message.replaceAll("[\\r\\n\\u2028\\u2029]+", " ").strip();
            }
        }
        return message.strip();
    }

    /**
     * Double-quoted, with quote, backslash and control characters escaped ({@code \n}, {@code \r}, {@code \t},
     * else {@code \}{@code uXXXX}), so {@code " xhad"} shows its blank and an empty value shows as {@code ""}.
     */
    public static String quote(String s) {
        return quote(s, false);
    }

    /** Like {@link #quote(String)} for bytes held one per char (ISO-8859-1): bytes from 0x80 show as \xNN. */
    public static String quoteBytes(String latin1) {
        return quote(latin1, true);
    }

    private static String quote(String s, boolean bytes) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        s.codePoints().forEach(cp -> {
            switch (cp) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (bytes && cp >= 0x80) {
                        out.append(String.format("\\x%02x", cp));
                    } else if (Character.isISOControl(cp) || cp == 0x2028 || cp == 0x2029) {
                        out.append(String.format("\\u%04x", cp));
                    } else {
                        out.appendCodePoint(cp);
                    }
                }
            }
        });
        return out.append('"').toString();
    }
}
