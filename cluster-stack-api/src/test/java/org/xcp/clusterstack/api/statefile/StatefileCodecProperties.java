package org.xcp.clusterstack.api.statefile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Optional;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Edge cases are mixed into random tries: their combinations alone would use up every try. */
@PropertyDefaults(edgeCases = EdgeCasesMode.MIXIN)
class StatefileCodecProperties {

    @Provide
    Arbitrary<GlobalSection> rawGlobals() {
        return SectionArbitraries.rawGlobals();
    }

    @Provide
    Arbitrary<HostSection> rawHosts() {
        return SectionArbitraries.rawHosts();
    }

    @Provide
    Arbitrary<GlobalSection> sealedGlobals() {
        return SectionArbitraries.sealedGlobals();
    }

    @Provide
    Arbitrary<HostSection> sealedHosts() {
        return SectionArbitraries.sealedHosts();
    }

    @Property
    void anyGlobalSectionSurvivesEncodeAndDecode(@ForAll("rawGlobals") GlobalSection g) {
        byte[] bytes = StatefileCodec.encodeGlobal(g);
        assertThat(bytes).hasSize(4096);
        assertThat(Arrays.copyOfRange(bytes, 104, 4096)).containsOnly(0);
        assertThat(StatefileCodec.decodeGlobal(bytes)).isEqualTo(g);
    }

    @Property
    void anyHostSectionSurvivesEncodeAndDecode(@ForAll("rawHosts") HostSection h) {
        byte[] bytes = StatefileCodec.encodeHost(h);
        assertThat(bytes).hasSize(4096);
        assertThat(Arrays.copyOfRange(bytes, 632, 4096)).containsOnly(0);
        assertThat(StatefileCodec.decodeHost(bytes)).isEqualTo(h);
    }

    @Property(tries = 60)
    void anyZeroPaddedStatefileSurvivesDecodeAndEncode(@ForAll long seed) {
        byte[] bytes = SectionArbitraries.randomImageBytes(seed);
        assertThat(StatefileImage.decode(bytes).encode()).isEqualTo(bytes);
    }

    @Property
    void sealedSectionsHaveNoFaults(@ForAll("sealedGlobals") GlobalSection g, @ForAll("sealedHosts") HostSection h) {
        assertThat(g.faults(g.generationValue())).isEmpty();
        assertThat(h.faults()).isEmpty();
        assertThat(StatefileCodec.decodeHost(StatefileCodec.encodeHost(h)).faults()).isEmpty();
    }

    /** Every single-bit error in a section's data shows up as some fault: nothing escapes the checks. */
    @Property
    void anyFlippedBitOfASealedSectionIsAFault(@ForAll("sealedGlobals") GlobalSection g,
            @ForAll("sealedHosts") HostSection h, @ForAll @IntRange(max = 104 * 8 - 1) int globalBit,
            @ForAll @IntRange(max = 632 * 8 - 1) int hostBit) {
        byte[] global = StatefileCodec.encodeGlobal(g);
        global[globalBit / 8] ^= (byte) (1 << (globalBit % 8));
        assertThat(StatefileCodec.decodeGlobal(global).faults(Optional.empty())).isNotEmpty();
        byte[] host = StatefileCodec.encodeHost(h);
        host[hostBit / 8] ^= (byte) (1 << (hostBit % 8));
        assertThat(StatefileCodec.decodeHost(host).faults()).isNotEmpty();
    }

    /** Garbage is reported as faults, never thrown: decoding, checking and dumping all succeed. */
    @Property
    void decodingAnySectionBytesNeverThrows(@ForAll @Size(min = 632, max = 4096) byte[] bytes) {
        GlobalSection g = StatefileCodec.decodeGlobal(bytes);
        HostSection h = StatefileCodec.decodeHost(bytes);
        g.faults(Optional.of(Fixtures.GENERATION));
        g.poolStateValue();
        g.masterHost();
        h.faults();
        h.hostUuidValue();
        h.smPhaseValue();
        assertThat(Arrays.copyOf(StatefileCodec.encodeHost(h), 632)).isEqualTo(Arrays.copyOf(bytes, 632));
    }

    @Property(tries = 30)
    void decodingAndDumpingAnyStatefileBytesNeverThrows(@ForAll long seed,
            @ForAll @IntRange(max = 8192) int extra, @ForAll @IntRange(max = 64) int hostCount) {
        byte[] bytes = SectionArbitraries.randomBytes(seed, StatefileLayout.SIZE + extra);
        StatefileImage image = StatefileImage.decode(bytes);
        String dump = XhadDumpFormat.render(image, hostCount, Optional.of(Fixtures.GENERATION));
        assertThat(dump).endsWith("---------------------------\n");
        int dumpHosts = XhadDumpFormat.defaultHostCount(image.global());
        assertThat(dumpHosts).isBetween(1, 64);
    }
}
