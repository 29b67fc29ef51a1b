package org.xcp.clusterstack.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cluster-stack stacks}: xapi.conf read as xapi reads it, and the stack root's contents. */
class StacksIT {
    @TempDir
    Path dir;

    @Test
    void showsTheEffectiveKeysAndEachInstalledStack() throws Exception {
        Path root = Files.createDirectories(dir.resolve("cluster-stack"));
        Files.createDirectories(root.resolve("xhad"));
        Files.createDirectories(root.resolve("ocfs2"));
        Files.writeString(root.resolve("ocfs2/ha_supported_srs"), "lvmoiscsi\nlvmohba  ocfs2\n");
        Files.createDirectories(root.resolve("melio"));
        Files.writeString(root.resolve("melio/ha_supported_srs"), "  \n");
        Files.writeString(root.resolve("README"), "not a stack");
        Path conf = Fixtures.write(dir.resolve("xapi.conf"), "# test\ncluster-stack-root = " + root + "\n");
        Path confDir = Files.createDirectories(dir.resolve("xapi.conf.d"));
        Fixtures.write(confDir.resolve("50-ha"), "cluster-stack-default=\"ocfs2\"  # the storage needs it\n");

        Cli.Result r = Cli.run("stacks", "--xapi-conf", conf, "--xapi-conf-dir", confDir).succeeded();

        assertThat(r.stdout()).contains("cluster-stack-default = \"ocfs2\" (from " + confDir.resolve("50-ha") + ":1)")
                .contains("installed stacks:")
                .containsPattern("melio +\\S+  ha_supported_srs: present but empty \\(no SR type accepted\\)")
                .containsPattern("ocfs2 +\\S+  ha_supported_srs: lvmohba lvmoiscsi ocfs2")
                .containsPattern("xhad +\\S+  ha_supported_srs: absent \\(any SR type\\)")
                .doesNotContain("README");
        JsonNode json = new ObjectMapper().readTree(
                Cli.run("stacks", "--xapi-conf", conf, "--xapi-conf-dir", confDir, "--json").succeeded().stdout());
        assertThat(json.at("/stacks/0/name").asText()).isEqualTo("melio");
        assertThat(json.at("/stacks/2/ha_supported_srs").isNull()).isTrue();
    }

    @Test
    void anInvalidDefaultStackIsRefusedAtStartUp() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        Path conf = Fixtures.write(dir.resolve("xapi.conf"),
                "cluster-stack-root=" + root + "\ncluster-stack-default = ../x\n");

        Cli.Result r = Cli.run("stacks", "--xapi-conf", conf, "--xapi-conf-dir", dir.resolve("none"))
                .failedWithOneLine(16);

        assertThat(r.stderr()).contains("cluster-stack-default", "../x", conf + ":2");
    }

    @Test
    void aMissingRootIsRefusedAtStartUp() {
        Path conf = Fixtures.write(dir.resolve("xapi.conf"), "cluster-stack-root=" + dir.resolve("absent") + "\n");

        Cli.run("stacks", "--xapi-conf", conf, "--xapi-conf-dir", dir.resolve("none")).failedWithOneLine(16);
    }
}
