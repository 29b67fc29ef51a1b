package org.xcp.clusterstack.api.statefile;

import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.HostSet;

/** Generators of raw sections (any field value at all) and of sealed ones, for the properties. */
public final class SectionArbitraries {
    private SectionArbitraries() {
    }

    /** 32 arbitrary bytes, as the codec holds them. */
    public static Arbitrary<String> raw32() {
        return Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofLength(32);
    }

    public static Arbitrary<HaUuid> uuids() {
        return Arbitraries.strings().withChars("0123456789abcdef").ofLength(32).map(HaUuid::new);
    }

    public static Arbitrary<HostSet> hostSets() {
        return Arbitraries.longs().map(HostSet::new);
    }

    public static Arbitrary<GlobalSection> rawGlobals() {
        return Combinators.combine(Arbitraries.integers().array(int[].class).ofSize(10), raw32(), raw32())
                .as((n, gen, master) -> new GlobalSection(n[0], n[1], n[2], n[3], n[4], n[5], n[6], gen, n[7],
                        master, n[8], n[9]));
    }

    public static Arbitrary<HostSection> rawHosts() {
        Arbitrary<List<Integer>> perHost = Arbitraries.integers().list().ofSize(64);
        return Combinators.combine(Arbitraries.integers().array(int[].class).ofSize(13), raw32(), perHost,
                perHost, Arbitraries.longs().array(long[].class).ofSize(5))
                .as((n, uuid, hb, sf, sets) -> new HostSection(n[0], n[1], n[2], n[3], n[4], uuid, n[5], n[6], hb,
                        sf, n[7], new HostSet(sets[0]), new HostSet(sets[1]), new HostSet(sets[2]),
                        new HostSet(sets[3]), n[8], new HostSet(sets[4]), n[9], n[10], n[11]));
    }

    /** Sections built from domain values the way a daemon builds its own. */
    public static Arbitrary<HostSection> sealedHosts() {
        Arbitrary<Integer> index = Arbitraries.integers().between(0, 63);
        return Combinators.combine(rawHosts(), uuids(), index, Arbitraries.of(SmPhase.class),
                Arbitraries.integers(), Arbitraries.integers(), Arbitraries.of(true, false))
                .as((raw, uuid, i, phase, ms, seq, flag) -> raw.toBuilder()
                        .sequence(seq).hostIndex(i).hostUuid(uuid).excluded(flag).starting(!flag)
                        .sinceLastHbReceipt(i, ms).sinceLastSfUpdate(63 - i, -1).lockRequest(flag)
                        .smPhase(phase).build());
    }

    public static Arbitrary<GlobalSection> sealedGlobals() {
        return Combinators.combine(uuids(), Arbitraries.integers().between(1, 64), Arbitraries.of(PoolState.class),
                uuids().optional())
                .as((gen, hosts, state, master) -> GlobalSection.initial(gen, hosts).withPoolState(state)
                        .withMaster(master));
    }

    /**
     * A statefile-sized array of random data bytes with zero padding. Random, not jqwik-shrunk: jqwik
     * cannot usefully generate or shrink 266,240 bytes, and the seed is enough to replay a failure.
     */
    public static byte[] randomImageBytes(long seed) {
        Random random = new Random(seed);
        byte[] bytes = new byte[StatefileLayout.SIZE];
        fill(random, bytes, 0, StatefileLayout.GLOBAL_DATA_LENGTH);
        for (int i = 0; i < StatefileLayout.MAX_HOSTS; i++) {
            fill(random, bytes, StatefileLayout.hostOffset(i), StatefileLayout.HOST_DATA_LENGTH);
        }
        return bytes;
    }

    public static byte[] randomBytes(long seed, int length) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static void fill(Random random, byte[] bytes, int offset, int length) {
        byte[] data = new byte[length];
        random.nextBytes(data);
        System.arraycopy(data, 0, bytes, offset, length);
    }
}
