package org.xcp.clusterstack.melio;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.xcp.clusterstack.api.HaUuid;

/** The status codec: what a version 1 service prints reads back the same; nothing else escapes as an exception. */
class MelioStatusProperties {
    static final Set<HaUuid> POOL = Set.of(MelioFixtures.A, MelioFixtures.B, MelioFixtures.C);

    @Property
    void aRenderedStatusReadsBackTheSame(@ForAll("statuses") MelioStatus status) throws Exception {
        assertThat(MelioStatus.parse(status.render(), POOL, MelioFixtures.A)).isEqualTo(status);
    }

    @Property
    void anyTextIsEitherAStatusOrMalformed(@ForAll("noise") String text) {
        try {
            MelioStatus s = MelioStatus.parse(text, POOL, MelioFixtures.A);
            assertThat(POOL).containsAll(s.members());
            if (s.quorate()) {
                assertThat(s.members()).contains(MelioFixtures.A);
            }
        } catch (MelioStatus.Malformed e) {
            assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
        }
    }

    @Provide
    Arbitrary<MelioStatus> statuses() {
        Arbitrary<Set<HaUuid>> others = Arbitraries.of(MelioFixtures.B, MelioFixtures.C).set();
        Arbitrary<String> tieBreaks = Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(200)
                .filter(t -> !t.isBlank());
        return Combinators.combine(Arbitraries.of(true, false), Arbitraries.of(true, false), others,
                Arbitraries.longs().between(1, 9_999_999_999L), tieBreaks, Arbitraries.of(true, false))
                .as((quorate, withLocal, rest, window, tieBreak, armed) -> {
                    Set<HaUuid> members = quorate || withLocal
                            ? Stream.concat(rest.stream(), Stream.of(MelioFixtures.A))
                                    .collect(Collectors.toSet())
                            : rest;
                    return new MelioStatus(quorate, members, Duration.ofMillis(window), tieBreak, armed);
                });
    }

    /** Lines made of the real keys and values, mangled, shuffled, repeated or replaced by anything at all. */
    @Provide
    Arbitrary<String> noise() {
        Arbitrary<String> keys = Arbitraries.oneOf(Arbitraries.of(MelioStatus.KEYS),
                Arbitraries.strings().ofMaxLength(8));
        Arbitrary<String> values = Arbitraries.oneOf(Arbitraries.of("1", "2", "yes", "no", "0", "20000",
                MelioFixtures.A.dashed(), MelioFixtures.B.dashed(), MelioFixtures.STRANGER.dashed(), ""),
                Arbitraries.strings().ofMaxLength(40));
        Arbitrary<String> lines = Arbitraries.oneOf(Combinators.combine(keys, values).as((k, v) -> k + "=" + v),
                Arbitraries.strings().ofMaxLength(60));
        return lines.list().ofMaxSize(12).map(l -> String.join("\n", l));
    }
}
