package org.xcp.clusterstack.api.fault;

/**
 * The named fault-injection points of the xhad engine, like the C xhad's FIST points: a test or an
 * operator switches one on ({@code cluster-stack fist enable NAME}) and the I/O code that checks it
 * misbehaves on purpose. A point named with the suffix {@code .once} fires once and switches itself off;
 * without it, a point fires every time until it is disabled ({@code .sticky} says so explicitly).
 */
public enum FaultPoint {
    /** Every heartbeat this host sends is dropped before it reaches the socket. */
    HB_SEND_LOSTPACKET("hb.send.lostpacket", "drop every heartbeat this host sends"),
    /** Every heartbeat that reaches this host is dropped before the core sees it. */
    HB_RECEIVE_LOSTPACKET("hb.receive.lostpacket", "drop every heartbeat this host receives"),
    /** Every statefile read and write of this host fails, as with a lost SR path. */
    SF_IOERROR("sf.ioerror", "fail every statefile read and write of this host"),
    /** Every statefile access cycle of this host takes StateFileInterval longer. */
    SF_SLOW("sf.slow", "delay every statefile access cycle by StateFileInterval");

    private final String label;
    private final String effect;

    FaultPoint(String label, String effect) {
        this.label = label;
        this.effect = effect;
    }

    /** The name on the command line, without {@code .once}/{@code .sticky}. */
    public String label() {
        return label;
    }

    public String effect() {
        return effect;
    }
}
