package org.xcp.clusterstack.api.statefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcp.clusterstack.api.statefile.Fixtures.GENERATION;

import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.HostSet;

/** The codec against a statefile written by the real xhad, a 3-host pool with every host live. */
class XhadFixtureTest {
    private final StatefileImage image = Fixtures.threeUp();

    @Test
    void globalSectionIsAnActivePoolWithHostZeroAsMaster() {
        GlobalSection g = image.global();
        assertThat(g.faults(Optional.of(GENERATION))).isEmpty();
        assertThat(g.checksum()).isEqualTo(0x4c567bb0);
        assertThat(g.version()).isEqualTo(2);
        assertThat(g.generationValue()).contains(GENERATION);
        assertThat(g.poolStateValue()).contains(PoolState.ACTIVE);
        assertThat(g.masterHost()).contains(Fixtures.HOST0);
        assertThat(g.configHosts()).isEqualTo(3);
    }

    @Test
    void eachConfiguredHostSectionHoldsItsOwnerAndTheFullLiveset() {
        HostSet all = HostSet.of(0, 1, 2);
        List<Integer> sequences = List.of(9, 13, 10);
        List<HaUuid> owners = List.of(Fixtures.HOST0, Fixtures.HOST1, Fixtures.HOST2);
        for (int i = 0; i < 3; i++) {
            HostSection h = image.host(i);
            assertThat(h.faults()).as("host %d", i).isEmpty();
            assertThat(h.hostIndex()).isEqualTo(i);
            assertThat(h.hostUuidValue()).contains(owners.get(i));
            assertThat(h.sequence()).isEqualTo(sequences.get(i));
            assertThat(h.excluded()).isZero();
            assertThat(h.starting()).isZero();
            assertThat(List.of(h.currentLiveset(), h.proposedLiveset(), h.hbdomain(), h.sfdomain()))
                    .containsOnly(all);
            assertThat(h.smPhaseValue()).contains(SmPhase.STARTED);
            assertThat(h.weight()).isEqualTo(1);
            assertThat(h.sinceXapiRestartFirstAttempted()).isEqualTo(-1);
            // Bits of unconfigured hosts are set on disk; masked to the pool, only host 0 is granted.
            assertThat(h.lockGrant().bits()).isEqualTo(0xFFFFFFFFFFFFFFF9L);
            assertThat(h.lockGrantWithin(3)).isEqualTo(HostSet.of(0));
        }
    }

    @Test
    void hostOneIsTheOneTheDumpShows() {
        HostSection h = image.host(1);
        assertThat(h.sequence()).isEqualTo(13);
        assertThat(h.checksum()).isEqualTo(0x2d385772);
        assertThat(h.lockRequest()).isZero();
        assertThat(h.sinceLastHbReceipt().subList(0, 3)).containsExactly(529, 517, 526);
        assertThat(h.sinceLastSfUpdate().subList(0, 3)).containsExactly(2502, 2502, 2502);
        assertThat(h.sinceLastHbReceipt().subList(3, 64)).containsOnly(0);
        assertThat(image.host(0).lockRequest()).isEqualTo(1);
    }

    @Test
    void unconfiguredHostSectionsAreStillBlankFromInit() {
        assertThat(image.hosts().subList(3, 64)).containsOnly(HostSection.blank());
    }

    @Test
    void encodingTheDecodedImageGivesBackTheSameBytes() {
        assertThat(image.encode()).isEqualTo(Fixtures.threeUpBytes());
    }

    @Test
    void dumpIsExactlyWhatXhadsDumpstatefilePrinted() {
        assertThat(XhadDumpFormat.render(image, 3, Optional.empty())).isEqualTo(Fixtures.threeUpDump());
        assertThat(XhadDumpFormat.render(image, 3, Optional.of(GENERATION))).isEqualTo(Fixtures.threeUpDump());
        assertThat(XhadDumpFormat.defaultHostCount(image.global())).isEqualTo(3);
    }

    @Test
    void specChecksumExampleHoldsForInit() {
        // Spec §5.2, observed from the C ha_set_pool_state init.
        GlobalSection g = GlobalSection.initial(GENERATION, 3);
        assertThat(g.checksum()).isEqualTo(0x3F80CB55);
        assertThat(g.faults(Optional.of(GENERATION))).isEmpty();
    }

    @Test
    void reSealingTheFixtureGlobalKeepsXhadsChecksum() {
        GlobalSection g = image.global();
        assertThat(g.resealed()).isEqualTo(g);
        assertThat(GlobalSection.initial(GENERATION, 3).withPoolState(PoolState.ACTIVE)
                .withMaster(Optional.of(Fixtures.HOST0))).isEqualTo(g);
        assertThat(Collections.frequency(image.hosts(), HostSection.blank())).isEqualTo(61);
    }

    @Test
    void builderReproducesWhatXhadWroteForHostOne() {
        HostSection rebuilt = HostSection.builder()
                .sequence(13).hostIndex(1).hostUuid(Fixtures.HOST1)
                .sinceLastHbReceipt(0, 529).sinceLastHbReceipt(1, 517).sinceLastHbReceipt(2, 526)
                .sinceLastSfUpdate(0, 2502).sinceLastSfUpdate(1, 2502).sinceLastSfUpdate(2, 2502)
                .sinceXapiRestartFirstAttempted(-1)
                .currentLiveset(HostSet.of(0, 1, 2)).proposedLiveset(HostSet.of(0, 1, 2))
                .hbdomain(HostSet.of(0, 1, 2)).sfdomain(HostSet.of(0, 1, 2))
                .lockGrant(new HostSet(0xFFFFFFFFFFFFFFF9L))
                .smPhase(SmPhase.STARTED).weight(1)
                .build();
        assertThat(rebuilt).isEqualTo(image.host(1));
        assertThat(image.host(1).toBuilder().build()).isEqualTo(image.host(1));
    }
}
