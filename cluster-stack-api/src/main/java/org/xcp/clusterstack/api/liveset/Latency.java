package org.xcp.clusterstack.api.liveset;

/** One latency triple in milliseconds; -1 means "no sample since the last query" (spec §4.1). */
public record Latency(long last, long max, long min) {
    public static final long NO_SAMPLE = -1;
    public static final Latency NONE = new Latency(NO_SAMPLE, NO_SAMPLE, NO_SAMPLE);

    public Latency {
        OcamlRange.check("latency", last);
        OcamlRange.check("latency max", max);
        OcamlRange.check("latency min", min);
    }
}
