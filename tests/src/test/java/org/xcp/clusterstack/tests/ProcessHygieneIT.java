package org.xcp.clusterstack.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcp.clusterstack.api.HaScript.QUERY_LIVESET;
import static org.xcp.clusterstack.api.HaScript.SET_POOL_STATE;
import static org.xcp.clusterstack.api.HaScript.START_DAEMON;
import static org.xcp.clusterstack.api.HaScript.STOP_DAEMON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.config.DaemonConfigWriter;
import org.xcp.clusterstack.api.config.WatchdogMode;
import org.xcp.clusterstack.api.liveset.LivesetReader;
import org.xcp.clusterstack.api.liveset.LivesetStatus;

/**
 * The daemon's process hygiene, seen from outside through {@code /proc/<pid>} as an admin would check it: a daemon
 * started from a caller's cgroups (a v1 name=systemd one and a cgroup2 one, as {@code xapi.service} has on a
 * hybrid dom0) leaves them, runs its liveness threads at SCHED_RR 48 and nothing else, locks its memory, sets
 * {@code oom_score_adj}, and outlives the caller's cgroup being killed as systemd kills a stopping service;
 * {@code process-hygiene = off} leaves all of it alone; {@code required} refuses to start on a machine that
 * refuses a step. One host on 127.0.9.1 (no other test uses 127.0.9.x), as root.
 */
class ProcessHygieneIT {
    private static final String HOST = "9e1a5c00-4b7d-4e21-8a3f-6c5d4e3f2a10";
    /** The daemon's cgroup: the stack and the host's short id. */
    private static final String OWN = "xhad-9e1a5c00";
    private static final Path CGROUPS = Path.of("/sys/fs/cgroup");
    private static final List<String> LIVENESS = List.of("engine-driver", "statefile", "heartbeat-rx-0", "VM Thread");

    @TempDir
    static Path base;
    static InstalledStack xhad;

    @TempDir
    Path dir;
    Path config;
    /** The fake service's cgroups, made by a test: removed after it. */
    final List<Path> callerCgroups = new ArrayList<>();

    @BeforeAll
    static void install() throws IOException {
        Files.setPosixFilePermissions(base, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        xhad = InstalledStack.install(base, "xhad");
    }

    @BeforeEach
    void onePool() {
        Fixtures.write(dir.resolve("statefile"), new byte[266_240]);
        try {
            config = DaemonConfigWriter.write(DaemonConfig.builder().generation(HaUuid.parse(OnePool.GENERATION))
                    .host(HaUuid.parse(HOST), "127.0.9.1").haTimeout(10).heartbeatInterface("lo")
                    .stateFile(dir.resolve("statefile")).watchdogMode(WatchdogMode.NONE).build(HaUuid.parse(HOST)),
                    dir.resolve("xhad.conf"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        xhad.run(SET_POOL_STATE, "init", "-C", config).succeeded();
    }

    @AfterEach
    void stopAndClean() throws IOException {
        xhad.stopAll();
        for (Path cgroup : callerCgroups) {
            for (String pid : procs(cgroup)) {
                ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
            }
            InstalledStack.eventually(Duration.ofSeconds(5), "the caller's cgroup " + cgroup + " to empty",
                    () -> procs(cgroup).isEmpty());
            Files.deleteIfExists(cgroup);
        }
    }

    @AfterAll
    static void noCgroupOfTheDaemonStays() throws IOException {
        List<Path> left = ownCgroups();
        left.forEach(ProcessHygieneIT::removeQuietly); // a failed test's daemon, killed: not the machine's to keep
        assertThat(left).as("the daemon's cgroups after a clean stop").isEmpty();
    }

    @Test
    void aDaemonStartedInsideAServiceLeavesItsCgroupsAndOutlivesItsKilling() throws Exception {
        Path systemdCgroup = callerCgroup("systemd");
        Path unifiedCgroup = callerCgroup("unified");
        Path abandoned = Files.createDirectories(CGROUPS.resolve("systemd/cluster-stack/xhad-0bad0bad"));
        Files.setLastModifiedTime(abandoned, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Process caller = startFromInside(systemdCgroup, unifiedCgroup);
        long pid = daemonPid();

        Map<String, String> cgroups = cgroupsOf(pid);
        assertThat(cgroups).as("the daemon's cgroups").containsEntry("name=systemd", "/cluster-stack/" + OWN)
                .containsEntry("0", "/cluster-stack/" + OWN).containsEntry("cpu", "/");
        assertThat(cgroups.values()).as("every hierarchy: the top, or the daemon's own cgroup")
                .allMatch(p -> p.equals("/") || p.equals("/cluster-stack/" + OWN));
        cgroupsOf(ProcessHandle.current().pid()).forEach((hierarchy, testsOwn) -> {
            if (!testsOwn.equals("/")) {
                assertThat(cgroups.get(hierarchy)).as("the daemon's %s cgroup, not the test's", hierarchy)
                        .isNotEqualTo(testsOwn);
            }
        });
        assertThat(status().at("/hygiene_cgroup").asText()).contains("cluster-stack/" + OWN + " in name=systemd");
        assertThat(abandoned).as("an empty cgroup a killed daemon left two hours ago").doesNotExist();

        assertThat(procs(systemdCgroup)).as("the service's cgroup: the caller only").isNotEmpty()
                .doesNotContain(Long.toString(pid));
        String before = xhad.run(QUERY_LIVESET, "-C", config).succeeded().stdout();
        for (String inService : procs(systemdCgroup)) { // what systemd does to a stopping service's cgroup
            ProcessHandle.of(Long.parseLong(inService)).ifPresent(ProcessHandle::destroyForcibly);
        }
        assertThat(caller.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)).as("the caller killed").isTrue();
        Thread.sleep(2_000); // a heartbeat interval and a liveset rewrite
        assertThat(ProcessHandle.of(pid)).as("the daemon").get().matches(ProcessHandle::isAlive, "alive");
        String after = xhad.run(QUERY_LIVESET, "-C", config).succeeded().stdout();
        assertThat(LivesetReader.read(after).status()).isEqualTo(LivesetStatus.ONLINE);
        assertThat(LivesetReader.read(after).hosts()).isEqualTo(LivesetReader.read(before).hosts());

        xhad.run(STOP_DAEMON, "-C", config).succeeded();
        assertThat(ownCgroups()).as("the daemon's cgroups after ha_stop_daemon").isEmpty();
    }

    @Test
    void theLivenessThreadsRunAtSchedRr48AndTheThreadsServingScriptsDoNot() throws Exception {
        xhad.run(START_DAEMON, "-C", config).succeeded();
        long pid = daemonPid();
        InstalledStack.eventually(Duration.ofSeconds(6), "every liveness thread at SCHED_RR 48",
                () -> threads(pid).stream().filter(t -> LIVENESS.contains(t.name())).filter(Task::rr48).count()
                        == LIVENESS.size());
        JsonNode status = status(); // served by a control thread, which stays in its pool

        List<Task> threads = threads(pid);
        assertThat(threads).filteredOn(t -> LIVENESS.contains(t.name())).extracting(Task::name)
                .containsExactlyInAnyOrderElementsOf(LIVENESS);
        assertThat(threads).extracting(Task::name).as("threads serving scripts").anyMatch(n -> n.startsWith("control-"));
        assertThat(threads).filteredOn(t -> !LIVENESS.contains(t.name())).as("every other thread, at normal priority")
                .allMatch(t -> t.policy() == 0 && t.rtPriority() == 0);
        assertThat(status.at("/hygiene_realtime").asText()).startsWith("SCHED_RR 48 on 4 of 4 threads");

        assertThat(vm(pid, "VmLck")).as("VmLck kB").isPositive();
        assertThat(status.at("/hygiene_memory").asText()).matches("locked [1-9][0-9]* MiB resident .*");

        String oom = Files.readString(Path.of("/proc/" + pid + "/oom_score_adj")).strip();
        if (machineLetsRootLowerOomScoreAdj()) {
            assertThat(oom).isEqualTo("-1000");
            assertThat(status.at("/hygiene_oom_score_adj").asText()).isEqualTo("-1000");
        } else { // without CAP_SYS_RESOURCE (this CI's VM): refused, said so, and left as it was
            assertThat(oom).isEqualTo(Files.readString(Path.of("/proc/self/oom_score_adj")).strip());
            assertThat(status.at("/hygiene_oom_score_adj").asText()).startsWith("refused: ");
        }
    }

    @Test
    void offLeavesTheProcessAsItsCallerMadeIt() throws Exception {
        Files.createDirectories(dir.resolve("cluster-stack"));
        Fixtures.write(dir.resolve("cluster-stack/xhad.conf"), "process-hygiene = off\n");

        xhad.run(START_DAEMON, "-C", config).succeeded();
        long pid = daemonPid();
        Thread.sleep(2_500); // the best-effort daemon re-applies real-time scheduling every 2 s: this one must not
        JsonNode status = status();

        assertThat(cgroupsOf(pid)).isEqualTo(cgroupsOf(ProcessHandle.current().pid()));
        assertThat(threads(pid)).as("every thread at normal priority").allMatch(t -> t.policy() == 0);
        assertThat(vm(pid, "VmLck")).isZero();
        assertThat(Files.readString(Path.of("/proc/" + pid + "/oom_score_adj")))
                .isEqualTo(Files.readString(Path.of("/proc/self/oom_score_adj")));
        assertThat(status.at("/hygiene").asText()).isEqualTo("off");
        assertThat(status.has("hygiene_cgroup")).isFalse();
    }

    @Test
    void requiredEndsAStartTheMachineRefusesWithExit2AndItsReason() throws Exception {
        Files.createDirectories(dir.resolve("cluster-stack"));
        Fixtures.write(dir.resolve("cluster-stack/xhad.conf"), "process-hygiene = required\n");

        // without CAP_SYS_NICE nothing may have real-time scheduling, whatever else this machine allows
        Cli.Result r = Cli.exec(List.of("/usr/bin/env", "-i", "PATH=/usr/sbin:/usr/bin:/sbin:/bin:" + xhad.dir,
                "setpriv", "--bounding-set", "-sys_nice", "--inh-caps", "-sys_nice",
                xhad.dir.resolve(START_DAEMON.fileName()).toString(), "-C", config.toString()));

        r.failedWithoutOutput(2);
        assertThat(r.stderr()).matches(Cli.SCRIPT_DATE + "ha_start_daemon: process-hygiene is required and .*"
                + " was refused: .*; see the daemon's log \\(2\\)\n");
        assertThat(xhad.runBase.resolve("xhad").resolve(HOST.replace("-", "")).resolve("pid")).doesNotExist();
        assertThat(ownCgroups()).as("the cgroups it made, removed").isEmpty();
    }

    // ---- the service that calls ha_start_daemon ----

    /** A cgroup of the fake service in the hierarchy mounted at {@code /sys/fs/cgroup/<mount>}. */
    private Path callerCgroup(String mount) throws IOException {
        Path cgroup = Files.createDirectories(CGROUPS.resolve(mount).resolve("cluster-stack-it-xapi-"
                + ProcessHandle.current().pid() + ".service"));
        callerCgroups.add(cgroup);
        return cgroup;
    }

    /** A shell that enters the cgroups, runs ha_start_daemon as xapi does, says so, and stays as xapi does. */
    private Process startFromInside(Path... cgroups) throws IOException {
        StringBuilder script = new StringBuilder();
        for (Path c : cgroups) {
            script.append("echo $$ > ").append(c.resolve("cgroup.procs")).append(" && ");
        }
        script.append(START_DAEMON.fileName()).append(" -C ").append(config).append("; echo started $?; exec sleep 120");
        Process caller = new ProcessBuilder("/usr/bin/env", "-i", "PATH=/usr/sbin:/usr/bin:/sbin:/bin:" + xhad.dir,
                "/bin/sh", "-c", script.toString()).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(caller.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertThat(line).as("ha_start_daemon from inside the service").isEqualTo("started 0");
        return caller;
    }

    // ---- /proc, as an admin reads it ----

    private long daemonPid() throws IOException {
        return Long.parseLong(Files.readString(xhad.runBase.resolve("xhad").resolve(HOST.replace("-", ""))
                .resolve("pid")).strip());
    }

    /** Each hierarchy of {@code /proc/<pid>/cgroup} by its controllers ({@code 0} for cgroup2) and the path. */
    private static Map<String, String> cgroupsOf(long pid) throws IOException {
        Map<String, String> all = new TreeMap<>();
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/cgroup"))) {
            String[] f = line.split(":", 3);
            all.put(f[1].isEmpty() ? f[0] : f[1], f[2]);
        }
        return all;
    }

    record Task(String name, int policy, int rtPriority) {
        boolean rr48() {
            return policy == 2 && rtPriority == 48;
        }
    }

    /** Every thread's name, policy and real-time priority (fields 40 and 41 of its stat, after the name). */
    private static List<Task> threads(long pid) {
        List<Task> all = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    all.add(new Task(Files.readString(task.resolve("comm")).strip(), Integer.parseInt(after[38]),
                            Integer.parseInt(after[37])));
                } catch (IOException e) {
                    // the thread ended
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }

    private static long vm(long pid, String field) throws IOException {
        return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter(l -> l.startsWith(field + ":"))
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElseThrow();
    }

    private static List<String> procs(Path cgroup) {
        try {
            return Files.readAllLines(cgroup.resolve("cgroup.procs")).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Whether a root process here may set its oom_score_adj below 0 (it needs CAP_SYS_RESOURCE). */
    private static boolean machineLetsRootLowerOomScoreAdj() {
        return Cli.exec(List.of("/bin/sh", "-c", "echo -1000 > /proc/self/oom_score_adj")).status() == 0;
    }

    /** The daemon's cgroups in every hierarchy, left or not. */
    private static List<Path> ownCgroups() throws IOException {
        List<Path> all = new ArrayList<>();
        try (Stream<Path> mounts = Files.list(CGROUPS)) {
            for (Path mount : mounts.toList()) {
                Path own = mount.resolve("cluster-stack").resolve(OWN);
                if (Files.isDirectory(own)) {
                    all.add(own);
                }
            }
        }
        return all;
    }

    private static void removeQuietly(Path cgroup) {
        try {
            Files.deleteIfExists(cgroup);
            Files.deleteIfExists(cgroup.getParent());
        } catch (IOException e) {
            // busy: another daemon's, or one still running
        }
    }

    private JsonNode status() {
        try {
            return new ObjectMapper().readTree(Cli.run("status", "-C", config, "--run-dir", xhad.runBase, "--json")
                    .succeeded().stdout());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
