package org.xcp.clusterstack.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The selector commands beyond the worked examples: bad pool documents (exit 2, one line naming the field),
 * standard input, where the HA state and the stack root come from, the pool record on disk.
 */
class SelectorCliIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SR_A = "{\"ref\": \"OpaqueRef:a\", \"uuid\": \"aaaa\", \"type\": \"ocfs2\", \"attached_on_master\": true}";
    static final String SR_B = "{\"ref\": \"OpaqueRef:b\", \"uuid\": \"bbbb\", \"type\": \"nfs\", \"attached_on_master\": true}";
    static final String SM = "\"sm\": {\"ocfs2\": [\"o2cb\"], \"nfs\": [], \"gfs2\": [\"corosync\"]}";
    static final String POOL = "{\"srs\": [" + SR_A + ", " + SR_B + "], " + SM + ", \"heartbeat_srs\": [\"OpaqueRef:a\"]}";

    @TempDir
    Path dir;

    Path root;
    Path conf;
    Path confDir;
    Path state;

    @BeforeEach
    void stackRoot() throws IOException {
        root = Files.createDirectories(dir.resolve("cluster-stack"));
        Files.createDirectories(root.resolve("xhad"));
        Files.writeString(Files.createDirectories(root.resolve("o2cb")).resolve("ha_supported_srs"), "ocfs2 lvmoiscsi\n");
        conf = Fixtures.write(dir.resolve("xapi.conf"), "cluster-stack-root = " + root + "\n");
        confDir = dir.resolve("xapi.conf.d");
        state = dir.resolve("state/pool.json");
    }

    Path document(String json) {
        return Fixtures.write(dir.resolve("pool-" + json.hashCode() + ".json"), json);
    }

    Object[] withConf(Object... args) {
        List<Object> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--xapi-conf", conf, "--xapi-conf-dir", confDir));
        return all.toArray();
    }

    static Stream<Arguments> badDocuments() {
        String sr = "{\"ref\": \"OpaqueRef:a\", \"uuid\": \"u\", \"type\": \"nfs\", \"attached_on_master\": true";
        return Stream.of(
                Arguments.of("{\"srs\": [" + sr.replace("true", "\"yes\"") + "}]}",
                        "srs[0].attached_on_master: expected true or false, found the string \"yes\""),
                Arguments.of("{\"srs\": [" + sr.replace(", \"attached_on_master\": true", "") + "}]}",
                        "srs[0].attached_on_master: missing"),
                Arguments.of("{\"srs\": [" + sr + ", \"size\": 1}]}", "srs[0].size: unknown field"),
                Arguments.of("{\"srs\": [" + sr.replace("\"nfs\"", "7") + "}]}", "srs[0].type: expected a string, found number 7"),
                Arguments.of("{\"srs\": [" + sr.replace("OpaqueRef:a", "") + "}]}", "srs[0].ref: must not be empty"),
                Arguments.of("{\"srs\": [" + sr + "}, " + sr.replace("\"u\"", "\"v\"") + "}]}",
                        "srs[1].ref: \"OpaqueRef:a\" is also the ref of srs[0]"),
                Arguments.of("{\"srs\": [" + sr.replace("\"u\"", "\"ab\"") + "}, "
                        + sr.replace("\"u\"", "\"AB\"").replace("OpaqueRef:a", "OpaqueRef:b") + "}]}", "srs[1].uuid"),
                Arguments.of("{\"srs\": {}}", "srs: expected an array, found an object"),
                Arguments.of("{\"srs\": [[]]}", "srs[0]: expected an object, found an array"),
                Arguments.of("{\"srz\": []}", "srz: unknown field"),
                Arguments.of("{\"sm\": []}", "sm: expected an object"),
                Arguments.of("{\"sm\": {\"nfs\": \"o2cb\"}}", "sm.nfs: expected an array, found the string \"o2cb\""),
                Arguments.of("{\"sm\": {\"gfs2\": [\"corosync\", null]}}", "sm.gfs2[1]: expected a string, found null"),
                Arguments.of("{\"clusters\": [{\"ref\": \"OpaqueRef:c\", \"uuid\": \"c\"}]}", "clusters[0].cluster_stack: missing"),
                Arguments.of("{\"heartbeat_srs\": \"OpaqueRef:a\"}", "heartbeat_srs: expected an array"),
                Arguments.of("{\"heartbeat_srs\": [\"OpaqueRef:x\"]}", "heartbeat_srs[0]: \"OpaqueRef:x\" is not the ref of an SR"),
                Arguments.of("{\"cluster_stack\": null}", "cluster_stack: expected a string, found null"),
                Arguments.of("{\"ha_enabled\": \"false\"}", "ha_enabled: expected true or false"),
                Arguments.of("{\"ha_cluster_stack\": 1}", "ha_cluster_stack: expected a string, found number 1"),
                Arguments.of("{\"cluster_stack_root\": \"relative/dir\"}", "cluster_stack_root: \"relative/dir\" is not an absolute path"),
                Arguments.of("[]", "expected a JSON object (the pool document), found an array"),
                Arguments.of("", "empty, expected a JSON object"),
                Arguments.of("{\"srs\": [" + sr + "}", "malformed JSON near srs"),
                Arguments.of("{\"sm\": {\"nfs\": [], \"nfs\": [\"o2cb\"]}}", "malformed JSON near sm.nfs: Duplicate field 'nfs'"),
                Arguments.of("{\"cluster_stack\": \"\"} {}", "malformed JSON"),
                Arguments.of("{\"cluster_stack\": \"x\",}", "malformed JSON"),
                Arguments.of("{\"cluster_stack\": \"\u0001\"}", "malformed JSON near cluster_stack"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badDocuments")
    void aBadPoolDocumentExitsTwoWithOneLineNamingTheField(String json, String expected) {
        Path file = document(json);

        Cli.Result r = Cli.run(withConf("enable-check", "--pool", file, "--state", state)).failedWithOneLine(2);

        assertThat(r.stderr()).startsWith("cluster-stack: " + file + ":").contains(expected);
        assertThat(state).as("nothing written").doesNotExist();
    }

    @Test
    void bytesThatAreNotUtf8AreMalformed() {
        Path file = Fixtures.write(dir.resolve("latin1.json"), "{\"cluster_stack\": \"\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1));

        assertThat(Cli.run(withConf("select", "--pool", file)).failedWithOneLine(2).stderr()).contains("malformed JSON");
    }

    @Test
    void everyCommandRefusesABadDocumentTheSameWay() {
        Path file = document("{\"srs\": [], \"bogus\": true}");
        for (Object[] args : List.of(withConf("select", "--pool", file),
                new Object[] {"check-plug", "--pool", file, "--sr", "OpaqueRef:a", "--state", state},
                withConf("pool", "cluster-create", "--pool", file, "--state", state),
                withConf("pool", "cluster-destroy", "--pool", file, "--cluster", "OpaqueRef:c", "--state", state))) {
            assertThat(Cli.run(args).failedWithOneLine(2).stderr()).contains("bogus: unknown field");
        }
        assertThat(state).doesNotExist();
    }

    @Test
    void optionsNamingNothingInTheDocumentExitTwo() {
        Path file = document(POOL);

        assertThat(Cli.run("check-plug", "--pool", file, "--sr", "OpaqueRef:zz", "--state", state).failedWithOneLine(2)
                .stderr()).contains("--sr \"OpaqueRef:zz\": no SR in srs has this ref");
        assertThat(Cli.run(withConf("pool", "cluster-destroy", "--pool", file, "--cluster", "OpaqueRef:zz", "--state",
                state)).failedWithOneLine(2).stderr()).contains("--cluster \"OpaqueRef:zz\": no Cluster");
    }

    @Test
    void thePoolDocumentCanComeFromStandardInput() {
        Path file = document(POOL);
        List<String> command = new ArrayList<>(List.of("sh", "-c", "exec \"$0\" \"$@\" < \"$POOL\"".replace("$POOL", file.toString()),
                Cli.LAUNCHER.toString(), "select", "--pool", "-", "--xapi-conf", conf.toString(), "--xapi-conf-dir",
                confDir.toString()));

        Cli.Result r = Cli.exec(command).succeeded();

        assertThat(r.stdout()).isEqualTo("{\"cluster_stack\": \"o2cb\"}\n");
        assertThat(Cli.run(withConf("select", "--pool", "-")).failedWithOneLine(2).stderr())
                .isEqualTo("cluster-stack: <stdin>: empty, expected a JSON object (the pool document)\n");
    }

    @Test
    void theDocumentsHaStateWinsOverTheRecordFieldByField() throws IOException {
        Files.createDirectories(state.getParent());
        Files.writeString(state, "{\"ha_enabled\": true, \"ha_cluster_stack\": \"xhad\"}\n");

        Cli.Result refused = Cli.run("check-plug", "--pool", document(POOL), "--sr", "OpaqueRef:a", "--state", state);
        Cli.Result haOff = Cli.run("check-plug", "--pool", document(POOL.replace("{\"srs\"", "{\"ha_enabled\": false, \"srs\"")),
                "--sr", "OpaqueRef:a", "--state", state);
        Cli.Result o2cb = Cli.run("check-plug", "--pool", document(POOL.replace("{\"srs\"", "{\"ha_cluster_stack\": \"o2cb\", \"srs\"")),
                "--sr", "OpaqueRef:a", "--state", state);

        assertThat(refused.status()).isEqualTo(1);
        assertThat(refused.stdout()).isEqualTo("{\"error\": \"INCOMPATIBLE_CLUSTER_STACK_ACTIVE\", \"params\": [\"o2cb\"]}\n");
        assertThat(haOff.succeeded().stdout()).isEqualTo("{\"ok\": true}\n");
        assertThat(o2cb.succeeded().stdout()).isEqualTo("{\"ok\": true}\n");
    }

    @Test
    void enableCheckRefusesAPoolWhoseHaIsOnAndWritesNothing() throws IOException {
        Files.createDirectories(state.getParent());
        Files.writeString(state, "{\"ha_enabled\": true, \"ha_cluster_stack\": \"xhad\"}\n");

        Cli.Result r = Cli.run(withConf("enable-check", "--pool", document(POOL), "--state", state));

        assertThat(r.status()).isEqualTo(1);
        assertThat(r.stdout()).isEqualTo("{\"error\": \"HA_IS_ENABLED\", \"params\": []}\n");
        assertThat(Files.readString(state)).isEqualTo("{\"ha_enabled\": true, \"ha_cluster_stack\": \"xhad\"}\n");
        // xapi says HA is off (the document wins): the enable goes ahead and records the new stack.
        Cli.run(withConf("enable-check", "--pool", document(POOL.replace("{\"srs\"", "{\"ha_enabled\": false, \"srs\"")),
                "--state", state)).succeeded();
        assertThat(Files.readString(state)).isEqualTo("{\"ha_enabled\": true, \"ha_cluster_stack\": \"o2cb\"}\n");
    }

    @Test
    void theDocumentsStackRootWinsOverXapiConfs() throws IOException {
        Path noRoot = Fixtures.write(dir.resolve("no-root.conf"), "cluster-stack-root = " + dir.resolve("absent") + "\n");
        String explicit = "{\"cluster_stack\": \"o2cb\"}";
        String withRoot = "{\"cluster_stack\": \"o2cb\", \"cluster_stack_root\": \"" + root + "\"}";

        assertThat(Cli.run("select", "--pool", document(withRoot), "--xapi-conf", noRoot, "--xapi-conf-dir", confDir)
                .succeeded().stdout()).isEqualTo("{\"cluster_stack\": \"o2cb\"}\n");
        assertThat(Cli.run("select", "--pool", document(explicit), "--xapi-conf", noRoot, "--xapi-conf-dir", confDir)
                .failedWithOneLine(16).stderr()).contains("cluster-stack-root", "does not exist");
        assertThat(Cli.run("select", "--pool", document("{}"), "--xapi-conf", noRoot, "--xapi-conf-dir", confDir)
                .succeeded().stdout()).as("automatic mode needs no root").isEqualTo("{\"cluster_stack\": \"xhad\"}\n");
        assertThat(Cli.run(withConf("select", "--pool", document(withRoot.replace(root.toString(), dir.resolve("gone").toString()))))
                .failedWithOneLine(16).stderr()).contains("cluster_stack_root", "does not exist");
    }

    @Test
    void anInvalidDefaultStackInXapiConfIsRefused() {
        Path bad = Fixtures.write(dir.resolve("bad.conf"), "cluster-stack-root = " + root + "\ncluster-stack-default = \n");

        assertThat(Cli.run("select", "--pool", document("{}"), "--xapi-conf", bad, "--xapi-conf-dir", confDir)
                .failedWithOneLine(16).stderr()).contains("cluster-stack-default", bad + ":2");
    }

    @Test
    void withoutARecordPoolShowGivesANewPoolsValuesAndWritesNothing() throws IOException {
        Cli.Result text = Cli.run("pool", "show", "--state", state).succeeded();
        JsonNode json = JSON.readTree(Cli.run("pool", "show", "--json", "--state", state).succeeded().stdout());

        assertThat(text.stdout()).contains("none yet, a new pool's values").containsPattern("ha_enabled +false")
                .containsPattern("ha_cluster_stack +xhad");
        assertThat(json.get("ha_enabled").asBoolean()).isFalse();
        assertThat(json.get("ha_cluster_stack").asText()).isEqualTo("xhad");
        assertThat(json.get("recorded").asBoolean()).isFalse();
        assertThat(state).doesNotExist();
    }

    @Test
    void enableThenDisableThroughTheRecordFile() throws IOException {
        Cli.Result enabled = Cli.run(withConf("enable-check", "--pool", document(POOL), "--state", state)).succeeded();
        Cli.Result disabled = Cli.run("pool", "disable-ha", "--state", state).succeeded();

        assertThat(enabled.stdout()).isEqualTo("{\"cluster_stack\": \"o2cb\", \"statefile_sr\": \"OpaqueRef:a\"}\n");
        assertThat(disabled.stdout()).isEqualTo("{\"ha_enabled\": false, \"ha_cluster_stack\": \"o2cb\"}\n");
        assertThat(Cli.run("pool", "show", "--state", state).succeeded().stdout())
                .containsPattern("ha_enabled +false").containsPattern("ha_cluster_stack +o2cb");
    }

    @Test
    void aTemporaryFileLeftByACrashedWriterNeverReplacesTheRecord() throws IOException {
        Cli.run(withConf("enable-check", "--pool", document(POOL), "--state", state)).succeeded();
        // What a writer killed mid-write leaves: a torn temporary file beside the record.
        Path torn = Fixtures.write(state.resolveSibling(".pool.json.4242.tmp"), "{\"ha_enabled\": false, \"ha_clus");

        JsonNode shown = JSON.readTree(Cli.run("pool", "show", "--json", "--state", state).succeeded().stdout());
        Cli.run("pool", "disable-ha", "--state", state).succeeded();

        assertThat(shown.get("ha_cluster_stack").asText()).isEqualTo("o2cb");
        assertThat(shown.get("ha_enabled").asBoolean()).isTrue();
        assertThat(Files.readString(state)).isEqualTo("{\"ha_enabled\": false, \"ha_cluster_stack\": \"o2cb\"}\n");
        assertThat(Files.readString(torn)).isEqualTo("{\"ha_enabled\": false, \"ha_clus");
        try (Stream<Path> files = Files.list(state.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("pool.json", ".pool.json.4242.tmp");
        }
    }

    @Test
    void anEmptyOrTornRecordIsRefusedNotTakenForANewPool() throws IOException {
        Files.createDirectories(state.getParent());
        for (String damaged : List.of("", "{\"ha_enabled\": true, \"ha_clus")) {
            Files.writeString(state, damaged);

            assertThat(Cli.run("pool", "show", "--state", state).failedWithOneLine(16).stderr())
                    .contains(state.toString(), "is not valid");
            assertThat(Cli.run(withConf("enable-check", "--pool", document(POOL), "--state", state))
                    .failedWithOneLine(16).stderr()).contains("is not valid");
            assertThat(Files.readString(state)).isEqualTo(damaged);
        }
    }

    @Test
    void helpListsTheExitCodes() {
        for (String command : List.of("select", "enable-check", "check-plug")) {
            assertThat(Cli.run(command, "--help").succeeded().stdout())
                    .contains("Exit codes:", "{\"error\": CODE, \"params\": [...]}", "malformed");
        }
        assertThat(Cli.run("--help").succeeded().stdout()).contains("select", "enable-check", "check-plug", "pool");
    }
}
