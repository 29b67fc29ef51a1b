package org.xcp.clusterstack.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's main command, {@code bin/cluster-stack demo}, and the tour {@code bin/demo}, on the build under test. */
class DemoIT {

    @Test
    void thePoolDemoEnablesHaSurvivesTheMastersCrashAndAShutdown() throws Exception {
        Cli.Result r = Cli.runWithin(150, "demo", "--json").succeeded();

        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.stdout());
        assertThat(json.at("/result").asText()).isEqualTo("ok");
        List<String> steps = new java.util.ArrayList<>();
        json.at("/steps").forEach(s -> steps.add(s.has("step") ? s.get("step").asText() : s.get("title").asText()));
        assertThat(steps).containsExactly("install", "select", "init", "start", "propose_master",
                "livesets after enabling HA", "crash", "livesets after host0 crashed", "new master",
                steps.get(9), "rejoin", "livesets after host0 came back", "leave", "livesets with host2 shut down",
                "disable");
        assertThat(json.at("/steps/5/liveness").toString()).isEqualTo("[[true,true,true],[true,true,true],[true,true,true]]");

        // the master's crash: noticed after T1 (10 s) of silence, dropped only max(Wh, Ws) = 25 s after its last sign
        // of life, its last heartbeat or statefile write, which came at most max(t1, t2) = 2 s before the crash
        com.fasterxml.jackson.databind.JsonNode crash = json.at("/steps/6");
        assertThat(crash.at("/host").asText()).isEqualTo("host0");
        assertThat(crash.at("/daemon_gone").asBoolean()).isTrue();
        assertThat(crash.at("/survivors")).hasSize(2).allSatisfy(s -> {
            assertThat(s.at("/noticed_ms").asLong()).as("%s", s).isBetween(7_500L, 20_000L);
            assertThat(s.at("/fh3_ms").asLong()).as("%s", s).isGreaterThanOrEqualTo(s.at("/noticed_ms").asLong());
            assertThat(s.at("/left_ms").asLong()).as("%s", s).isGreaterThanOrEqualTo(23_000L);
            assertThat(s.at("/liveset_ms").asLong()).as("%s", s).isBetween(23_000L, 40_000L);
        });
        assertThat(json.at("/steps/7/liveness").toString()).isEqualTo("[[],[false,true,true],[false,true,true]]");

        // exactly one survivor wins the lock, and everyone sees it
        com.fasterxml.jackson.databind.JsonNode elected = json.at("/steps/8");
        String master = elected.at("/master").asText();
        assertThat(master).isIn("host1", "host2");
        assertThat(elected.at("/answers").toString()).contains(master + " TRUE").containsOnlyOnce("TRUE");
        assertThat(steps.get(9)).isEqualTo("livesets after " + master + " became master");
        assertThat(json.at("/steps/9/master").asText()).startsWith(master + " ");
        assertThat(json.at("/steps/11/liveness").toString()).isEqualTo("[[true,true,true],[true,true,true],[true,true,true]]");
        assertThat(json.at("/steps/11/master").asText()).startsWith(master + " ");

        assertThat(json.at("/steps/13/liveness").toString()).isEqualTo("[[true,true,false],[true,true,false],[]]");
        assertThat(r.stderr()).contains("host0: ha_start_daemon exit 0", "master: host0", "FH4: fence_request set");
    }

    @Test
    void theDemoRunsEveryStepWithTheExpectedVerdicts() {
        // 120 s: beside the parallel execution's eight pools the tour once took longer than 60 s
        Cli.Result r = Cli.exec(List.of("/usr/bin/env", "CLUSTER_STACK_PREBUILT=1",
                Cli.REPO.resolve("bin/demo").toString()), 120).succeeded();

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
