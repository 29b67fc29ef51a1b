package org.xcp.clusterstack.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

/**
 * The API version rule: a runtime runs a stack built against the same major version and a minor version no
 * newer than its own; the version is the build's, the one the API jar's MANIFEST carries.
 */
class ApiVersionTest {
    private static final ApiVersion RUNTIME = new ApiVersion(1, 3);

    @Test
    void aRuntimeRunsStacksBuiltAgainstItsMajorAndNoNewerMinor() {
        assertThat(RUNTIME.runs(new ApiVersion(1, 0))).isTrue();
        assertThat(RUNTIME.runs(new ApiVersion(1, 3))).isTrue();
        assertThat(RUNTIME.runs(new ApiVersion(1, 4))).as("a newer minor may use what 1.3 lacks").isFalse();
        assertThat(RUNTIME.runs(new ApiVersion(2, 0))).isFalse();
        assertThat(RUNTIME.runs(new ApiVersion(0, 9))).isFalse();
    }

    @Test
    void aRefusalSaysWhichVersionsAndWhatToDo() {
        assertThat(RUNTIME.refusal(new ApiVersion(1, 2))).isEmpty();
        assertThat(RUNTIME.refusal(new ApiVersion(1, 4))).contains("built against API 1.4, newer than this runtime's"
                + " 1.3 (update cluster-stack, or build the stack against 1.3)");
        assertThat(RUNTIME.refusal(new ApiVersion(2, 0))).contains("built against API 2.0, and this runtime's API is"
                + " 1.3 (another major version: rebuild the stack against 1.x)");
    }

    @Test
    void itIsReadFromAManifestAsMajorDotMinor() {
        Manifest m = new Manifest();
        assertThat(ApiVersion.of(m)).isEmpty();
        m.getMainAttributes().put(new Attributes.Name(ApiVersion.ATTRIBUTE), " 1.12 ");
        assertThat(ApiVersion.of(m)).contains(new ApiVersion(1, 12));
        assertThat(ApiVersion.of(null)).isEmpty();
        for (String bad : new String[] {"1", "1.x", "v1.0", "1.0.0", ""}) {
            assertThatThrownBy(() -> ApiVersion.parse(bad)).isInstanceOf(HaException.class)
                    .hasMessageContaining("is not MAJOR.MINOR");
        }
    }

    /**
     * The BOM has no parent (a stack that takes it as its parent inherits none of this build), so it writes out the
     * API version and this release's version; this pom is their source, and the BOM's copies must follow it.
     */
    @Test
    void theBomStatesTheSameApiVersionAndTheSameRelease() throws Exception {
        String bom = Files.readString(Path.of("../cluster-stack-bom/pom.xml"));
        String root = Files.readString(Path.of("../pom.xml"));
        java.util.regex.Matcher release = java.util.regex.Pattern
                .compile("<artifactId>cluster-stack-parent</artifactId>\\s*<version>([^<]+)</version>").matcher(root);
        assertThat(release.find()).as("the root pom's version").isTrue();
        assertThat(bom).as("cluster-stack-bom/pom.xml")
                .contains("<cluster-stack.api.version>" + ApiVersion.CURRENT + "</cluster-stack.api.version>")
                .contains("<cluster-stack.version>" + release.group(1) + "</cluster-stack.version>")
                .contains("<artifactId>cluster-stack-bom</artifactId>\n  <version>" + release.group(1) + "</version>");
    }

    @Test
    void theCurrentVersionIsTheBuildsAsThePomStatesIt() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        assertThat(pom).contains("<cluster-stack.api.version>" + ApiVersion.CURRENT + "</cluster-stack.api.version>")
                .contains("<Cluster-Stack-API-Version>${cluster-stack.api.version}</Cluster-Stack-API-Version>");
    }
}
