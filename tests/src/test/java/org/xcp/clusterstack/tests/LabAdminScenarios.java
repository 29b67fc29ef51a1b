package org.xcp.clusterstack.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Every scenario of {@code tests/lab/admin}, run on real hosts by {@link LabScenariosIT} in its queue of labs (a
 * network and a mount namespace each, as root): the admin commands of issue 19 run in a host's own namespaces as an
 * admin runs them there. {@code pool status} on a healthy pool, a disarmed host and a crashed one, on 3 and 2 hosts;
 * {@code maintenance} cycles of a slave and of the lock holder, and the 2-host refusal; {@code recover} on every case
 * it diagnoses, each caused for real one after the other in one pool; status and maintenance also on corosync, on 3
 * and 2 hosts. Each test checks the exit status and, independently of the script's own verdict, every expectation
 * and the end state it records: who runs and sees whom, that nobody was fenced (none of these steps may fence
 * anyone), and the master.
 */
final class LabAdminScenarios {
    static final int SCENARIO_SECONDS = 420;

    /** A scenario on a stack and a pool size, the hosts running and live at its end, and the master then. */
    record Expected(String stack, String scenario, int hosts, List<Integer> survived, int master) {
        String name() {
            return stack + " " + scenario + " on " + hosts + " hosts";
        }

        List<String> args() {
            return List.of(Cli.REPO.resolve("tests/lab/admin").toString(), scenario, "--hosts",
                    Integer.toString(hosts), "--stack", stack);
        }
    }

    /** The longest first: the queue of labs starts them before LabScenariosIT's own. */
    static final List<Expected> SCENARIOS = List.of(
            // recover waits twice for BootJoinTimeout
            new Expected("xhad", "recover", 3, List.of(0, 1, 2), 0),
            // ends with the last host crashed and dropped
            new Expected("xhad", "status", 3, List.of(0, 1), 0),
            new Expected("xhad", "status", 2, List.of(0), 0),
            // the lock holder's cycle moves the lock to host 1
            new Expected("xhad", "maintenance", 3, List.of(0, 1, 2), 1),
            new Expected("xhad", "maintenance", 2, List.of(0, 1), 0),
            new Expected("corosync", "status", 3, List.of(0, 1), 0),
            new Expected("corosync", "maintenance", 3, List.of(0, 1, 2), 1),
            // two_node with auto_tie_breaker: host 0 keeps quorum alone
            new Expected("corosync", "status", 2, List.of(0), 0),
            new Expected("corosync", "maintenance", 2, List.of(0, 1), 0));

    private LabAdminScenarios() {
    }

    /** The run of {@code e}: its exit status and the JSON record. */
    static void check(Expected e, Cli.Result r) {
        assertThat(r.status()).as("tests/lab/admin %s exit; stdout %s; stderr %s", e.scenario(), r.stdout(),
                r.stderr()).isZero();
        check(e, LabScenariosIT.json(r.stdout()));
    }

    private static void check(Expected e, JsonNode run) {
        String record = run.toString();
        assertThat(run.at("/scenario").asText()).isEqualTo(e.scenario());
        assertThat(run.at("/stack").asText()).isEqualTo(e.stack());
        assertThat(run.at("/hosts").asInt()).isEqualTo(e.hosts());
        assertThat(run.at("/passed").asBoolean()).as(record).isTrue();
        assertThat(run.at("/expectations").size()).as("expectations: %s", record).isGreaterThan(10);
        run.at("/expectations").forEach(x -> assertThat(x.at("/held").asBoolean()).as(x.at("/what").asText()).isTrue());
        List<Integer> survived = LabScenariosIT.ints(run.at("/survived"));
        assertThat(survived).as("survived: %s", record).isEqualTo(e.survived());
        assertThat(LabScenariosIT.ints(run.at("/fenced"))).as("nobody fenced: %s", record).isEmpty();
        for (int s : survived) {
            assertThat(LabScenariosIT.ints(run.at("/livesets/" + s + "/live"))).as("host %d's liveset: %s", s, record)
                    .isEqualTo(survived);
        }
        assertThat(run.at("/master").asInt(-1)).as("master: %s", record).isEqualTo(e.master());
    }
}
