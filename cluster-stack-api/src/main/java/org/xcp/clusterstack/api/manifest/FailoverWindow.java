package org.xcp.clusterstack.api.manifest;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;

/**
 * When a stack's survivors report a host that stopped answering as not live, as a function of the HA timeout T
 * (each bound is {@code perHaTimeout × T + seconds}). Not before {@code earliest}: that host must be fenced
 * first, because xapi restarts its VMs as soon as {@code liveness} is FALSE (stacks.md §5.3). Not after
 * {@code latest}: a stack that never notices a dead host never lets xapi restart anything. Both are measured
 * from the moment the host stopped answering.
 */
public record FailoverWindow(Bound earliest, Bound latest) {
    /** {@code perHaTimeout × T + seconds}. */
    public record Bound(BigDecimal perHaTimeout, int seconds) {
        public Bound {
            Objects.requireNonNull(perHaTimeout);
            if (perHaTimeout.signum() < 0 || seconds < 0) {
                throw new IllegalArgumentException("failover: per-ha-timeout and seconds must not be negative");
            }
        }

        public Duration at(int haTimeout) {
            return Duration.ofMillis(perHaTimeout.multiply(BigDecimal.valueOf(haTimeout * 1000L)).longValue()
                    + seconds * 1000L);
        }

        @Override
        public String toString() {
            return perHaTimeout.toPlainString() + " T + " + seconds + " s";
        }
    }

    /** xhad's window (spec §7.3 FH4, §7.9), the default for a manifest that states none. */
    public static final FailoverWindow XHAD = new FailoverWindow(new Bound(new BigDecimal("0.95"), 12),
            new Bound(new BigDecimal("1.05"), 25));

    public FailoverWindow {
        Objects.requireNonNull(earliest);
        Objects.requireNonNull(latest);
        if (earliest.perHaTimeout().compareTo(latest.perHaTimeout()) > 0 || earliest.at(10).compareTo(latest.at(10)) > 0) {
            throw new IllegalArgumentException("failover: earliest (" + earliest + ") comes after latest (" + latest
                    + ") for some T >= 10");
        }
    }
}
