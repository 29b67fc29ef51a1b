package org.xcp.clusterstack.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every scenario of {@code tests/lab/run} on real hosts (a network and a mount namespace each, scripts called
 * as xapi calls them), as root, which CI is, on the xhad stack and, with a real corosync per host, on the
 * corosync and ocfs2 stacks, and every scenario of {@code tests/lab/admin} (the admin commands, {@link
 * LabAdminScenarios}), those first. One queue runs them four at a time ({@code -Dlab.parallel}; each is a few
 * hosts of mostly idle daemons, about a core together, beside the pools of the failsafe execution 'pairs'); each test checks the exit status and the JSON record independently of the
 * script's own verdict: who survived, who was fenced, the survivors' livesets and the master. Every scenario
 * that fences asks {@code cluster-stack why-fenced} in the fenced host's namespaces for the spec's reason, among its
 * expectations. The load scenario runs alone, in {@link LabLoadIT}.
 */
class LabScenariosIT {
    static final int PARALLEL = Integer.getInteger("lab.parallel", 4);
    static final int SCENARIO_SECONDS = 240;

    /**
     * The scenario, the survivors and the fenced hosts it must end with, and the master (-1: none); {@code hosts} 0
     * for the scenario's own pool size, else {@code --hosts}.
     */
    record Expected(String stack, String scenario, int hosts, List<Integer> survived, List<Integer> fenced,
            int master) {
        Expected(String scenario, List<Integer> survived, List<Integer> fenced, int master) {
            this("xhad", scenario, 0, survived, fenced, master);
        }

        Expected(String stack, String scenario, List<Integer> survived, List<Integer> fenced, int master) {
            this(stack, scenario, 0, survived, fenced, master);
        }

        /** On a 2-host pool (issue 19): the host with the higher UUID, host 1, loses a split. */
        static Expected twoHosts(String scenario, List<Integer> survived, List<Integer> fenced, int master) {
            return new Expected("xhad", scenario, 2, survived, fenced, master);
        }

        String name() {
            return stack + " " + scenario + (hosts > 0 ? " on " + hosts + " hosts" : "");
        }

        List<String> args() {
            List<String> a = new ArrayList<>(List.of(Cli.REPO.resolve("tests/lab/run").toString(), scenario, "--stack",
                    stack));
            if (hosts > 0) {
                a.addAll(List.of("--hosts", String.valueOf(hosts)));
            }
            return a;
        }
    }

    static final List<Expected> SCENARIOS = List.of(
            new Expected("kill-member", List.of(0, 1), List.of(2), 0),
            new Expected("kill-master", List.of(1, 2), List.of(0), 1),
            new Expected("hang-member", List.of(0, 1), List.of(2), 0),
            new Expected("link-down", List.of(0, 1), List.of(2), 0),
            new Expected("partition-2-1", List.of(0, 1), List.of(2), 0),
            new Expected("partition-2-2", List.of(0, 1), List.of(2, 3), 0),
            new Expected("partition-3way", List.of(0), List.of(1, 2), 0),
            new Expected("asymmetric-loss", null, null, -2), // one end of the cut link goes: checked below
            new Expected("statefile-lost-one", List.of(0, 1), List.of(2), 0),
            new Expected("statefile-lost-all", List.of(0, 1, 2), List.of(), 0),
            new Expected("restart-rejoin", List.of(0, 1, 2), List.of(2), 0), // fenced before it restarted
            new Expected("excluded-reboot", List.of(0, 1, 2), List.of(), 0),
            new Expected("invalid", List.of(), List.of(), -1),
            new Expected("crash-member", List.of(0, 1), List.of(), 0),
            new Expected("crash-master", List.of(1, 2), List.of(), 1),
            Expected.twoHosts("crash-member", List.of(0), List.of(), 0),
            Expected.twoHosts("crash-master", List.of(1), List.of(), 1),
            Expected.twoHosts("hang-member", List.of(0), List.of(1), 0),
            Expected.twoHosts("partition-2-1", List.of(0), List.of(1), 0), // 1-1: the higher UUID loses
            Expected.twoHosts("statefile-lost-one", List.of(0), List.of(1), 0),
            Expected.twoHosts("statefile-lost-all", List.of(0, 1), List.of(), 0),
            new Expected("heal-rejoin", List.of(0, 1, 2), List.of(2), 0),
            // each host's xapi.service, whose cgroups ha_start_daemon ran in, restarted as systemd does it: the
            // daemons left those cgroups at start, so they and their watchdogs stay, and nothing changes
            new Expected("toolstack-restart", List.of(0, 1, 2), List.of(), 0),
            // xapi's health check (spec §7.4) with a fake xapi per host: passing; hung and cured by one restart;
            // failing on the master and not cured, so it fences and the lock moves (why-fenced names the check)
            new Expected("xapi-healthy", List.of(0, 1, 2), List.of(), 0),
            new Expected("xapi-restart-cures", List.of(0, 1, 2), List.of(), 0),
            new Expected("xapi-restart-fails", List.of(1, 2), List.of(0), 1),
            // on a real corosync 3 + votequorum per host: the stack watchdog is the one fencer
            new Expected("corosync", "link-down", List.of(0, 1), List.of(2), 0),
            new Expected("corosync", "partition-2-1", List.of(0, 1), List.of(2), 0),
            new Expected("corosync", "crash-master", List.of(1, 2), List.of(), 1),
            new Expected("corosync", "heal-rejoin", List.of(0, 1, 2), List.of(2), 0),
            new Expected("corosync", "excluded-reboot", List.of(0, 1, 2), List.of(), 0),
            // xapi's health check is the core's, one rule for every stack (xhad's rows above): here only its fence,
            // which on corosync is the stack watchdog's
            new Expected("corosync", "xapi-restart-fails", List.of(1, 2), List.of(0), 1),
            new Expected("corosync", "invalid", List.of(), List.of(), -1),
            // OCFS2 on its user stack (corosync): the same authority (a master's crash is corosync's row)
            new Expected("ocfs2", "link-down", List.of(0, 1), List.of(2), 0),
            new Expected("ocfs2", "heal-rejoin", List.of(0, 1, 2), List.of(2), 0),
            // cluster-stack verify on a pool member whose corosync runs (no pool enabled: nobody survives)
            new Expected("corosync", "verify", List.of(), List.of(), -1),
            new Expected("ocfs2", "verify", List.of(), List.of(), -1));

    static ExecutorService pool;
    static final List<Future<Cli.Result>> RUNS = new ArrayList<>();
    static final List<Future<Cli.Result>> ADMIN_RUNS = new ArrayList<>();

    /** One queue of labs for both lists, the admin commands' first (the longest, recover, leads). */
    @BeforeAll
    static void start() {
        assertThat(System.getProperty("user.name")).as("the lab needs root (network namespaces); CI runs as root")
                .isEqualTo("root");
        pool = Executors.newFixedThreadPool(PARALLEL);
        for (LabAdminScenarios.Expected e : LabAdminScenarios.SCENARIOS) {
            ADMIN_RUNS.add(pool.submit(() -> Cli.exec(e.args(), LabAdminScenarios.SCENARIO_SECONDS)));
        }
        for (Expected e : SCENARIOS) {
            RUNS.add(pool.submit(() -> Cli.exec(e.args(), SCENARIO_SECONDS)));
        }
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
    }

    @TestFactory
    Stream<DynamicTest> everyScenarioHoldsOnRealHosts() {
        return SCENARIOS.stream().map(e -> DynamicTest.dynamicTest(e.name(), () -> {
            Cli.Result r = RUNS.get(SCENARIOS.indexOf(e)).get();
            assertThat(r.status()).as("tests/lab/run %s exit; stdout %s; stderr %s", e.scenario(), r.stdout(),
                    r.stderr()).isZero();
            check(e, json(r.stdout()));
        }));
    }

    /** The admin commands' scenarios ({@link LabAdminScenarios}), from the same queue. */
    @TestFactory
    Stream<DynamicTest> everyAdminScenarioHoldsOnRealHosts() {
        return LabAdminScenarios.SCENARIOS.stream().map(e -> DynamicTest.dynamicTest(e.name(), () ->
                LabAdminScenarios.check(e, ADMIN_RUNS.get(LabAdminScenarios.SCENARIOS.indexOf(e)).get())));
    }

    static void check(Expected e, JsonNode run) {
        String record = run.toString();
        assertThat(run.at("/scenario").asText()).isEqualTo(e.scenario());
        assertThat(run.at("/stack").asText()).isEqualTo(e.stack());
        assertThat(run.at("/passed").asBoolean()).as(record).isTrue();
        run.at("/expectations").forEach(x -> assertThat(x.at("/held").asBoolean()).as(x.at("/what").asText()).isTrue());
        List<Integer> survived = ints(run.at("/survived"));
        List<Integer> fenced = ints(run.at("/fenced"));
        if (e.survived() == null) { // asymmetric-loss: host 1 hears both ends and stays; exactly one end goes
            assertThat(survived).as(record).hasSize(2).contains(1);
            assertThat(fenced).as(record).hasSize(1).doesNotContain(1);
            assertThat(survived).doesNotContainAnyElementsOf(fenced);
        } else {
            assertThat(survived).as("survived: %s", record).isEqualTo(e.survived());
            assertThat(fenced).as("fenced: %s", record).isEqualTo(e.fenced());
        }
        for (int s : survived) { // every survivor's liveset is exactly the survivors
            assertThat(ints(run.at("/livesets/" + s + "/live"))).as("host %d's liveset: %s", s, record)
                    .isEqualTo(survived);
        }
        if (!run.at("/prediction").isMissingNode()) { // simulate's, made before the fault (issue 19)
            assertThat(ints(run.at("/prediction/survivors"))).as("predicted survivors: %s", record).isEqualTo(survived);
            List<Integer> predictedFenced = new ArrayList<>();
            run.at("/prediction/fenced").forEach(f -> predictedFenced.add(f.at("/host").asInt()));
            assertThat(predictedFenced).as("predicted fenced: %s", record).isEqualTo(fenced);
        }
        if (e.master() >= 0) {
            assertThat(run.at("/master").asInt(-1)).as("master: %s", record).isEqualTo(e.master());
        } else if (e.master() == -1) {
            assertThat(run.at("/master").isNull()).as("no master: %s", record).isTrue();
        }
    }

    static List<Integer> ints(JsonNode array) {
        List<Integer> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asInt()));
        return out;
    }

    static JsonNode json(String stdout) {
        try {
            return new ObjectMapper().readTree(stdout);
        } catch (IOException e) {
            throw new AssertionError("not one JSON object: " + stdout, e);
        }
    }
}
