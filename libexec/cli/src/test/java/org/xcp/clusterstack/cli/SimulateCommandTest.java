package org.xcp.clusterstack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cluster-stack simulate} on the examples' 3-host xhad.conf with no daemon and no statefile of that pool:
 * every host assumed live, the JSON of schema cluster-stack/simulate, one-line errors for bad hosts and cuts.
 */
class SimulateCommandTest {
    private static final Path CONFIG = Path.of("../../examples/xhad.conf");
    private static final String HOST_2 = "e8d6b4a2-1c3e-4f5a-9b7d-2e4f6a8c0b1d";

    @TempDir
    Path runBase;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int simulate(String... args) {
        List<String> all = new ArrayList<>(List.of("simulate", "-C", CONFIG.toString(), "--run-dir",
                runBase.toString()));
        all.addAll(List.of(args));
        return CommandLines.create(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute(all.toArray(String[]::new));
    }

    @Test
    void theJsonSaysWhoSurvivesWhoFencesAndWhatXapiSees() throws Exception {
        assertThat(simulate("--isolate", "2", "--json")).isZero();
        JsonNode j = new ObjectMapper().readTree(out.toString());
        assertThat(j.at("/schema").asText()).isEqualTo("cluster-stack/simulate");
        assertThat(j.at("/version").asInt()).isEqualTo(1);
        assertThat(j.at("/stack").asText()).isEqualTo("xhad");
        assertThat(j.at("/faults/0/kind").asText()).isEqualTo("isolate");
        assertThat(j.at("/live_before").toString()).isEqualTo("[0,1,2]");
        assertThat(j.at("/survivors").toString()).isEqualTo("[0,1]");
        assertThat(j.at("/fenced/0/host").asInt()).isEqualTo(2);
        assertThat(j.at("/fenced/0/by").asText()).isEqualTo("self-fence");
        assertThat(j.at("/fenced/0/at_s").asDouble()).isPositive();
        assertThat(j.at("/dropped/0/host").asInt()).isEqualTo(2);
        assertThat(j.at("/master").isNull()).as("no master before, none after").isTrue();
        assertThat(j.at("/master_candidates").toString()).isEqualTo("[0,1]");
        assertThat(j.at("/liveset").toString()).isEqualTo("[0,1]");
        assertThat(j.at("/settled_s").asDouble()).isEqualTo(j.at("/dropped/0/at_s").asDouble());
        assertThat(j.at("/assumptions/1").asText()).contains("assumed");
    }

    @Test
    void aHostIsAnIndexOrAUuidAndTheTextSaysTheSame() {
        assertThat(simulate("--fail", HOST_2)).isZero();
        String byUuid = out.toString();
        out.getBuffer().setLength(0);
        assertThat(simulate("--fail", "2")).isZero();
        assertThat(out.toString()).isEqualTo(byUuid).contains("survivors:  [0 1]").contains("fenced:     nobody")
                .contains("xapi sees:  [0 1]");
    }

    @Test
    void badHostsAndCutsAreOneLineAndExit1() {
        assertThat(simulate("--hang", "3")).isEqualTo(1);
        assertThat(simulate("--fail", "not-a-host")).isEqualTo(1);
        assertThat(simulate("--cut", "0-2")).isEqualTo(1);
        assertThat(simulate("--cut", "1:1")).isEqualTo(1);
        assertThat(err.toString().lines()).hasSize(4).allSatisfy(l -> assertThat(l).startsWith("cluster-stack: "))
                .anySatisfy(l -> assertThat(l).contains("--hang 3: not a host index (the pool has hosts 0..2)"))
                .anySatisfy(l -> assertThat(l).contains("--cut 0-2: expected A:B"));
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void onCorosyncACutThatDoesNotSplitThePoolIsRefused() {
        assertThat(simulate("--stack", "corosync", "--cut", "0:2")).isEqualTo(1);
        assertThat(err.toString()).contains("a cluster manager sees groups").hasLineCount(1);
    }

    @Test
    void withoutARunningCorosyncItsDefaultsForThePoolsSizeSayHowSoonItNotices() {
        assertThat(CorosyncTiming.defaults(2).after().toMillis()).isEqualTo(3000 + 3600);
        assertThat(CorosyncTiming.defaults(3).after().toMillis()).isEqualTo(3650 + 4380);
        assertThat(CorosyncTiming.defaults(3).source()).contains("token 3650 ms + consensus 4380 ms");
    }

    @Test
    void aMissingConfigIs6() {
        int code = CommandLines.create(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute("simulate", "-C", runBase.resolve("nope.conf").toString());
        assertThat(code).isEqualTo(6);
        assertThat(err.toString()).hasLineCount(1);
    }
}
