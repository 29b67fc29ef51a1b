package org.xcp.clusterstack.whatif;

import java.util.Locale;

/**
 * One fault {@code simulate} injects, all at the same instant: a host that fails whole ({@code FAIL}: power, kernel
 * panic, every process gone), a daemon that hangs ({@code HANG}: SIGSTOP; its watchdog keeps counting), a host cut
 * off from every other ({@code ISOLATE}), the link between two hosts cut both ways ({@code CUT}), or a host's
 * statefile I/O failing ({@code STATEFILE_LOST}). {@code other} is the far end of a cut, else -1.
 */
public record Fault(Kind kind, int host, int other) {
    public enum Kind {
        FAIL, HANG, ISOLATE, CUT, STATEFILE_LOST;

        /** The command-line option's word: {@code fail}, {@code statefile-lost}. */
        public String word() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public Fault {
        if (host < 0 || (kind == Kind.CUT) != (other >= 0)) {
            throw new IllegalArgumentException("not a fault: " + kind + " " + host + " " + other);
        }
        if (kind == Kind.CUT && host == other) {
            throw new IllegalArgumentException("a cut joins two different hosts, not " + host + " and itself");
        }
    }

    public static Fault of(Kind kind, int host) {
        return new Fault(kind, host, -1);
    }

    public static Fault cut(int a, int b) {
        return new Fault(Kind.CUT, a, b);
    }

    /** As the option is written: {@code fail 2}, {@code cut 0:2}. */
    @Override
    public String toString() {
        return kind.word() + " " + host + (kind == Kind.CUT ? ":" + other : "");
    }
}
