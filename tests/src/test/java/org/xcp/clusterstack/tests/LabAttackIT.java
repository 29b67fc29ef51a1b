package org.xcp.clusterstack.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code tests/lab/attack} on real lab hosts: an attacker in its own namespace on the pool's bridge repeats the
 * heartbeat attacks of the issue (A1 forged fence_request, A2 raised sequence, A3 replay of a crashed host, A4
 * hears-nobody, A5 fault-handler phase, A6 a flood of 10,000 datagrams a second per daemon). Three runs at once,
 * each its own pool: keyed (every attack spoofing the hosts' addresses, A1 also blind), unkeyed with the blind
 * attacker (uid 999, its own address) and unkeyed with the spoofing one, whose results are recorded, not wanted.
 * Floods take turns (a lock), so each daemon's CPU is measured without another pool's flood beside it.
 */
class LabAttackIT {
    static final int RUN_SECONDS = 420;
    /**
     * A daemon under the flood of 10,000 datagrams a second, % of one core. Measured 6.2-7.1 % on 2 cores (keyed and
     * unkeyed alike, about 1 % without the flood) since the receive thread takes a flood in batches (13-16 % when it
     * woke once per datagram): the cost is the datagram's receipt, not its check, which is one HMAC at most.
     */
    static final double FLOOD_CPU_PERCENT = 10.0;
    /** A daemon's log during the flood: the summary of refused datagrams is one line a minute, never one a datagram. */
    static final long FLOOD_LOG_BYTES = 4096;

    static ExecutorService pool;
    static Future<Cli.Result> keyed;
    static Future<Cli.Result> blind;
    static Future<Cli.Result> spoofed;

    @BeforeAll
    static void start() {
        assertThat(System.getProperty("user.name")).as("the lab needs root (network namespaces); CI runs as root")
                .isEqualTo("root");
        pool = Executors.newFixedThreadPool(3);
        keyed = pool.submit(() -> attack("--key"));
        blind = pool.submit(() -> attack("--no-key", "--sender", "blind"));
        // the attack that fences everyone last: the others each need a pool to fence
        spoofed = pool.submit(() -> attack("--no-key", "--sender", "spoofed", "--attacks", "A3,A2,A4,A5,A6,A1"));
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
    }

    static Cli.Result attack(String... args) {
        List<String> command = new ArrayList<>(List.of(Cli.REPO.resolve("tests/lab/attack").toString()));
        command.addAll(List.of(args));
        return Cli.exec(command, RUN_SECONDS);
    }

    @Test
    void aKeyedPoolCountsEveryForgeryAndFencesNobody() throws Exception {
        JsonNode run = record(keyed.get(), "--key");
        assertThat(run.at("/heartbeat_auth").asText()).as("status on a keyed host").isEqualTo("hmac-sha256");
        expectationsHeld(run);
        for (JsonNode a : run.at("/attacks")) {
            String what = a.at("/attack").asText() + " " + a.at("/sender").asText() + ": " + a;
            assertThat(a.at("/fenced")).as("fenced by %s", what).isEmpty();
            assertThat(a.at("/gone")).as("daemons ended by %s", what).isEmpty();
            long sent = a.at("/forged_sent").asLong();
            assertThat(sent).as("forged datagrams of %s", what).isPositive();
            Map<String, Long> d = drops(a);
            switch (a.at("/attack").asText()) {
                case "A1" -> {
                    if (a.at("/sender").asText().equals("blind")) { // 744 bytes fail first on length; 808 on source
                        assertThat(d).as(what).containsEntry("UNAUTHENTICATED", 3L).containsEntry("SOURCE_ADDRESS", 3L);
                    } else {
                        assertThat(d).as(what).containsEntry("UNAUTHENTICATED", 3L).containsEntry("BAD_MAC", 3L);
                    }
                }
                case "A2", "A4", "A5" -> assertThat(d.getOrDefault("BAD_MAC", 0L)).as(what).isEqualTo(sent);
                case "A3" -> {
                    long exact = a.at("/attacker/0/exact").asLong();
                    long rewritten = a.at("/attacker/0/rewritten").asLong();
                    assertThat(d.getOrDefault("BAD_MAC", 0L)).as("rewritten sequences break the MAC: %s", what)
                            .isEqualTo(rewritten);
                    assertThat(d.getOrDefault("STALE_SEQUENCE", 0L) + d.getOrDefault("NOT_FRESH", 0L))
                            .as("exact copies are replays: %s", what).isGreaterThanOrEqualTo(exact);
                    assertThat(a.at("/dead_host_live").asBoolean()).as("the crashed host stays live: %s", what)
                            .isFalse();
                    assertThat(a.at("/dropped_after_s").asDouble(Double.NaN)).as(what)
                            .isLessThanOrEqualTo(a.at("/window_s").asDouble());
                }
                case "A6" -> {
                    long real = a.at("/attacker/0/real").asLong();
                    long kernel = a.at("/kernel_dropped").asLong();
                    assertThat(d.getOrDefault("BAD_MAC", 0L) + kernel).as("the real-key share: %s", what)
                            .isGreaterThanOrEqualTo(real * 9 / 10); // the kernel's drops are not by kind
                    assertThat(a.at("/counted").asLong() + kernel).as(what).isGreaterThanOrEqualTo(sent);
                    floodCpu(a);
                }
                default -> throw new AssertionError("unknown attack " + what);
            }
        }
    }

    @Test
    void anUnkeyedPoolDropsWhatABlindAttackerSendsForItsSourceAddress() throws Exception {
        JsonNode run = record(blind.get(), "--no-key --sender blind");
        assertThat(run.at("/heartbeat_auth").asText()).isEqualTo("none");
        expectationsHeld(run);
        for (JsonNode a : run.at("/attacks")) {
            String what = a.at("/attack").asText() + ": " + a;
            assertThat(a.at("/fenced")).as("fenced by %s", what).isEmpty();
            assertThat(a.at("/gone")).as("daemons ended by %s", what).isEmpty();
            Map<String, Long> d = drops(a);
            long sent = a.at("/forged_sent").asLong();
            if (a.at("/attack").asText().equals("A6")) { // the real share on its source, the garbage on its signature
                long kernel = a.at("/kernel_dropped").asLong();
                assertThat(d.getOrDefault("SOURCE_ADDRESS", 0L) + kernel).as(what)
                        .isGreaterThanOrEqualTo(a.at("/attacker/0/real").asLong() * 9 / 10);
                assertThat(d.getOrDefault("SOURCE_ADDRESS", 0L) + d.getOrDefault("SIGNATURE", 0L) + kernel).as(what)
                        .isGreaterThanOrEqualTo(sent);
                floodCpu(a);
            } else {
                assertThat(d.getOrDefault("SOURCE_ADDRESS", 0L)).as(what).isEqualTo(sent);
            }
            if (a.at("/attack").asText().equals("A3")) {
                assertThat(a.at("/dead_host_live").asBoolean()).as(what).isFalse();
            }
        }
    }

    /**
     * What a spoofing attacker does to a pool without a key, as recorded: the cheap defences cannot tell its
     * datagrams from the hosts' own. Asserted only where the outcome follows from the protocol: a forged
     * fence_request from a member in the liveset fences every host, a replay with rising sequences keeps a crashed
     * host in every liveset, and the flood's well-formed share is refused for its random sequences (the jump an
     * unkeyed host allows is about T1 / 100 ms). Who A2 and A4 fence depends on the fault handler's merge.
     */
    @Test
    void anUnkeyedPoolAgainstASpoofingAttackerIsRecorded() throws Exception {
        Cli.Result r = spoofed.get();
        JsonNode run = LabScenariosIT.json(r.stdout());
        print("--no-key --sender spoofed", run);
        assertThat(run.at("/mode").asText()).isEqualTo("unkeyed");
        Map<String, JsonNode> byAttack = new LinkedHashMap<>();
        run.at("/attacks").forEach(a -> byAttack.put(a.at("/attack").asText(), a));
        assertThat(byAttack.keySet()).as("every attack ran: %s", r.stderr()).containsExactly("A3", "A2", "A4", "A5", "A6",
                "A1");
        byAttack.values().forEach(a -> assertThat(a.at("/forged_sent").asLong()).as("%s", a).isPositive());
        assertThat(byAttack.get("A1").at("/fenced")).as("A1 spoofed: %s", byAttack.get("A1")).hasSize(3);
        assertThat(byAttack.get("A3").at("/dead_host_live").asBoolean()).as("A3 spoofed: %s", byAttack.get("A3"))
                .isTrue();
        JsonNode flood = byAttack.get("A6");
        assertThat(flood.at("/fenced")).as("A6 spoofed: %s", flood).isEmpty();
        assertThat(drops(flood).getOrDefault("STALE_SEQUENCE", 0L) + flood.at("/kernel_dropped").asLong())
                .as("A6 spoofed: %s", flood).isGreaterThanOrEqualTo(flood.at("/attacker/0/real").asLong() * 9 / 10);
    }

    static JsonNode record(Cli.Result r, String mode) {
        JsonNode run = LabScenariosIT.json(r.stdout());
        print(mode, run);
        assertThat(r.status()).as("tests/lab/attack %s exit; stdout %s; stderr %s", mode, r.stdout(), r.stderr())
                .isZero();
        assertThat(run.at("/passed").asBoolean()).as(run.toString()).isTrue();
        return run;
    }

    static void expectationsHeld(JsonNode run) {
        run.at("/expectations").forEach(x -> assertThat(x.at("/held").asBoolean()).as(x.at("/what").asText()).isTrue());
    }

    /** The drop reasons' increases over every host during one attack. */
    static Map<String, Long> drops(JsonNode attack) {
        Map<String, Long> sum = new LinkedHashMap<>();
        attack.at("/counters").forEach(host -> host.fields().forEachRemaining(e -> {
            if (e.getKey().startsWith("heartbeat_dropped.")) {
                sum.merge(e.getKey().substring("heartbeat_dropped.".length()), e.getValue().asLong(), Long::sum);
            }
        }));
        return sum;
    }

    static void floodCpu(JsonNode a) {
        // the attacker's JVM shares two cores with the other process tests: it reached 6,750 of 10,000 a target in
        // fresh30; the daemons' CPU below is measured under the rate it did reach, which the output prints
        assertThat(a.at("/attacker/0/rate_per_target").asDouble()).as("the flood's rate: %s", a)
                .isGreaterThan(a.at("/flood_rate").asDouble() * 0.5);
        a.at("/cpu_percent_flood").fields().forEachRemaining(e -> assertThat(e.getValue().asDouble())
                .as("host %s's daemon under the flood, %% of a core: %s", e.getKey(), a)
                .isLessThan(FLOOD_CPU_PERCENT));
        a.at("/log_growth_bytes").fields().forEachRemaining(e -> assertThat(e.getValue().asLong())
                .as("host %s's log under the flood: %s", e.getKey(), a).isLessThan(FLOOD_LOG_BYTES));
    }

    /** One line per attack in the test's output: the figures the issue asks for. */
    static void print(String mode, JsonNode run) {
        for (JsonNode a : run.at("/attacks")) {
            System.out.printf("attack %s %s %s: fenced %s, gone %s, dead host live %s, sent %d, counted %d, drops %s,"
                    + " CPU %% baseline %s flood %s, log growth %s, %.1f s%n", mode, a.at("/attack").asText(),
                    a.at("/sender").asText(), a.at("/fenced"), a.at("/gone"), a.path("dead_host_live"),
                    a.at("/forged_sent").asLong(), a.at("/counted").asLong(), drops(a), a.path("cpu_percent_baseline"),
                    a.path("cpu_percent_flood"), a.path("log_growth_bytes"), a.at("/seconds").asDouble());
        }
    }
}
