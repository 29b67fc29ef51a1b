package org.xcp.clusterstack.ocfs2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.HaScript;
import org.xcp.clusterstack.api.manifest.ManifestDocument;
import org.xcp.clusterstack.api.manifest.ManifestReader;
import org.xcp.clusterstack.api.spi.ClusterStackProvider;
import org.xcp.clusterstack.api.spi.FencingAuthority;
import org.xcp.clusterstack.api.spi.MembershipSource;
import org.xcp.clusterstack.ocfs2.o2cb.HeartbeatMode;
import org.xcp.clusterstack.ocfs2.o2cb.O2cbPool;

/** The provider: found by ServiceLoader, its manifest, its settings and the choice between o2cb and pcmk. */
class Ocfs2StackProviderTest {
    private static final String R1 = "77D95EF51C0149D2823674FCC162CF8B";

    @TempDir
    Path dir;

    private final Ocfs2StackProvider provider = new Ocfs2StackProvider();

    private O2cbPool pool() {
        return new O2cbPool(dir, HeartbeatMode.GLOBAL, 31, R1);
    }

    private static void assertExit(Runnable r, ExitCode code, String message) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(HaException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(code);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @Test
    void serviceLoaderFindsTheOcfs2Stack() {
        assertThat(ServiceLoader.load(ClusterStackProvider.class).stream().map(ServiceLoader.Provider::type))
                .contains(Ocfs2StackProvider.class);
        assertThat(provider.manifest().name()).isEqualTo("ocfs2");
        assertThat(provider.manifest().fencing()).isEqualTo("o2cb");
        assertThat(provider.manifest().supportedSrs()).contains(List.of("ocfs2"));
    }

    @Test
    void theShippedManifestIsValidAndSaysWhatTheProviderSays() throws IOException {
        String xml;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/cluster-stack/ocfs2.xml")) {
            assertThat(in).isNotNull();
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ManifestDocument m = ManifestReader.parse(xml, "ocfs2.xml");
        assertThat(m.name()).isEqualTo(provider.manifest().name());
        assertThat(m.description()).isEqualTo(provider.manifest().description());
        assertThat(m.fencing()).isEqualTo(provider.manifest().fencing());
        assertThat(m.supportedSrs()).isEqualTo(provider.manifest().supportedSrs());
        assertThat(m.version()).as("filtered by the build").doesNotContain("${").isNotBlank();
        assertThat(m.optionalScripts()).containsExactly(HaScript.CLEAR_EXCLUDED);
    }

    @Test
    void o2cbModeOpensTheDiskHeartbeatReaderWhoseKernelFences() {
        O2cbPool pool = pool();
        pool.settings.put(ClusterStackMode.KEY, "o2cb");
        try (MembershipSource source = provider.open(pool.context())) {
            assertThat(source.fencing().holder()).isEqualTo(FencingAuthority.Holder.MANAGER);
            assertThat(pool.periods(source, 3).quorate()).isTrue();
        }
    }

    @Test
    void autoModeReadsTheKernelsClusterStackFile() throws IOException {
        O2cbPool pool = pool();
        Path file = dir.resolve("cluster_stack");
        Files.writeString(file, "o2cb\n");
        pool.settings.put(ClusterStackMode.FILE_KEY, file.toString());
        try (MembershipSource source = provider.open(pool.context())) {
            assertThat(source.fencing().name()).isEqualTo("o2cb");
        }
        Files.writeString(file, "heartbeat\n");
        assertExit(() -> provider.open(pool.context()), ExitCode.INVALID_ENVIRONMENT,
                file + ": expected o2cb or pcmk, got 'heartbeat'");
    }

    @Test
    void autoModeWithoutTheClusterStackFileIsExit16WithASentence() {
        O2cbPool pool = pool();
        Path file = dir.resolve("no-such/cluster_stack");
        pool.settings.put(ClusterStackMode.FILE_KEY, file.toString());
        assertExit(() -> provider.open(pool.context()), ExitCode.INVALID_ENVIRONMENT, file + " does not exist, so"
                + " OCFS2's cluster stack cannot be told (is the ocfs2 module loaded?): load it, or set"
                + " ocfs2.cluster_stack = o2cb or pcmk");
    }

    @Test
    void theDefaultClusterStackFileIsTheKernels() {
        assertThat(ClusterStackMode.DEFAULT_FILE).isEqualTo(Path.of("/sys/fs/ocfs2/cluster_stack"));
    }

    @Test
    void anUnknownSettingIsExit7NamingIt() {
        O2cbPool pool = pool();
        pool.settings.put("o2cb.devicedir", "/dev");
        assertThatThrownBy(() -> provider.open(pool.context())).isInstanceOfSatisfying(HaException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_CONFIG_FILE);
            assertThat(e.getMessage()).contains("o2cb.devicedir: unknown setting (known: corosync.command_timeout_ms,"
                    + " corosync.poll_ms, corosync.tools_dir, o2cb.cluster, o2cb.configfs, o2cb.device_dir,"
                    + " ocfs2.cluster_stack, ocfs2.cluster_stack_file)");
        });
    }

    @Test
    void aBadNodeNumberOrHostIsExit7() {
        O2cbPool pool = pool();
        pool.settings.put(ClusterStackMode.KEY, "o2cb");
        pool.settings.put("o2cb.node.255", "1a1a1a1a-0000-4000-8000-000000000000");
        assertThatThrownBy(() -> provider.open(pool.context())).isInstanceOfSatisfying(HaException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_CONFIG_FILE);
            assertThat(e.getMessage()).endsWith("o2cb.node.255: expected o2cb.node.<number> with an o2cb node"
                    + " number from 0 to 254");
        });
        pool.settings.remove("o2cb.node.255");
        pool.settings.put("o2cb.node.1", "4d4d4d4d-0000-4000-8000-000000000000");
        assertThatThrownBy(() -> provider.open(pool.context())).hasMessageEndingWith(
                "o2cb.node.1: 4d4d4d4d-0000-4000-8000-000000000000 is not a host of the pool's xhad.conf");
        pool.settings.put("o2cb.node.1", "not-a-uuid");
        assertThatThrownBy(() -> provider.open(pool.context())).hasMessageEndingWith(
                "o2cb.node.1: 'not-a-uuid' has 8 characters without dashes, a UUID has 32");
    }

    @Test
    void aBadChoiceOrClusterNameIsExit7() {
        O2cbPool pool = pool();
        pool.settings.put(ClusterStackMode.KEY, "heartbeat");
        assertThatThrownBy(() -> provider.open(pool.context())).isInstanceOfSatisfying(HaException.class,
                e -> assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_CONFIG_FILE));
        pool.settings.put(ClusterStackMode.KEY, "o2cb");
        pool.settings.put("o2cb.cluster", "a-b");
        assertThatThrownBy(() -> provider.open(pool.context())).hasMessageEndingWith("o2cb.cluster: an o2cb"
                + " cluster name is 1 to 16 characters [0-9A-Za-z], got 'a-b'");
    }

    @Test
    void onTheUserStackMembershipComesFromCorosyncAndTheStackWatchdogFences() throws IOException {
        O2cbPool pool = pool();
        pool.settings.put(ClusterStackMode.KEY, "pcmk");
        pool.settings.put("corosync.poll_ms", "700");
        try (MembershipSource source = provider.open(pool.context())) {
            assertThat(source.fencing().holder()).isEqualTo(FencingAuthority.Holder.STACK_WATCHDOG);
            assertThat(source.pollInterval()).isEqualTo(Duration.ofMillis(700));
        }
        assertThat(pool.log).anyMatch(l -> l.startsWith("OCFS2 runs on the user stack (pcmk): membership from"
                + " corosync, fencing by "));
    }

    @Test
    void autoModeFollowsTheKernelToTheUserStack() throws IOException {
        O2cbPool pool = pool();
        Path file = dir.resolve("cluster_stack");
        Files.writeString(file, "pcmk\n");
        pool.settings.put(ClusterStackMode.FILE_KEY, file.toString());
        try (MembershipSource source = provider.open(pool.context())) {
            assertThat(source.fencing().holder()).isEqualTo(FencingAuthority.Holder.STACK_WATCHDOG);
        }
    }

    @Test
    void onTheUserStackMissingCorosyncToolsAreExit16() throws IOException {
        O2cbPool pool = pool();
        Path empty = Files.createDirectories(dir.resolve("no-tools"));
        pool.settings.put(ClusterStackMode.KEY, "pcmk");
        pool.settings.put("corosync.tools_dir", empty.toString());
        assertThatThrownBy(() -> provider.open(pool.context())).isInstanceOfSatisfying(HaException.class,
                e -> assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_ENVIRONMENT));
    }
}
