package org.xcp.clusterstack.api.statefile;

/** Checks and comparisons for the 32-byte text fields, held as ISO-8859-1 strings. */
final class RawText {
    static final int LENGTH = 32;

    private RawText() {
    }

    /** Rejects what could not have come from 32 bytes, so every section can be encoded again. */
    static String require(String field, String raw) {
        if (raw == null) {
            throw new NullPointerException(field);
        }
        if (raw.length() != LENGTH) {
            throw new IllegalArgumentException(field + " must be 32 characters, got " + raw.length());
        }
        for (int i = 0; i < LENGTH; i++) {
            if (raw.charAt(i) > 0xFF) {
                throw new IllegalArgumentException(field + " has a character that is not one byte at " + i);
            }
        }
        return raw;
    }

    /** xhad compares UUIDs ignoring case; only ASCII letters fold, raw bytes above 0x7F never match. */
    static boolean equalsIgnoreAsciiCase(String a, String b) {
        if (a.length() != b.length()) {
            return false;
        }
        for (int i = 0; i < a.length(); i++) {
            if (lower(a.charAt(i)) != lower(b.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** The text as C's {@code %s} prints it: up to the first NUL byte. */
    static String untilNul(String raw) {
        int nul = raw.indexOf('\0');
        return nul < 0 ? raw : raw.substring(0, nul);
    }

    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }
}
