package org.xcp.clusterstack.xhad.sim;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.xcp.clusterstack.api.HostSet;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.xhad.heartbeat.HeartbeatCodec;
import org.xcp.clusterstack.xhad.heartbeat.HeartbeatPacket;
import org.xcp.clusterstack.xhad.heartbeat.HeartbeatPacketBuilder;
import org.xcp.clusterstack.xhad.heartbeat.PacketField;
import org.xcp.clusterstack.xhad.heartbeat.TrailerField;

/**
 * A forger on the heartbeat network of a keyed pool, without the key: it knows every {@code xhad.conf} (UUIDs,
 * addresses, generation), hears every datagram a host receives, spoofs any source address, and sends what the
 * attacks of issue 16 sent, and more: garbage, blind heartbeats (fence requests, raised sequences, a host that hears
 * nobody, a fault-handler phase), keyed datagrams with a made-up MAC or its own key, captured datagrams changed in
 * one field, and exact replays (to the life of the host that got the original, or to another host). What it never
 * does is deliver a host's datagram that the network lost: that is the network's power, not a forger's.
 *
 * <p>Its random source is its own, so a pool runs the same schedule whether or not it is attacked.
 */
final class SimAdversary implements Forger {
    enum Forgery {
        GARBAGE, BLIND_XHAD, BLIND_KEYED, OWN_KEY, TAMPERED, REPLAY, REPLAY_ELSEWHERE, FROM_ELSEWHERE
    }

    private record Capture(int receiver, int receiverRun, byte[] datagram) {
    }

    private static final int CAPTURES = 256;

    private final Random random;
    private final double perStep;
    private final List<Capture> captures = new ArrayList<>();
    private final Map<Forgery, Long> sent = new EnumMap<>(Forgery.class);
    private final Mac ownKey;

    /** {@code perStep}: forged datagrams per host and step, on average. */
    SimAdversary(long seed, double perStep) {
        this.random = new Random(seed * 0x9E3779B97F4A7C15L + 16);
        this.perStep = perStep;
        try {
            ownKey = Mac.getInstance("HmacSHA256");
            ownKey.init(new SecretKeySpec("the forger's own key, not the pool's".getBytes(), "HmacSHA256"));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A host got {@code d} (a host sent it): the forger has a copy. */
    @Override
    public void observe(SimNetwork.Delivery d, int receiverRun) {
        if (captures.size() == CAPTURES) {
            captures.remove(random.nextInt(CAPTURES));
        }
        captures.add(new Capture(d.receiver(), receiverRun, d.datagram().clone()));
    }

    /** This step's forgeries, arriving now. */
    @Override
    public List<SimNetwork.Delivery> forge(long now, SimulatedPool pool) {
        List<SimNetwork.Delivery> out = new ArrayList<>();
        List<DaemonConfig> configs = pool.configs();
        int hosts = configs.size();
        for (int target = 0; target < hosts; target++) {
            int n = (int) perStep + (random.nextDouble() < perStep - (int) perStep ? 1 : 0);
            for (int k = 0; k < n; k++) {
                Forgery f = Forgery.values()[random.nextInt(Forgery.values().length)];
                SimNetwork.Delivery d = forge(f, target, now, pool, configs);
                if (d != null) {
                    sent.merge(f, 1L, Long::sum);
                    out.add(d);
                }
            }
        }
        return out;
    }

    Map<Forgery, Long> sent() {
        return Map.copyOf(sent);
    }

    private SimNetwork.Delivery forge(Forgery f, int target, long now, SimulatedPool pool, List<DaemonConfig> configs) {
        int hosts = configs.size();
        int claimed = random.nextInt(hosts);
        InetAddress spoofed = address(configs, claimed);
        switch (f) {
            case GARBAGE -> {
                byte[] junk = new byte[random.nextInt(1000)];
                random.nextBytes(junk);
                return forged(target, now, junk, spoofed);
            }
            case BLIND_XHAD -> {
                return forged(target, now, HeartbeatCodec.encode(blind(configs, claimed, target)), spoofed);
            }
            case BLIND_KEYED, OWN_KEY -> {
                byte[] d = Arrays.copyOf(HeartbeatCodec.encode(blind(configs, claimed, target)), TrailerField.KEYED_SIZE);
                ByteBuffer b = ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN);
                b.putInt(TrailerField.AUTH_MAGIC.offset(), TrailerField.AUTH_MAGIC_VALUE);
                b.putInt(TrailerField.KEY_ID.offset(), learnedKeyId());
                b.putLong(TrailerField.INCARNATION.offset(), random.nextLong());
                b.putInt(TrailerField.DESTINATION.offset(), target);
                b.putInt(TrailerField.ECHO_SEQUENCE.offset(), random.nextInt(1000));
                b.putLong(TrailerField.ECHO_INCARNATION.offset(), random.nextLong());
                if (f == Forgery.OWN_KEY) {
                    ownKey.update(d, 0, TrailerField.MAC_COVERS);
                    try {
                        ownKey.doFinal(d, TrailerField.MAC.offset());
                    } catch (javax.crypto.ShortBufferException e) {
                        throw new IllegalStateException(e);
                    }
                } else {
                    byte[] mac = new byte[TrailerField.MAC.size()];
                    random.nextBytes(mac);
                    System.arraycopy(mac, 0, d, TrailerField.MAC.offset(), mac.length);
                }
                return forged(target, now, d, spoofed);
            }
            case TAMPERED -> {
                Capture c = capturedFor(target, pool);
                if (c == null) {
                    return null;
                }
                byte[] d = c.datagram().clone();
                ByteBuffer b = ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN);
                switch (random.nextInt(5)) {
                    case 0 -> b.putInt(PacketField.SEQUENCE.offset(), b.getInt(PacketField.SEQUENCE.offset()) + 1 + random.nextInt(1000));
                    case 1 -> d[PacketField.FENCE_REQUEST.offset()] = 1;
                    case 2 -> b.putLong(PacketField.HBDOMAIN.offset(), 0L);
                    case 3 -> b.putInt(PacketField.SM_PHASE.offset(), 1 + random.nextInt(8));
                    default -> d[random.nextInt(d.length)] ^= (byte) (1 << random.nextInt(8));
                }
                if (Arrays.equals(d, c.datagram())) {
                    return null; // the change was no change (the flag was already set)
                }
                return forged(target, now, d, address(configs, claimedSender(d)));
            }
            case REPLAY -> {
                Capture c = capturedFor(target, pool);
                return c == null ? null : forged(target, now, c.datagram().clone(),
                        address(configs, claimedSender(c.datagram())));
            }
            case REPLAY_ELSEWHERE -> {
                if (captures.isEmpty()) {
                    return null;
                }
                Capture c = captures.get(random.nextInt(captures.size()));
                if (c.receiver() == target) {
                    return null;
                }
                return forged(target, now, c.datagram().clone(), address(configs, claimedSender(c.datagram())));
            }
            case FROM_ELSEWHERE -> {
                Capture c = capturedFor(target, pool);
                if (c == null) {
                    return null;
                }
                int sender = claimedSender(c.datagram());
                return forged(target, now, c.datagram().clone(), address(configs, (sender + 1) % hosts));
            }
            default -> throw new IllegalStateException(f.toString());
        }
    }

    /** A capture the target's current life already got (a replay to an earlier life would be a lost datagram). */
    private Capture capturedFor(int target, SimulatedPool pool) {
        var run = pool.currentRun(target);
        if (run.isEmpty()) {
            return null;
        }
        List<Capture> mine = new ArrayList<>();
        for (Capture c : captures) {
            if (c.receiver() == target && c.receiverRun() == run.get().run()) {
                mine.add(c);
            }
        }
        return mine.isEmpty() ? null : mine.get(random.nextInt(mine.size()));
    }

    private int learnedKeyId() {
        if (captures.isEmpty()) {
            return random.nextInt();
        }
        byte[] d = captures.get(0).datagram();
        return ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN).getInt(TrailerField.KEY_ID.offset());
    }

    /** A heartbeat forged from the configs alone: the claimed host's UUID and index, anything else as it likes. */
    private HeartbeatPacket blind(List<DaemonConfig> configs, int claimed, int target) {
        DaemonConfig c = configs.get(claimed);
        HostSet all = HostSet.firstN(configs.size());
        HeartbeatPacketBuilder b = new HeartbeatPacketBuilder(c.generation(), c.hosts().get(claimed).id(), claimed)
                .sequence(random.nextBoolean() ? random.nextInt() : 1 + random.nextInt(3000))
                .currentLiveset(all).proposedLiveset(random.nextBoolean() ? all : all.without(target))
                .hbdomain(random.nextBoolean() ? HostSet.of(claimed) : all).sfdomain(all)
                .fenceRequest(random.nextBoolean()).smPhase(random.nextInt(10)).sfAccess(true)
                .sr2(random.nextInt(4) == 0).sfAccelerate(random.nextBoolean());
        return b.build();
    }

    private static InetAddress address(List<DaemonConfig> configs, int host) {
        return configs.get(0).hosts().get(Math.floorMod(host, configs.size())).address();
    }

    private static SimNetwork.Delivery forged(int target, long now, byte[] datagram, InetAddress source) {
        return new SimNetwork.Delivery(target, null, now, datagram, source, true);
    }

    /** The sender index a datagram claims, read as a forger reads it. */
    private static int claimedSender(byte[] datagram) {
        return ByteBuffer.wrap(datagram).order(ByteOrder.LITTLE_ENDIAN).getInt(PacketField.HOST_INDEX.offset());
    }
}
