package org.xcp.clusterstack.api.liveset;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** What the writer prints, xapi's rules read back unchanged. */
class LivesetRoundTripProperties {

    @Property
    void onlineLivesetsSurviveWriteThenRead(@ForAll("online") Liveset liveset) {
        assertThat(LivesetReader.read(LivesetWriter.write(liveset))).isEqualTo(liveset);
    }

    @Property
    void startingAndOfflineLivesetsSurviveWriteThenRead(@ForAll("notOnline") Liveset liveset) {
        assertThat(LivesetReader.read(LivesetWriter.write(liveset))).isEqualTo(liveset);
    }

    @Property
    void writingWhatWasReadGivesTheSameBytes(@ForAll("online") Liveset liveset) {
        String written = LivesetWriter.write(liveset);

        assertThat(LivesetWriter.write(LivesetReader.read(written))).isEqualTo(written);
    }

    @Provide
    Arbitrary<Liveset> online() {
        return LivesetArbitraries.online();
    }

    @Provide
    Arbitrary<Liveset> notOnline() {
        return LivesetArbitraries.notOnline();
    }
}
