package org.xcp.clusterstack.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcp.clusterstack.selector.WorkedExamples.JSON;
import static org.xcp.clusterstack.selector.WorkedExamples.error;
import static org.xcp.clusterstack.selector.WorkedExamples.ref;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xcp.clusterstack.xapiconf.StackRoot;

/**
 * selector.md §11: every worked example, one row each, through the library with a real stack root. The
 * same table runs through the CLI as a process in {@code SelectorWorkedExamplesIT}.
 */
class SelectorWorkedExamplesTest {
    @TempDir
    Path tmp;

    static Stream<Named<JsonNode>> rows() {
        return WorkedExamples.rows();
    }

    @Test
    void theTableHoldsEveryCaseOfSection11() {
        List<String> cases = new ArrayList<>();
        WorkedExamples.TABLE.get("examples").forEach(row -> cases.add(row.get("case").asText()));
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 46; i++) {
            expected.add(String.valueOf(i));
        }
        assertThat(cases).containsAll(expected).doesNotHaveDuplicates();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void workedExample(JsonNode row) {
        InstalledStacks master = InstalledStacks.in(new StackRoot(WorkedExamples.stackRoot(row, tmp.resolve("root"))));
        StackSelector selector = new StackSelector(WorkedExamples.defaultStack(row));
        PoolSnapshot pool = WorkedExamples.pool(row);
        switch (row.get("op").asText()) {
            case "select" -> assertThat(outcome(() -> select(selector, pool, row.path("req").asText(""), master)))
                    .isEqualTo(row.get("expect"));
            case "enable" -> {
                if (row.has("choice")) {
                    assertThat(selector.choose(pool)).isEqualTo(row.get("choice").asText());
                }
                EnableRequest request = new EnableRequest(row.path("req").asText(""), hb(row.path("hb")));
                assertThat(outcome(() -> enable(new HaEnableCheck(selector, master, StackReadiness.NONE), pool,
                        PoolRecord.NEW_POOL, request))).isEqualTo(row.get("expect"));
            }
            case "plug" -> {
                PoolRecord ha = new PoolRecord(row.get("ha").get("ha_enabled").asBoolean(),
                        row.get("ha").get("ha_cluster_stack").asText());
                assertThat(outcome(() -> {
                    PlugGate.check(pool, ha, ref(row.get("sr").asText()));
                    return JSON.createObjectNode().put("ok", true);
                })).isEqualTo(row.get("expect"));
            }
            case "sequence" -> sequence(row, selector, master);
            default -> throw new AssertionError("unknown op in the table: " + row.get("op"));
        }
    }

    /** §8: the pool (SRs attached, Clusters) evolves step by step as xapi's database would. */
    private static void sequence(JsonNode row, StackSelector selector, InstalledStacks master) {
        List<Sr> srs = new ArrayList<>(WorkedExamples.srs(row));
        List<Cluster> clusters = new ArrayList<>();
        JsonNode start = row.path("start");
        PoolRecord[] record = {start.isMissingNode() ? PoolRecord.NEW_POOL
                : new PoolRecord(start.get("ha_enabled").asBoolean(), start.get("ha_cluster_stack").asText())};
        for (JsonNode step : row.get("steps")) {
            PoolSnapshot pool = PoolSnapshot.of(srs, WorkedExamples.drivers(), clusters);
            JsonNode outcome = outcome(() -> {
                switch (step.get("do").asText()) {
                    case "show" -> {
                    }
                    case "plug" -> {
                        String ref = ref(step.get("sr").asText());
                        PlugGate.check(pool, record[0], ref);
                        Sr sr = pool.sr(ref).orElseThrow();
                        srs.set(srs.indexOf(sr), new Sr(sr.ref(), sr.uuid(), sr.type(), true));
                    }
                    case "enable" -> {
                        EnableDecision d = new HaEnableCheck(selector, master, StackReadiness.NONE)
                                .check(pool, record[0], new EnableRequest("", hb(step.get("hb"))));
                        record[0] = d.record();
                        return decision(d);
                    }
                    case "disable" -> record[0] = record[0].disabled();
                    case "cluster-create" -> {
                        Cluster created = WorkedExamples.cluster(step.get("cluster").asText());
                        record[0] = new ClusterGate(selector).create(pool, record[0], created);
                        clusters.add(created);
                    }
                    case "cluster-destroy" -> {
                        String ref = ref(step.get("cluster").asText());
                        record[0] = new ClusterGate(selector).destroy(pool, record[0], ref);
                        clusters.removeIf(c -> c.ref().equals(ref));
                    }
                    default -> throw new AssertionError("unknown step " + step);
                }
                return JSON.createObjectNode().put("ok", true);
            });
            assertThat(outcome).as("step %s", step).isEqualTo(step.has("expect") ? step.get("expect")
                    : JSON.createObjectNode().put("ok", true));
            assertThat(record[0]).as("record after step %s", step)
                    .isEqualTo(new PoolRecord(step.get("ha_enabled").asBoolean(), step.get("field").asText()));
        }
    }

    private static JsonNode select(StackSelector selector, PoolSnapshot pool, String req, InstalledStacks master) {
        return JSON.createObjectNode().put("cluster_stack", selector.resolve(pool, req, master));
    }

    private static JsonNode enable(HaEnableCheck check, PoolSnapshot pool, PoolRecord current, EnableRequest request) {
        EnableDecision decision = check.check(pool, current, request);
        assertThat(decision.record()).isEqualTo(new PoolRecord(true, decision.clusterStack()));
        return decision(decision);
    }

    private static JsonNode decision(EnableDecision d) {
        return JSON.createObjectNode().put("cluster_stack", d.clusterStack()).put("statefile_sr", d.statefileSr().ref());
    }

    private static List<String> hb(JsonNode names) {
        return WorkedExamples.strings(names).stream().map(WorkedExamples::ref).toList();
    }

    private static JsonNode outcome(Supplier<JsonNode> operation) {
        try {
            return operation.get();
        } catch (SelectorError e) {
            return error(e);
        }
    }
}
