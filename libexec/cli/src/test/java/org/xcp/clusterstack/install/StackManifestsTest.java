package org.xcp.clusterstack.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.HaScript;
import org.xcp.clusterstack.api.manifest.ManifestDocument;
import org.xcp.clusterstack.api.spi.ClusterStackProvider;
import org.xcp.clusterstack.api.spi.StackManifest;
import org.xcp.clusterstack.common.Providers;

/** The build's check of every stack we ship: its manifest is schema-valid and names its provider. */
class StackManifestsTest {
    @Test
    void everyShippedStackCarriesAValidManifestNamedAsItsProvider() {
        List<ClusterStackProvider> providers = Providers.all();
        assertThat(providers).extracting(p -> p.manifest().name()).contains("xhad");

        for (ClusterStackProvider p : providers) {
            assertThat(StackManifests.class.getClassLoader().getResource(StackManifests.RESOURCE_DIR
                    + p.manifest().name() + ".xml")).as("the manifest of " + p.manifest().name()).isNotNull();
            ManifestDocument m = StackManifests.forProvider(p.manifest(), "ignored");
            assertThat(m.name()).isEqualTo(p.manifest().name());
            assertThat(m.version()).doesNotContain("${");
        }
    }

    @Test
    void xhadsManifestAcceptsAnySrAndLetsClearExcludedBeMissing() {
        ManifestDocument xhad = StackManifests.forProvider(Providers.named("xhad").manifest(), "v");

        assertThat(xhad.supportedSrs()).isEmpty();
        assertThat(xhad.optionalScripts()).containsExactly(HaScript.CLEAR_EXCLUDED);
        assertThat(xhad.timeouts().haTimeout()).isEqualTo(60);
    }

    @Test
    void aProviderWhoseNameOrSrsDifferFromItsManifestIsRefused() {
        // the xhad resource, claimed by a provider with other SR types
        assertThatThrownBy(() -> StackManifests.forProvider(new StackManifest("xhad", "d", "self",
                Optional.of(List.of("nfs"))), "v")).isInstanceOf(HaException.class).hasMessageContaining("ha_supported_srs");
    }

    @Test
    void aStackWithoutAManifestResourceGetsOneFromItsProvider() {
        ManifestDocument m = StackManifests.forProvider(new StackManifest("nomanifest", "d", "o2cb",
                Optional.of(List.of("gfs2"))), "9.9");

        assertThat(m.version()).isEqualTo("9.9");
        assertThat(m.supportedSrs()).contains(List.of("gfs2"));
        assertThat(m.optionalScripts()).containsExactly(HaScript.CLEAR_EXCLUDED);
    }
}
