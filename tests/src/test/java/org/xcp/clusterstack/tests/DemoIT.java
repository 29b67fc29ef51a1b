package org.xcp.clusterstack.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's main command, {@code bin/cluster-stack demo}, and the tour {@code bin/demo}, on the build under test. */
class DemoIT {

    @Test
    void thePoolDemoEnablesHaLosesAHostCleanlyAndGetsItBack() throws Exception {
        Cli.Result r = Cli.run("demo", "--json").succeeded();

        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.stdout());
        assertThat(json.at("/result").asText()).isEqualTo("ok");
        List<String> steps = new java.util.ArrayList<>();
        json.at("/steps").forEach(s -> steps.add(s.has("step") ? s.get("step").asText() : s.get("title").asText()));
        assertThat(steps).containsSubsequence("install", "select", "init", "start", "propose_master",
                "livesets after enabling HA", "leave", "livesets with host2 shut down", "rejoin",
                "livesets after host2 came back", "disable");
        assertThat(json.at("/steps/5/liveness").toString()).isEqualTo("[[true,true,true],[true,true,true],[true,true,true]]");
        assertThat(json.at("/steps/7/liveness").toString()).isEqualTo("[[true,true,false],[true,true,false],[]]");
        assertThat(r.stderr()).contains("host0: ha_start_daemon exit 0", "master: host0");
    }

    @Test
    void theDemoRunsEveryStepWithTheExpectedVerdicts() {
        Cli.Result r = Cli.exec(List.of("/usr/bin/env", "CLUSTER_STACK_PREBUILT=1",
                Cli.REPO.resolve("bin/demo").toString())).succeeded();

        assertThat(r.stdout())
                .contains("examples/xhad.conf: valid xhad.conf")
                .contains("exit status: 7")
                .contains(": initialised (266240 bytes): generation 3c1e5b7a-90d2-4f3e-8a61-2b4c6d8e0f12, 3 hosts")
                .contains("  global.pool_state = 1\n")
                .contains("**global.checksum = ")
                .contains("exit status: 9")
                .contains("$ ha_set_pool_state init\nexit status: 0\n$ ha_start_daemon \nexit status: 0\n")
                .contains("  <status>Online</status>\n", "$ ha_propose_master \nTRUE\nexit status: 0\n",
                        "    <master>TRUE</master>\n")
                .contains("$ ha_set_pool_state invalid\nexit status: 0\n$ ha_start_daemon \nexit status: 11\n");
    }
}
