package org.xcp.clusterstack.api;

import java.util.Optional;

/**
 * A host UUID or a generation UUID in xhad's internal form: 32 lower-case hex digits, no dashes
 * (spec §3.3). The statefile and heartbeats carry this form; the liveset prints {@link #dashed()}.
 */
public record HaUuid(String compact) implements Comparable<HaUuid> {
    public static final int LENGTH = 32;

    public HaUuid {
        if (!isCompact(compact)) {
            throw new IllegalArgumentException("not 32 lower-case hex digits: '" + compact + "'");
        }
    }

    /**
     * Normalises as xhad does (every {@code -} deleted, exactly 32 characters must remain) and lower-cases.
     * xhad does not check for hex digits; we do, because a non-hex ID would make the liveset unparsable
     * for xapi.
     *
     * @throws IllegalArgumentException with a short reason that does not repeat the text
     */
    public static HaUuid parse(String text) {
        String compact = text.replace("-", "");
        if (compact.length() != LENGTH) {
            throw new IllegalArgumentException("has " + compact.length()
                    + " characters without dashes, a UUID has 32");
        }
        String lower = compact.toLowerCase(java.util.Locale.ROOT);
        if (!isCompact(lower)) {
            throw new IllegalArgumentException("is not made of hex digits");
        }
        return new HaUuid(lower);
    }

    /** The UUID stored in a statefile or heartbeat field, if those 32 characters are one. */
    public static Optional<HaUuid> fromWire(String raw32) {
        String lower = raw32.toLowerCase(java.util.Locale.ROOT);
        return isCompact(lower) ? Optional.of(new HaUuid(lower)) : Optional.empty();
    }

    /** The 8-4-4-4-12 form printed in the liveset. */
    public String dashed() {
        return compact.substring(0, 8) + '-' + compact.substring(8, 12) + '-' + compact.substring(12, 16)
                + '-' + compact.substring(16, 20) + '-' + compact.substring(20);
    }

    @Override
    public int compareTo(HaUuid other) {
        return compact.compareTo(other.compact);
    }

    @Override
    public String toString() {
        return dashed();
    }

    private static boolean isCompact(String s) {
        if (s == null || s.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
