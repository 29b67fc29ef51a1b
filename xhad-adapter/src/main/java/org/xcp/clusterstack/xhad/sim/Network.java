package org.xcp.clusterstack.xhad.sim;

import java.time.Duration;

/**
 * How the simulated network treats each heartbeat to each receiver: lost with probability {@code loss},
 * else delivered after a delay drawn uniformly from {@code minDelay..maxDelay} (a zero delay delivers at
 * once, inside the sender's turn). With {@code wire} every packet goes through the 744-byte codec of
 * spec §6.2 and the receiver's decode, so the simulation also exercises the wire format.
 */
public record Network(double loss, Duration minDelay, Duration maxDelay, boolean wire) {
    /** Every packet arrives at once, through the codec. */
    public static final Network PERFECT = new Network(0, Duration.ZERO, Duration.ZERO, true);

    public Network {
        if (loss < 0 || loss >= 1) {
            throw new IllegalArgumentException("loss " + loss + " is outside [0, 1)");
        }
        if (minDelay.isNegative() || maxDelay.compareTo(minDelay) < 0) {
            throw new IllegalArgumentException("delays " + minDelay + ".." + maxDelay + " are not a range");
        }
    }

    /** Lossy and jittery: packets may also arrive out of order and be dropped as old (§6.3 step 2). */
    public static Network lossy(double loss, Duration maxDelay) {
        return new Network(loss, Duration.ZERO, maxDelay, true);
    }
}
