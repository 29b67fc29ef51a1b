package org.xcp.clusterstack.api.liveset;

/** {@code <timeout>}: T1, T2, T3 (xapi health-check timeout), Wh and Ws in milliseconds. */
public record Timeouts(long t1Ms, long t2Ms, long t3Ms, long whMs, long wsMs) {
    public Timeouts {
        OcamlRange.check("T1", t1Ms);
        OcamlRange.check("T2", t2Ms);
        OcamlRange.check("T3", t3Ms);
        OcamlRange.check("Wh", whMs);
        OcamlRange.check("Ws", wsMs);
    }
}
