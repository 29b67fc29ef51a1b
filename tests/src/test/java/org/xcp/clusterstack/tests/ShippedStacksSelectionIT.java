package org.xcp.clusterstack.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stacks this project ships, installed by {@code cluster-stack install}, are chosen by the selector for the
 * SR types whose drivers require them (selector.md §4), and their {@code ha_supported_srs} accept the
 * statefile only on those SR types (§7). Drivers here name the stacks as they are installed: an OCFS2 driver
 * for this framework requires {@code ocfs2} (selector.md's hypothetical table calls that stack {@code o2cb}).
 */
class ShippedStacksSelectionIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SM = "\"sm\": {\"gfs2\": [\"corosync\"], \"ocfs2\": [\"ocfs2\"], \"melio\": [\"melio\"],"
            + " \"dual\": [\"ocfs2\", \"corosync\"], \"nfs\": []}";

    @TempDir
    Path dir;

    Path conf;

    @BeforeEach
    void install() {
        Path root = dir.resolve("cluster-stack");
        Cli.run("install", "--root", root, "--run-dir", dir.resolve("run"), "--log-dir", dir.resolve("log")).succeeded();
        conf = Fixtures.write(dir.resolve("xapi.conf"), "cluster-stack-root = " + root + "\n");
    }

    JsonNode run(String command, String srType, String heartbeatType) throws IOException {
        String pool = "{\"srs\": ["
                + "{\"ref\": \"OpaqueRef:a\", \"uuid\": \"aaaa\", \"type\": \"" + srType + "\", \"attached_on_master\": true},"
                + "{\"ref\": \"OpaqueRef:h\", \"uuid\": \"hhhh\", \"type\": \"" + heartbeatType + "\", \"attached_on_master\": true}"
                + "], " + SM + ", \"heartbeat_srs\": [\"OpaqueRef:h\"]}";
        Path doc = Fixtures.write(dir.resolve("pool-" + srType + "-" + heartbeatType + ".json"), pool);
        Cli.Result r = command.equals("select")
                ? Cli.run(command, "--pool", doc, "--xapi-conf", conf, "--xapi-conf-dir", dir.resolve("conf.d"))
                : Cli.run(command, "--pool", doc, "--state", dir.resolve("state-" + srType + heartbeatType + ".json"),
                        "--xapi-conf", conf, "--xapi-conf-dir", dir.resolve("conf.d"));
        return JSON.readTree(r.stdout());
    }

    @ParameterizedTest(name = "an attached {0} SR selects the {2} stack, whose statefile may be on {1}")
    @CsvSource({"gfs2, gfs2, corosync", "ocfs2, ocfs2, ocfs2", "melio, melio, melio", "dual, ocfs2, ocfs2"})
    void anAttachedSrWhoseDriverRequiresAStackSelectsIt(String srType, String heartbeatType, String stack)
            throws IOException {
        assertThat(run("select", srType, heartbeatType).path("cluster_stack").asText()).isEqualTo(stack);
        JsonNode enable = run("enable-check", srType, heartbeatType);
        assertThat(enable.path("cluster_stack").asText()).as("enable-check: %s", enable).isEqualTo(stack);
        assertThat(Files.isRegularFile(dir.resolve("cluster-stack").resolve(stack).resolve("ha_supported_srs"))).isTrue();
    }

    @ParameterizedTest(name = "the {1} stack refuses a statefile on {2}")
    @CsvSource({"gfs2, corosync, nfs", "ocfs2, ocfs2, nfs", "melio, melio, nfs"})
    void aStatefileOnAnSrTypeTheStackDoesNotListIsRefused(String srType, String stack, String heartbeatType)
            throws IOException {
        JsonNode enable = run("enable-check", srType, heartbeatType);
        assertThat(enable.toString()).isEqualTo("{\"error\":\"INCOMPATIBLE_STATEFILE_SR\",\"params\":[\""
                + heartbeatType + "\"]}");
    }
}
