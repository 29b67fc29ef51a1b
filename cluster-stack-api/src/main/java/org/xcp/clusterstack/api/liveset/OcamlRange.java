package org.xcp.clusterstack.api.liveset;

/**
 * xapi holds liveset integers in OCaml's 63-bit {@code int}; a value outside that range would make
 * xapi reject the whole document, so the values refuse to hold one.
 */
final class OcamlRange {
    static final long MIN = -(1L << 62);
    static final long MAX = (1L << 62) - 1;

    private OcamlRange() {
    }

    static long check(String name, long value) {
        if (value < MIN || value > MAX) {
            throw new IllegalArgumentException(name + " " + value + " does not fit OCaml's 63-bit int");
        }
        return value;
    }

    /** Host indexes are 0..63; -1 stands for "not printed" (xapi never reads them). */
    static int checkIndex(String name, int index) {
        if (index < -1 || index > 63) {
            throw new IllegalArgumentException(name + " " + index + " is outside -1..63");
        }
        return index;
    }
}
