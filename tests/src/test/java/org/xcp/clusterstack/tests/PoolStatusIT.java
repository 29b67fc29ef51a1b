package org.xcp.clusterstack.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcp.clusterstack.api.HaScript.PROPOSE_MASTER;
import static org.xcp.clusterstack.api.HaScript.SET_POOL_STATE;
import static org.xcp.clusterstack.api.HaScript.START_DAEMON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pool status} and {@code maintenance enter|exit} on real loopback pools (127.0.9.x: 3 hosts, 127.0.10.x: 2
 * hosts), enabled as xapi does: the JSON validates against the published schema, a slave and the lock holder go
 * through a maintenance cycle, and a 2-host pool refuses to leave one host alone.
 */
class PoolStatusIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    static Path base;
    static InstalledStack xhad;

    @TempDir
    Path dir;

    @BeforeAll
    static void install() {
        xhad = InstalledStack.install(base, "xhad");
    }

    @AfterEach
    void stopDaemons() {
        xhad.stopAll();
    }

    private static LoopbackPool enabled(Path dir, int n, String subnet, int idBase) {
        LoopbackPool pool = new LoopbackPool(xhad, dir, n, 30, subnet, idBase, LoopbackPool.Timeouts.SHORT);
        pool.run(0, SET_POOL_STATE, "init").succeeded();
        List<Cli.Result> starts = pool.runOnAll(START_DAEMON);
        for (int h = 0; h < n; h++) {
            assertThat(starts.get(h).status()).as("ha_start_daemon on host %d: %s", h, starts.get(h).stderr()).isZero();
        }
        assertThat(pool.run(0, PROPOSE_MASTER).succeeded().stdout()).isEqualTo("TRUE\n");
        return pool;
    }

    private static Cli.Result status(LoopbackPool pool, int host, String... more) {
        List<Object> args = new ArrayList<>(List.of("pool", "status", "-C", pool.configs.get(host), "--run-dir",
                xhad.runBase));
        args.addAll(List.of(more));
        return Cli.run(args.toArray());
    }

    private static JsonNode json(LoopbackPool pool, int host) {
        Cli.Result r = status(pool, host, "--json");
        assertThat(r.status()).as("pool status --json: %s", r.stderr()).isIn(0, 2);
        try {
            return MAPPER.readTree(r.stdout());
        } catch (IOException e) {
            throw new AssertionError(r.stdout(), e);
        }
    }

    private static Cli.Result maintenance(LoopbackPool pool, int host, String action, String... more) {
        List<Object> args = new ArrayList<>(List.of("maintenance", action, "-C", pool.configs.get(host), "--run-dir",
                xhad.runBase, "--root", xhad.root, "--timeout", "60"));
        args.addAll(List.of(more));
        return Cli.runWithin(120, args.toArray());
    }

    private static void eventuallyHealthy(LoopbackPool pool, int host) {
        InstalledStack.eventually(Duration.ofSeconds(30), "pool status on host " + host + " to exit 0",
                () -> status(pool, host).status() == 0);
    }

    private static List<String> states(JsonNode status) {
        List<String> out = new ArrayList<>();
        status.get("hosts").forEach(h -> out.add(h.get("state").asText()));
        return out;
    }

    @Test
    void threeHostsAreHealthyAndASlaveAndTheLockHolderGoThroughMaintenance() throws IOException {
        LoopbackPool pool = enabled(dir, 3, "127.0.9.", 0x90000000);
        eventuallyHealthy(pool, 1);
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(Files.readString(Cli.REPO.resolve("docs/schemas/pool-status-v1.json")));
        JsonNode healthy = json(pool, 1);
        assertThat(schema.validate(healthy)).as("%s", healthy).isEmpty();
        assertThat(healthy.get("master").asInt()).isZero();
        assertThat(healthy.get("lock_holder").asInt()).isZero();
        assertThat(healthy.get("survives_failures").asInt()).isEqualTo(2);
        assertThat(healthy.get("warnings")).isEmpty();
        assertThat(states(healthy)).containsExactly("online", "online", "online");
        assertThat(healthy.get("hosts").get(1).get("armed").asBoolean()).isTrue();
        assertThat(healthy.get("hosts").get(0).get("armed").isNull()).isTrue();

        // a slave: the preflight passes, the three steps run in xapi's order, the others see it excluded
        Cli.Result enter = maintenance(pool, 2, "enter", "--yes").succeeded();
        assertThat(enter.stdout()).contains("without this host the pool survives 1 more host failure")
                .containsSubsequence("step 1/3: ha_disarm_fencing ... ok", "step 2/3: ha_stop_daemon ... ok",
                        "step 3/3: ha_set_excluded ... ok", "maintenance enter done");
        eventuallyHealthy(pool, 0);
        JsonNode away = json(pool, 0);
        assertThat(schema.validate(away)).as("%s", away).isEmpty();
        assertThat(states(away)).containsExactly("online", "online", "excluded");
        assertThat(away.get("survives_failures").asInt()).isEqualTo(1);
        // with host 2 away, host 1 leaving would leave host 0 alone
        Cli.Result refused = maintenance(pool, 1, "enter", "--yes");
        assertThat(refused.status()).as(refused.stderr()).isEqualTo(1);
        assertThat(refused.stderr()).startsWith("refused: without this host the pool (1 live host) would survive no"
                + " further failure").hasLineCount(1);
        assertThat(maintenance(pool, 2, "enter", "--yes").succeeded().stdout()).contains("already in maintenance");

        Cli.Result exit = maintenance(pool, 2, "exit", "--yes").succeeded();
        assertThat(exit.stdout()).containsSubsequence("step 1/2: ha_clear_excluded ... ok",
                "step 2/2: ha_start_daemon ... ok", "wait: every running peer sees host 2 live ... ok",
                "maintenance exit done");
        JsonNode back = json(pool, 0);
        assertThat(states(back)).containsExactly("online", "online", "online");
        back.get("hosts").forEach(h -> assertThat(h.get("sees").toString()).isEqualTo("[0,1,2]"));

        // the lock holder: told that xapi must designate another master first; --force takes it out anyway
        eventuallyHealthy(pool, 0);
        Cli.Result holder = maintenance(pool, 0, "enter", "--yes");
        assertThat(holder.status()).as(holder.stderr()).isEqualTo(1);
        assertThat(holder.stderr()).contains("this host holds the master lock: xapi must designate another master"
                + " first").hasLineCount(1);
        assertThat(maintenance(pool, 0, "enter", "--dry-run").status()).isEqualTo(1);
        Cli.Result forced = maintenance(pool, 0, "enter", "--yes", "--force", "--json");
        assertThat(forced.status()).as(forced.stderr()).isZero();
        JsonNode outcome = MAPPER.readTree(forced.stdout());
        assertThat(outcome.get("forced").asBoolean()).isTrue();
        assertThat(outcome.get("steps")).hasSize(3);
        assertThat(forced.stderr()).contains("forced past: this host holds the master lock");
        InstalledStack.eventually(Duration.ofSeconds(30), "host 1 to take the master lock",
                () -> pool.run(1, PROPOSE_MASTER).stdout().equals("TRUE\n"));
        InstalledStack.eventually(Duration.ofSeconds(30), "host 1 to be master and lock holder in pool status",
                () -> {
                    JsonNode s = json(pool, 1);
                    return s.get("master").asInt(-1) == 1 && s.get("lock_holder").asInt(-1) == 1;
                });
        maintenance(pool, 0, "exit", "--yes").succeeded();
        eventuallyHealthy(pool, 2);
        assertThat(states(json(pool, 2))).containsExactly("online", "online", "online");
    }

    @Test
    void aTwoHostPoolNamesTheLoserOfASplitAndNeitherHostMayLeaveTheOtherAlone() {
        LoopbackPool pool = enabled(dir, 2, "127.0.10.", 0xa0000000);
        InstalledStack.eventually(Duration.ofSeconds(30), "both hosts online in pool status",
                () -> states(json(pool, 0)).equals(List.of("online", "online")));
        Cli.Result r = status(pool, 0);
        assertThat(r.status()).as(r.stdout() + r.stderr()).isEqualTo(2);
        assertThat(r.stdout()).contains("two-host-pool: a 2-host pool: if the network between its hosts is cut, host 1 ("
                + pool.hostIds.get(1) + ") fences itself and host 0 (" + pool.hostIds.get(0) + ") keeps running");
        for (int h = 0; h < 2; h++) {
            Cli.Result refused = maintenance(pool, h, "enter", "--dry-run");
            assertThat(refused.status()).as(refused.stderr()).isEqualTo(1);
            assertThat(refused.stderr()).contains("without this host the pool (1 live host) would survive no further"
                    + " failure").hasLineCount(1);
            assertThat(refused.stdout()).doesNotContain("step ");
        }
        Cli.Result noTerminal = maintenance(pool, 1, "enter", "--force");
        assertThat(noTerminal.status()).isEqualTo(1);
        assertThat(noTerminal.stderr()).contains("add --yes");
        assertThat(states(json(pool, 1))).as("nothing changed").containsExactly("online", "online");
    }
}
