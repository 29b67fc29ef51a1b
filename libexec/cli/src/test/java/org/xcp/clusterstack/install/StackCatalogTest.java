package org.xcp.clusterstack.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcp.clusterstack.api.ApiVersion;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;

/**
 * The third-party door ({@link StackCatalog}, {@link DoorStack}): a directory per stack, named as its provider,
 * holding its jar(s); a stack built for an API version this runtime runs; one line and exit 1 for anything else,
 * naming the directory and what to do. The jars are built here, from provider classes compiled by the test.
 */
class StackCatalogTest {
    private static final ApiVersion RUNTIME = ApiVersion.CURRENT;

    @TempDir
    Path stacks;

    @Test
    void aGoodDoorStackIsFoundBesideThisToolsOwn() throws Exception {
        Path jar = TinyStackJar.providing("acme").writeTo(stacks.resolve("acme/acme-stack-1.0.jar"));

        StackCatalog catalog = StackCatalog.of(stacks, "1.0-test");

        assertThat(catalog.all()).extracting(FoundStack::name).containsExactly("acme", "corosync", "melio", "ocfs2",
                "xhad");
        FoundStack acme = catalog.named("acme").orElseThrow();
        assertThat(acme.door()).contains(stacks.resolve("acme"));
        assertThat(acme.jars()).containsExactly(jar);
        assertThat(acme.manifest().name()).isEqualTo("acme");
        assertThat(acme.manifest().description()).isEqualTo("a stack a test compiled");
        assertThat(acme.manifest().supportedSrs()).as("made from its provider: any SR type").isEmpty();
        assertThat(catalog.named("xhad").orElseThrow().throughTheDoor()).isFalse();
    }

    @Test
    void aMissingDoorIsNoDoorStacks() {
        assertThat(StackCatalog.of(stacks.resolve("absent"), "v").all()).extracting(FoundStack::name)
                .containsExactly("corosync", "melio", "ocfs2", "xhad");
    }

    @Test
    void aStackMayBringLibrariesThatDeclareNothing() throws Exception {
        TinyStackJar.providing("acme").writeTo(stacks.resolve("acme/acme-stack.jar"));
        Path lib = TinyStackJar.library().writeTo(stacks.resolve("acme/a-library.jar"));

        FoundStack acme = StackCatalog.of(stacks, "v").named("acme").orElseThrow();

        assertThat(acme.jars()).as("every jar, sorted: the daemon loads them all").hasSize(2).startsWith(lib);
    }

    @Test
    void aJarThatDeclaresNoProviderIsRefused() throws Exception {
        TinyStackJar.providing("acme").undeclared().writeTo(stacks.resolve("acme/acme.jar"));

        assertRefused("stack directory " + stacks.resolve("acme") + ": no jar declares a ClusterStackProvider (its"
                + " jar needs META-INF/services/org.xcp.clusterstack.api.spi.ClusterStackProvider");
    }

    @Test
    void aDirectoryWithoutAJarIsRefused() throws Exception {
        Files.createDirectories(stacks.resolve("acme"));
        Files.writeString(stacks.resolve("acme/ha_supported_srs"), "nfs\n");

        assertRefused("stack directory " + stacks.resolve("acme") + ": holds no jar");
    }

    @Test
    void aStackNamedAsOneOfThisToolsOwnIsRefused() throws Exception {
        TinyStackJar.providing("xhad").writeTo(stacks.resolve("xhad/my-xhad.jar"));

        assertRefused("two stacks named 'xhad': this tool's own and " + stacks.resolve("xhad") + " (remove one)");
    }

    @Test
    void twoStacksInOneDirectoryAreRefused() throws Exception {
        TinyStackJar.providing("acme").andProviding("acme").writeTo(stacks.resolve("acme/acme.jar"));

        assertRefused("stack directory " + stacks.resolve("acme") + ": its jars declare 2 stacks (acme, acme): one"
                + " stack per directory");
    }

    @Test
    void aDirectoryNamedOtherwiseThanItsProviderIsRefused() throws Exception {
        TinyStackJar.providing("acme").writeTo(stacks.resolve("acme-ha/acme.jar"));

        assertRefused("stack directory " + stacks.resolve("acme-ha") + ": its provider is stack 'acme': the directory"
                + " must be named as its provider (" + stacks.resolve("acme") + ")");
    }

    @Test
    void aStackBuiltForAnotherMajorVersionIsRefused() throws Exception {
        String other = (RUNTIME.major() + 1) + ".0";
        TinyStackJar.providing("acme").builtAgainst(other).writeTo(stacks.resolve("acme/acme.jar"));

        assertRefused("stack directory " + stacks.resolve("acme") + ": acme.jar is built against API " + other
                + ", and this runtime's API is " + RUNTIME + " (another major version");
    }

    @Test
    void aStackBuiltForANewerMinorVersionIsRefused() throws Exception {
        String newer = RUNTIME.major() + "." + (RUNTIME.minor() + 1);
        TinyStackJar.providing("acme").builtAgainst(newer).writeTo(stacks.resolve("acme/acme.jar"));

        assertRefused("acme.jar is built against API " + newer + ", newer than this runtime's " + RUNTIME
                + " (update cluster-stack, or build the stack against " + RUNTIME + ")");
    }

    @Test
    void aStackJarThatDoesNotSayItsApiVersionIsToldWhatToAdd() throws Exception {
        TinyStackJar.providing("acme").withoutApiVersion().writeTo(stacks.resolve("acme/acme.jar"));

        assertRefused("acme.jar does not say which API version it was built against: add 'Cluster-Stack-API-Version: "
                + RUNTIME + "' to its MANIFEST");
    }

    @Test
    void aStackJarWithAnUnreadableApiVersionIsRefused() throws Exception {
        TinyStackJar.providing("acme").builtAgainst("one").writeTo(stacks.resolve("acme/acme.jar"));

        assertRefused("acme.jar: Cluster-Stack-API-Version 'one' is not MAJOR.MINOR");
    }

    @Test
    void theDirectorysManifestAndSrTypesOverrideTheJars() throws Exception {
        TinyStackJar.providing("acme").writeTo(stacks.resolve("acme/acme.jar"));
        Files.writeString(stacks.resolve("acme/manifest.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <stack-manifest version="1.0">
                  <name>acme</name>
                  <version>2.1</version>
                  <description>Acme's HA, as its package describes it</description>
                  <fencing>self</fencing>
                  <scripts>
                    <script name="ha_set_pool_state"/>
                    <script name="ha_start_daemon"/>
                    <script name="ha_stop_daemon"/>
                    <script name="ha_query_liveset"/>
                    <script name="ha_propose_master"/>
                    <script name="ha_disarm_fencing"/>
                    <script name="ha_set_excluded"/>
                    <script name="ha_clear_excluded" optional="true"/>
                  </scripts>
                  <ha_supported_srs any="true"/>
                  <timeouts><ha-timeout>60</ha-timeout><start-daemon>130</start-daemon><script>30</script></timeouts>
                </stack-manifest>
                """);
        Files.writeString(stacks.resolve("acme/ha_supported_srs"), "nfs\nlvmoiscsi\n");

        FoundStack acme = StackCatalog.of(stacks, "v").named("acme").orElseThrow();

        assertThat(acme.manifest().description()).isEqualTo("Acme's HA, as its package describes it");
        assertThat(acme.manifest().version()).isEqualTo("2.1");
        assertThat(acme.manifest().supportedSrs()).isEqualTo(Optional.of(List.of("nfs", "lvmoiscsi")));
    }

    @Test
    void filesAndHiddenDirectoriesInTheDoorAreNotStacks() throws Exception {
        Files.writeString(stacks.resolve("README"), "stacks go here");
        Files.createDirectories(stacks.resolve(".staging"));

        assertThat(StackCatalog.of(stacks, "v").all()).hasSize(4);
    }

    @Test
    void selectNamesStacksOrRefusesAnUnknownOne() throws Exception {
        TinyStackJar.providing("acme").writeTo(stacks.resolve("acme/acme.jar"));
        StackCatalog catalog = StackCatalog.of(stacks, "v");

        assertThat(catalog.select(List.of("acme", "xhad", "acme"))).extracting(FoundStack::name)
                .containsExactly("acme", "xhad");
        assertThatThrownBy(() -> catalog.select(List.of("nosuch"))).isInstanceOf(HaException.class)
                .hasMessage("--stack nosuch: no such stack (have: acme, corosync, melio, ocfs2, xhad)");
    }

    private void assertRefused(String sentence) {
        assertThatThrownBy(() -> StackCatalog.of(stacks, "v"))
                .isInstanceOfSatisfying(HaException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_PARAMETER);
                    assertThat(e.getMessage()).contains(sentence).doesNotContain("\n");
                });
    }
}
