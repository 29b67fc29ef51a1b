package org.xcp.clusterstack.tests.attack;

import java.util.Optional;
import java.util.Random;
import org.xcp.clusterstack.api.HostSet;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.statefile.SmPhase;
import org.xcp.clusterstack.xhad.heartbeat.HeartbeatCodec;
import org.xcp.clusterstack.xhad.heartbeat.HeartbeatPacket;
import org.xcp.clusterstack.xhad.heartbeat.HeartbeatPacketBuilder;
import org.xcp.clusterstack.xhad.heartbeat.PacketField;

/**
 * Forged heartbeats with the project's own codec: what host {@code s} would send host {@code t}, changed as an
 * attack needs. From a capture when there is one (its newest packet, its sequence, its keyed trailer) and
 * otherwise blind, from the config alone (the UUIDs and the GenerationUUID every host's xhad.conf holds).
 */
final class Forge {
    /** Far above any real counter (one a second since the daemon started), so a blind forgery is "newest". */
    static final int BLIND_SEQUENCE = 0x4000_0000;

    private final DaemonConfig config;
    private final Captured captured;
    private final boolean keyed;
    private final Random random;
    private final int lead;

    Forge(DaemonConfig config, Captured captured, boolean keyed, Random random, int lead) {
        this.config = config;
        this.captured = captured;
        this.keyed = keyed;
        this.random = random;
        this.lead = lead;
    }

    boolean keyed() {
        return keyed;
    }

    HostSet all() {
        return HostSet.firstN(config.hostCount());
    }

    /** What {@code s} last sent {@code t} if it was captured, else a healthy member as the config describes it. */
    HeartbeatPacketBuilder base(int s, int t) {
        Optional<HeartbeatPacket> seen = captured.last(s, t)
                .flatMap(h -> HeartbeatCodec.decode(h.datagram(), PacketField.PACKET_SIZE, config).packet());
        if (seen.isPresent()) {
            return seen.get().toBuilder().fenceRequest(false);
        }
        HeartbeatPacketBuilder b = new HeartbeatPacketBuilder(config.generation(), config.hosts().get(s).id(), s)
                .currentLiveset(all()).proposedLiveset(all()).hbdomain(all()).sfdomain(all())
                .smPhase(SmPhase.STARTED.code()).sfAccess(true).sinceXapiRestart(0);
        for (int h = 0; h < config.hostCount(); h++) {
            b.sinceLastHbReceipt(h, h == s ? HeartbeatPacket.NEVER : 500).sinceLastSfUpdate(h, 500);
        }
        return b;
    }

    /**
     * The sequence {@code t} will take as {@code s}'s newest for the {@code k}-th forgery: {@code lead} ahead of
     * where {@code s}'s counter should be by now (one a heartbeat interval since the capture), or blind.
     */
    int sequence(int s, int t, int k) {
        long interval = config.parameters().heartbeatInterval().toNanos();
        return captured.last(s, t).map(h -> h.sequence()
                + (int) Math.max(0, (System.currentTimeMillis() * 1_000_000L - h.nanos()) / interval) + lead + k)
                .orElse(BLIND_SEQUENCE + k);
    }

    /** The datagram of {@code p} for {@code t}: 744 bytes, or 808 with a trailer and a made-up MAC. */
    byte[] datagram(HeartbeatPacket p, int t) {
        byte[] plain = HeartbeatCodec.encode(p);
        return keyed ? Wire.withTrailer(plain, trailer(p.hostIndex(), t), random) : plain;
    }

    /**
     * The most convincing trailer for {@code s} to {@code t}: the real key id and {@code s}'s incarnation from
     * {@code s}'s captured heartbeats, echoing {@code t}'s newest heartbeat to {@code s}; only the MAC is made up.
     */
    Wire.Trailer trailer(int s, int t) {
        Optional<Wire.Trailer> mine = captured.last(s, t).filter(Captured.Heartbeat::keyed)
                .map(h -> Wire.trailer(h.datagram()));
        Optional<Captured.Heartbeat> echo = captured.last(t, s).filter(Captured.Heartbeat::keyed);
        byte[] keyId = mine.map(Wire.Trailer::keyId).or(() -> captured.lastKeyed()
                .map(h -> Wire.trailer(h.datagram()).keyId())).orElseGet(this::randomKeyId);
        return new Wire.Trailer(keyId, mine.map(Wire.Trailer::incarnation).orElseGet(random::nextLong), t,
                echo.map(Captured.Heartbeat::sequence).orElse(0),
                echo.map(h -> Wire.trailer(h.datagram()).incarnation()).orElse(0L));
    }

    /** A datagram of {@code length} random bytes: pure garbage, dropped by the first check it meets. */
    byte[] garbage(int length) {
        byte[] d = new byte[length];
        random.nextBytes(d);
        return d;
    }

    /**
     * Random bytes with a member's real header (signature, size, generation, UUID and index of {@code s}) and,
     * keyed, a trailer with the real key id for {@code t}: it passes §6.3 step 1, and every field after it is noise.
     */
    byte[] noiseFrom(int s, int t) {
        byte[] header = HeartbeatCodec.encode(new HeartbeatPacketBuilder(config.generation(),
                config.hosts().get(s).id(), s).build());
        byte[] d = garbage(keyed ? Wire.KEYED_SIZE : PacketField.PACKET_SIZE);
        System.arraycopy(header, 0, d, 0, PacketField.HOST_INDEX.end());
        Wire.le(d).putInt(PacketField.SEQUENCE.offset(), random.nextInt());
        Wire.le(d).putInt(PacketField.CHECKSUM.offset(), 0);
        if (keyed) {
            Wire.Trailer real = trailer(s, t);
            Wire.le(d).putInt(Wire.AUTH_MAGIC, Wire.AUTH_MAGIC_VALUE);
            System.arraycopy(real.keyId(), 0, d, Wire.KEY_ID, 4);
            Wire.le(d).putInt(Wire.DESTINATION, t);
        }
        return d;
    }

    private byte[] randomKeyId() {
        byte[] id = new byte[4];
        random.nextBytes(id);
        return id;
    }
}
