package org.xcp.clusterstack.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xcp.clusterstack.selector.WorkedExamples;

/**
 * selector.md §11 through the CLI as real processes: the same table the library test runs
 * ({@code selector/src/test/resources/worked-examples.json}, one source), each row turned into a pool document,
 * an xapi.conf and a stack root, and run with {@code select}, {@code enable-check}, {@code check-plug} and
 * {@code pool ...}; the record is read back from the file and with {@code pool show --json}.
 */
class SelectorWorkedExamplesIT {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static Stream<Named<JsonNode>> rows() {
        return WorkedExamples.rows();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void workedExample(JsonNode row) throws IOException {
        Pool pool = new Pool(row, dir);
        switch (row.get("op").asText()) {
            case "select" -> {
                assertThat(pool.run("select", pool.document(List.of()), true)).isEqualTo(row.get("expect"));
                assertThat(pool.state).doesNotExist();
            }
            case "enable" -> {
                if (row.has("choice")) {
                    ObjectNode automatic = pool.document(List.of());
                    automatic.remove("cluster_stack");
                    assertThat(pool.run("select", automatic, true).path("cluster_stack").asText())
                            .isEqualTo(row.get("choice").asText());
                }
                JsonNode outcome = pool.run("enable-check", pool.document(names(row.path("hb"))), true);
                assertThat(outcome).isEqualTo(row.get("expect"));
                if (outcome.has("error")) {
                    assertThat(pool.state).as("a failed enable writes nothing").doesNotExist();
                } else {
                    assertThat(JSON.readTree(pool.state.toFile())).isEqualTo(JSON.createObjectNode()
                            .put("ha_enabled", true).put("ha_cluster_stack", outcome.get("cluster_stack").asText()));
                }
            }
            case "plug" -> {
                pool.record(row.get("ha"));
                byte[] before = Files.readAllBytes(pool.state);
                assertThat(pool.run("check-plug", pool.document(List.of()), false,
                        "--sr", WorkedExamples.ref(row.get("sr").asText()))).isEqualTo(row.get("expect"));
                assertThat(Files.readAllBytes(pool.state)).as("the gate writes nothing").isEqualTo(before);
            }
            case "sequence" -> sequence(row, pool);
            default -> throw new AssertionError("unknown op in the table: " + row.get("op"));
        }
    }

    /** §8: the pool document changes step by step as xapi's database would; the record is the CLI's. */
    private static void sequence(JsonNode row, Pool pool) throws IOException {
        if (row.has("start")) {
            pool.record(row.get("start"));
        }
        for (JsonNode step : row.get("steps")) {
            JsonNode outcome = JSON.createObjectNode().put("ok", true);
            switch (step.get("do").asText()) {
                case "show" -> {
                }
                case "plug" -> {
                    String ref = WorkedExamples.ref(step.get("sr").asText());
                    outcome = pool.run("check-plug", pool.document(List.of()), false, "--sr", ref);
                    if (outcome.has("ok")) {
                        pool.srs.replaceAll(sr -> sr.get("ref").asText().equals(ref)
                                ? ((ObjectNode) sr.deepCopy()).put("attached_on_master", true) : sr);
                    }
                }
                case "enable" -> outcome = pool.run("enable-check", pool.document(names(step.get("hb"))), true);
                case "disable" -> outcome = ok(Cli.run("pool", "disable-ha", "--state", pool.state));
                case "cluster-create" -> {
                    JsonNode created = cluster(step.get("cluster").asText());
                    outcome = ok(pool.exec("pool", "cluster-create", pool.document(List.of()), true,
                            "--cluster-stack", created.get("cluster_stack").asText(),
                            "--cluster-ref", created.get("ref").asText(), "--cluster-uuid", created.get("uuid").asText()));
                    if (outcome.has("ok")) {
                        pool.clusters.add(created);
                    }
                }
                case "cluster-destroy" -> {
                    String ref = WorkedExamples.ref(step.get("cluster").asText());
                    outcome = ok(pool.exec("pool", "cluster-destroy", pool.document(List.of()), true, "--cluster", ref));
                    if (outcome.has("ok")) {
                        pool.clusters.removeIf(c -> c.get("ref").asText().equals(ref));
                    }
                }
                default -> throw new AssertionError("unknown step " + step);
            }
            assertThat(outcome).as("step %s", step)
                    .isEqualTo(step.has("expect") ? step.get("expect") : JSON.createObjectNode().put("ok", true));
            JsonNode shown = JSON.readTree(Cli.run("pool", "show", "--json", "--state", pool.state).succeeded().stdout());
            assertThat(shown.get("ha_cluster_stack").asText()).as("field after step %s", step)
                    .isEqualTo(step.get("field").asText());
            assertThat(shown.get("ha_enabled").asBoolean()).as("ha_enabled after step %s", step)
                    .isEqualTo(step.get("ha_enabled").asBoolean());
        }
    }

    /** A success that printed the record becomes {"ok": true}; an error stays as printed. */
    private static JsonNode ok(Cli.Result r) {
        JsonNode printed = outcome(r);
        return printed.has("error") ? printed : JSON.createObjectNode().put("ok", true);
    }

    /** Exit 0 with one line of JSON, or exit 1 with the error as JSON and its explanation on stderr. */
    static JsonNode outcome(Cli.Result r) {
        assertThat(r.status()).as("exit status; stderr: %s", r.stderr()).isIn(0, 1);
        assertThat(r.stdout().lines().count()).as("stdout: %s", r.stdout()).isEqualTo(1);
        try {
            JsonNode out = JSON.readTree(r.stdout());
            if (r.status() == 1) {
                assertThat(out.fieldNames()).toIterable().containsExactly("error", "params");
                assertThat(r.stderr()).startsWith("cluster-stack: " + out.get("error").asText() + ": ")
                        .hasLineCount(1);
            } else {
                assertThat(r.stderr()).isEmpty();
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode cluster(String shorthand) {
        String[] nameStack = shorthand.split(":", 2);
        return JSON.createObjectNode().put("ref", WorkedExamples.ref(nameStack[0])).put("uuid", WorkedExamples.uuid(nameStack[0]))
                .put("cluster_stack", nameStack[1]);
    }

    static List<String> names(JsonNode array) {
        List<String> refs = new ArrayList<>();
        array.forEach(n -> refs.add(WorkedExamples.ref(n.asText())));
        return refs;
    }

    /** One row's world: the stack root, xapi.conf, the record file, and the pool as xapi's database has it. */
    static final class Pool {
        final JsonNode row;
        final Path root;
        final Path conf;
        final Path confDir;
        final Path state;
        final List<JsonNode> srs = new ArrayList<>();
        final List<JsonNode> clusters = new ArrayList<>();

        Pool(JsonNode row, Path dir) throws IOException {
            this.row = row;
            root = WorkedExamples.stackRoot(row, dir.resolve("cluster-stack"));
            String defaultStack = WorkedExamples.defaultStack(row).toString();
            conf = Fixtures.write(dir.resolve("xapi.conf"),
                    "cluster-stack-root = " + root + "\ncluster-stack-default = " + defaultStack + "\n");
            confDir = dir.resolve("xapi.conf.d");
            state = dir.resolve("state/pool.json");
            row.path("srs").forEach(s -> {
                String[] nameType = s.asText().split(":", 2);
                String[] typeWhere = nameType[1].split("@", 2);
                srs.add(JSON.createObjectNode().put("ref", WorkedExamples.ref(nameType[0])).put("uuid", WorkedExamples.uuid(nameType[0]))
                        .put("type", typeWhere[0]).put("attached_on_master", typeWhere[1].equals("M")));
            });
            row.path("clusters").forEach(c -> clusters.add(cluster(c.asText())));
        }

        /** SRs and Clusters listed in reverse: only canonical (uuid) order gives the spec's answers. */
        ObjectNode document(List<String> heartbeat) {
            ObjectNode doc = JSON.createObjectNode();
            List<JsonNode> reversedSrs = new ArrayList<>(srs);
            Collections.reverse(reversedSrs);
            doc.putArray("srs").addAll(reversedSrs);
            doc.set("sm", WorkedExamples.FIXTURE.get("drivers"));
            List<JsonNode> reversedClusters = new ArrayList<>(clusters);
            Collections.reverse(reversedClusters);
            doc.putArray("clusters").addAll(reversedClusters);
            ArrayNode hb = doc.putArray("heartbeat_srs");
            heartbeat.forEach(hb::add);
            doc.put("cluster_stack", row.path("req").asText(""));
            return doc;
        }

        void record(JsonNode ha) throws IOException {
            Files.createDirectories(state.getParent());
            Files.writeString(state, JSON.writeValueAsString(ha));
        }

        JsonNode run(String command, ObjectNode document, boolean withConf, String... more) {
            return outcome(exec(null, command, document, withConf, more));
        }

        Cli.Result exec(String group, String command, ObjectNode document, boolean withConf, String... more) {
            List<Object> args = new ArrayList<>();
            if (group != null) {
                args.add(group);
            }
            args.add(command);
            try {
                Path file = Files.createTempFile(root.getParent(), "pool", ".json");
                Files.writeString(file, JSON.writeValueAsString(document));
                args.addAll(List.of("--pool", file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (!command.equals("select")) { // the only one that neither reads nor writes the record
                args.addAll(List.of("--state", state));
            }
            if (withConf) {
                args.addAll(List.of("--xapi-conf", conf, "--xapi-conf-dir", confDir));
            }
            args.addAll(List.of((Object[]) more));
            return Cli.run(args.toArray());
        }
    }
}
