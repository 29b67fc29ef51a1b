package org.xcp.clusterstack.api.liveset;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.xcp.clusterstack.api.HaUuid;

/**
 * The states captured in src/test/resources/liveset, written out by hand from the files so that
 * the tests read like the spec: a 3-host pool at T = 10, host 1 (index 0) master, all live.
 */
final class LivesetFixtures {
    static final HaUuid H1 = HaUuid.parse("772c21cf-451b-4ca7-93ae-87327ea1aa9b");
    static final HaUuid H2 = HaUuid.parse("91419cea-2994-4e24-a74e-7ef331ca6358");
    static final HaUuid H3 = HaUuid.parse("a7be0871-1a52-4ad2-b592-686e919ce993");
    static final List<HaUuid> ALL_THREE = List.of(H1, H2, H3);

    static final Timeouts T10 = new Timeouts(10_000, 10_000, 120_000, 10_000, 25_000);
    static final Latency NO_HEALTHCHECK_YET = new Latency(-1, -1, -1);

    private LivesetFixtures() {
    }

    /** liveset-3up-h1.xml: queried on host 1, the master. */
    static Liveset threeUpOnH1() {
        return online(H1, 0, new RawStatus(new Latency(11, 11, 0), new Latency(3, 3, 0), NO_HEALTHCHECK_YET,
                List.of(seesAll(H1, 0, 941, 1962), seesAll(H2, 1, 941, 1961), seesAll(H3, 2, 940, 1968))));
    }

    /** liveset-3up-h3.xml: the same pool queried on host 3. */
    static Liveset threeUpOnH3() {
        return online(H3, 2, new RawStatus(new Latency(2, 3, 0), new Latency(0, 0, 0), NO_HEALTHCHECK_YET,
                List.of(seesAll(H1, 0, 2, 25), seesAll(H2, 1, 2, 14), seesAll(H3, 2, 2, 32))));
    }

    /** liveset-starting.xml: host 3 has not joined yet. */
    static Liveset startingOnH3() {
        return Liveset.starting(H3, 2);
    }

    /** liveset-spec-4.4-host-c-dead.xml: spec §4.4, host C dead, queried on host A (master), T = 60. */
    static Liveset specExampleHostCDead() {
        HaUuid a = HaUuid.parse("1b7e3a52-0c4d-4e1f-9a2b-3c4d5e6f7a80");
        HaUuid b = HaUuid.parse("5c9d2e11-7f30-4a6b-8c1d-2e3f4a5b6c7d");
        HaUuid c = HaUuid.parse("9e0f1a2b-3c4d-4e5f-8a6b-7c8d9e0f1a2b");
        List<HaUuid> ab = List.of(a, b);
        List<HaUuid> none = List.of();
        return new Liveset(LivesetStatus.ONLINE, a, 0,
                List.of(new HostEntry(a, 0, true, true, true, false, false),
                        new HostEntry(b, 1, true, false, true, false, false),
                        new HostEntry(c, 2, false, false, false, false, false)),
                Optional.of(new RawStatus(new Latency(4, 11, 2), new Latency(3001, 3004, 2998),
                        new Latency(310, 310, 310),
                        List.of(new HostRawData(a, 0, 1210, 402, -1, "", ab, ab, ab, ab),
                                new HostRawData(b, 1, 2050, 1733, -1, "", ab, ab, ab, ab),
                                new HostRawData(c, 2, 141_380, 142_115, -1, "", none, none, none, none)))),
                Optional.of(new Timeouts(60_000, 60_000, 120_000, 60_000, 75_000)),
                Optional.of(Warnings.NONE));
    }

    private static Liveset online(HaUuid local, int localIndex, RawStatus raw) {
        return new Liveset(LivesetStatus.ONLINE, local, localIndex,
                List.of(new HostEntry(H1, 0, true, true, true, false, false),
                        new HostEntry(H2, 1, true, false, true, false, false),
                        new HostEntry(H3, 2, true, false, true, false, false)),
                Optional.of(raw), Optional.of(T10), Optional.of(Warnings.NONE));
    }

    /** A live host whose heartbeats and statefile section both report all three hosts. */
    private static HostRawData seesAll(HaUuid id, int index, long msSinceStatefile, long msSinceHeartbeat) {
        return new HostRawData(id, index, msSinceStatefile, msSinceHeartbeat, -1, "",
                ALL_THREE, ALL_THREE, ALL_THREE, ALL_THREE);
    }

    static String text(String resource) {
        try (InputStream in = LivesetFixtures.class.getResourceAsStream("/liveset/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource liveset/" + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
