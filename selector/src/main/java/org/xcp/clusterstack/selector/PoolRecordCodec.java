package org.xcp.clusterstack.selector;

import java.util.HashSet;
import java.util.Set;

/**
 * The record file's text: one JSON object with exactly {@code ha_enabled} (a boolean) and
 * {@code ha_cluster_stack} (a string), for example {@code {"ha_enabled": true, "ha_cluster_stack": "o2cb"}}.
 * The reader accepts any JSON whitespace and member order and nothing else, so a damaged file is refused
 * instead of being read as a new pool.
 */
final class PoolRecordCodec {
    static final String HA_ENABLED = "ha_enabled";
    static final String HA_CLUSTER_STACK = "ha_cluster_stack";

    private PoolRecordCodec() {
    }

    static String encode(PoolRecord record) {
        return "{\"" + HA_ENABLED + "\": " + record.haEnabled() + ", \"" + HA_CLUSTER_STACK + "\": "
                + jsonString(record.haClusterStack()) + "}\n";
    }

    /** @throws IllegalArgumentException saying what is wrong and at which character */
    static PoolRecord decode(String text) {
        return new Reader(text).record();
    }

    private static String jsonString(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029 || Character.isSurrogate(c) && !wellFormedAt(s, i)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** A lone surrogate cannot be written as UTF-8; escaped, it survives the round trip. */
    private static boolean wellFormedAt(String s, int i) {
        char c = s.charAt(i);
        return Character.isHighSurrogate(c) ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    /** A strict reader for exactly the one shape the writer produces, with any JSON whitespace. */
    private static final class Reader {
        private final String text;
        private int at;

        Reader(String text) {
            this.text = text;
        }

        PoolRecord record() {
            Boolean enabled = null;
            String stack = null;
            Set<String> seen = new HashSet<>();
            expect('{');
            do {
                String key = string();
                if (!seen.add(key)) {
                    throw fail("member " + Quote.quote(key) + " appears twice");
                }
                expect(':');
                switch (key) {
                    case HA_ENABLED -> enabled = bool();
                    case HA_CLUSTER_STACK -> stack = string();
                    default -> throw fail("unknown member " + Quote.quote(key));
                }
            } while (accept(','));
            expect('}');
            skipSpace();
            if (at != text.length()) {
                throw fail("text after the object");
            }
            if (enabled == null || stack == null) {
                throw fail("member " + (enabled == null ? HA_ENABLED : HA_CLUSTER_STACK) + " is missing");
            }
            return new PoolRecord(enabled, stack);
        }

        private boolean bool() {
            skipSpace();
            for (String literal : new String[] {"true", "false"}) {
                if (text.startsWith(literal, at)) {
                    at += literal.length();
                    return literal.equals("true");
                }
            }
            throw fail("expected true or false");
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                if (at >= text.length()) {
                    throw fail("unterminated string");
                }
                char c = text.charAt(at++);
                if (c == '"') {
                    return out.toString();
                }
                if (c < 0x20) {
                    throw fail("control character in a string");
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                if (at >= text.length()) {
                    throw fail("unterminated escape");
                }
                char e = text.charAt(at++);
                switch (e) {
                    case '"', '\\', '/' -> out.append(e);
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> out.append(hex4());
                    default -> throw fail("bad escape \\" + e);
                }
            }
        }

        private char hex4() {
            if (at + 4 > text.length()) {
                throw fail("short \\u escape");
            }
            int value = 0;
            for (int i = 0; i < 4; i++) {
                char c = text.charAt(at++);
                int digit = c < 0x80 ? Character.digit(c, 16) : -1; // not the other scripts' digits
                if (digit < 0) {
                    throw fail("bad \\u escape");
                }
                value = value * 16 + digit;
            }
            return (char) value;
        }

        private void expect(char c) {
            if (!accept(c)) {
                throw fail("expected '" + c + "'");
            }
        }

        private boolean accept(char c) {
            skipSpace();
            if (at < text.length() && text.charAt(at) == c) {
                at++;
                return true;
            }
            return false;
        }

        private void skipSpace() {
            while (at < text.length() && " \t\n\r".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
        }

        private IllegalArgumentException fail(String what) {
            return new IllegalArgumentException(what + " at character " + at);
        }
    }
}
