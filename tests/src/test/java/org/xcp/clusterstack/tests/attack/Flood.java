package org.xcp.clusterstack.tests.attack;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.xcp.clusterstack.xhad.heartbeat.PacketField;

/**
 * {@code rate} datagrams a second to each target for a while: a share of them with a member's real UUID and index
 * (from the member's own address when spoofing), random sequence and random content (keyed: the real key id, a
 * made-up MAC), the rest random bytes of a heartbeat's length. Paced every millisecond against the clock, so a
 * late tick catches up; the datagrams are made in advance, so the flood costs the attacker little but the sends.
 */
final class Flood {
    private static final int VARIANTS = 64;

    record Result(long sent, long real, long errors, double seconds) {
        double perTargetRate(int targets) {
            return seconds == 0 ? 0 : sent / seconds / targets;
        }
    }

    private Flood() {
    }

    static Result run(Forge forge, Sender sender, List<Integer> targets, int hostCount, double rate, double realShare,
            double seconds, Random random) {
        List<List<byte[]>> noise = new ArrayList<>();
        List<List<byte[]>> real = new ArrayList<>();
        List<List<Integer>> claimed = new ArrayList<>();
        int length = forge.keyed() ? Wire.KEYED_SIZE : PacketField.PACKET_SIZE;
        for (int t : targets) {
            List<byte[]> n = new ArrayList<>();
            List<byte[]> r = new ArrayList<>();
            List<Integer> from = new ArrayList<>();
            for (int v = 0; v < VARIANTS; v++) {
                int s = member(random, hostCount, t);
                n.add(forge.garbage(length));
                r.add(forge.noiseFrom(s, t));
                from.add(s);
            }
            noise.add(n);
            real.add(r);
            claimed.add(from);
        }
        System.err.println("attacker: flooding"); // tests/lab/attack opens its CPU window on this line
        System.err.flush();
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long due = 0;
        long sent = 0;
        long realSent = 0;
        long now;
        while ((now = System.nanoTime()) < end) {
            long target = (long) ((now - start) / 1e9 * rate);
            for (; due < target; due++) {
                for (int i = 0; i < targets.size(); i++) {
                    int v = random.nextInt(VARIANTS);
                    int from = claimed.get(i).get(v);
                    if (random.nextDouble() < realShare) {
                        byte[] d = real.get(i).get(v);
                        Wire.le(d).putInt(PacketField.SEQUENCE.offset(),
                                random.nextInt());
                        sender.send(d, from, targets.get(i));
                        realSent++;
                    } else {
                        sender.send(noise.get(i).get(v), from, targets.get(i));
                    }
                    sent++;
                }
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        return new Result(sent, realSent, sender.errors(), (System.nanoTime() - start) / 1e9);
    }

    /** A member other than {@code target} (the target drops its own index as OWN_HOST before anything else). */
    private static int member(Random random, int hostCount, int target) {
        int s = random.nextInt(hostCount - 1);
        return s >= target ? s + 1 : s;
    }
}
