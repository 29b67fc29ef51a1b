package org.xcp.clusterstack.corosync.membership;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real corosync 3 daemons on this machine, one per network namespace, as in stacks.md §2.4: one node talks over
 * {@code lo} (127.0.0.1), several over a bridge in a namespace of its own ({@code 10.77.0.N/24}, which exists
 * only inside the namespaces). Each node has a private {@code /run} (corosync's pid lock), state dir and log.
 * {@link #toolsDir(int)} holds wrappers that run the real tools inside the node's namespace, which is where
 * corosync's abstract IPC sockets are. {@link #close()} stops every daemon (SIGTERM, SIGKILL after 10 s) and
 * deletes the namespaces, whatever happened before.
 */
final class CorosyncRig implements AutoCloseable {
    static final Path COROSYNC = Path.of("/usr/sbin/corosync");
    private static final AtomicInteger RIGS = new AtomicInteger();

    private final String prefix;
    private final Path base;
    private final int nodes;
    private final List<String> namespaces = new ArrayList<>();
    private final Map<Integer, Process> daemons = new LinkedHashMap<>();

    private CorosyncRig(Path base, int nodes) {
        this.prefix = "csm-" + ProcessHandle.current().pid() + "-" + RIGS.incrementAndGet();
        this.base = base;
        this.nodes = nodes;
    }

    /** Fails the test (it does not skip) when the real corosync or root is missing: CI provides both. */
    static void requireRealCorosync() {
        if (!Files.isExecutable(COROSYNC) || !Files.isExecutable(Path.of("/usr/sbin/corosync-quorumtool"))
                || !Files.isExecutable(Path.of("/usr/sbin/corosync-cmapctl"))) {
            fail("corosync 3 is not installed (" + COROSYNC + ", corosync-quorumtool, corosync-cmapctl): this test"
                    + " runs the real daemon; bin/setup installs it (apt-get install corosync)");
        }
        if (!"0".equals(output(List.of("id", "-u")).strip())) {
            fail("this test creates network namespaces and must run as root, as CI does");
        }
    }

    /**
     * Namespaces and configs for {@code nodes} nodes, none started. {@code quorumLines} go into the {@code quorum}
     * section, {@code extraSections} after it.
     */
    static CorosyncRig create(Path base, int nodes, String quorumLines, String extraSections) {
        requireRealCorosync();
        CorosyncRig rig = new CorosyncRig(base, nodes);
        try {
            rig.network();
            for (int n = 1; n <= nodes; n++) {
                rig.configure(n, quorumLines, extraSections);
            }
        } catch (RuntimeException | Error e) {
            rig.close();
            throw e;
        }
        return rig;
    }

    String namespace(int n) {
        return prefix + "-" + n;
    }

    private String bridgeNamespace() {
        return prefix + "-br";
    }

    private String address(int n) {
        return nodes == 1 ? "127.0.0.1" : "10.77.0." + n;
    }

    private void network() {
        if (nodes > 1) {
            addNamespace(bridgeNamespace());
            inNamespace(bridgeNamespace(), "ip", "link", "add", "br0", "type", "bridge");
            inNamespace(bridgeNamespace(), "ip", "link", "set", "br0", "up");
        }
        for (int n = 1; n <= nodes; n++) {
            addNamespace(namespace(n));
            inNamespace(namespace(n), "ip", "link", "set", "lo", "up");
            if (nodes > 1) {
                run("ip", "link", "add", "h" + n, "netns", bridgeNamespace(), "type", "veth", "peer", "name", "eth0",
                        "netns", namespace(n));
                inNamespace(bridgeNamespace(), "ip", "link", "set", "h" + n, "master", "br0");
                inNamespace(bridgeNamespace(), "ip", "link", "set", "h" + n, "up");
                inNamespace(namespace(n), "ip", "addr", "add", address(n) + "/24", "dev", "eth0");
                inNamespace(namespace(n), "ip", "link", "set", "eth0", "up");
            }
        }
    }

    private void addNamespace(String name) {
        run("ip", "netns", "add", name);
        namespaces.add(name);
    }

    private void configure(int n, String quorumLines, String extraSections) {
        Path dir = base.resolve(String.valueOf(n));
        StringBuilder nodelist = new StringBuilder();
        for (int m = 1; m <= nodes; m++) {
            nodelist.append("  node {\n    nodeid: ").append(m).append("\n    name: ").append(TestPool.node(m))
                    .append("\n    ring0_addr: ").append(address(m)).append("\n  }\n");
        }
        String conf = "totem {\n  version: 2\n  cluster_name: csm\n  transport: knet\n}\n"
                + "nodelist {\n" + nodelist + "}\n"
                + "quorum {\n  provider: corosync_votequorum\n" + quorumLines + "}\n"
                + extraSections
                + "logging {\n  to_logfile: yes\n  logfile: " + dir.resolve("corosync.log") + "\n  to_syslog: no\n"
                + "  to_stderr: no\n  timestamp: hires\n}\n"
                + "system {\n  state_dir: " + dir.resolve("lib") + "\n}\n";
        try {
            Files.createDirectories(dir.resolve("run"));
            Files.createDirectories(dir.resolve("lib"));
            Files.createDirectories(dir.resolve("tools"));
            Files.writeString(dir.resolve("corosync.conf"), conf);
            for (String tool : List.of(CorosyncTools.QUORUMTOOL, CorosyncTools.CMAPCTL)) {
                Path wrapper = dir.resolve("tools").resolve(tool);
                Files.writeString(wrapper, "#!/bin/sh\nexec ip netns exec " + namespace(n) + " /usr/sbin/" + tool
                        + " \"$@\"\n");
                Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The directory to give as {@code corosync.tools_dir} to read node {@code n}. */
    Path toolsDir(int n) {
        return base.resolve(String.valueOf(n)).resolve("tools");
    }

    /** Starts node {@code n}'s corosync; every layer execs the next, so the process is corosync itself. */
    void start(int n) {
        Path dir = base.resolve(String.valueOf(n));
        ProcessBuilder pb = new ProcessBuilder("ip", "netns", "exec", namespace(n), "unshare", "-m", "--propagation",
                "private", "sh", "-c", "mount --bind '" + dir.resolve("run") + "' /run && exec " + COROSYNC
                + " -f -c '" + dir.resolve("corosync.conf") + "'");
        pb.redirectErrorStream(true).redirectOutput(dir.resolve("corosync.stdout").toFile());
        try {
            daemons.put(n, pb.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGTERM, then wait until the daemon has exited (SIGKILL after 10 s). */
    void stop(int n) {
        Process p = daemons.remove(n);
        if (p != null) {
            terminate(p);
        }
    }

    /** SIGSTOP or SIGCONT: a hung corosync whose IPC accepts but never answers. */
    void pause(int n, boolean paused) {
        run("kill", paused ? "-STOP" : "-CONT", String.valueOf(daemons.get(n).pid()));
    }

    /** Sets node {@code n}'s port on the bridge down (isolated) or up, as the measurements in §2.3 did. */
    void link(int n, boolean up) {
        inNamespace(bridgeNamespace(), "ip", "link", "set", "h" + n, up ? "up" : "down");
    }

    /** Every node's log, for a failing assertion's message. */
    String logs() {
        StringBuilder all = new StringBuilder();
        for (int n = 1; n <= nodes; n++) {
            Path log = base.resolve(String.valueOf(n)).resolve("corosync.log");
            try {
                all.append("--- node ").append(n).append(" ---\n").append(Files.exists(log) ? Files.readString(log)
                        : "(no log)\n");
            } catch (IOException e) {
                all.append(e).append('\n');
            }
        }
        return all.toString();
    }

    @Override
    public void close() {
        daemons.values().forEach(p -> p.destroy());
        daemons.values().forEach(CorosyncRig::terminate);
        daemons.clear();
        for (int i = namespaces.size() - 1; i >= 0; i--) {
            runQuietly("ip", "netns", "delete", namespaces.get(i));
        }
        namespaces.clear();
    }

    private static void terminate(Process p) {
        // a stopped daemon must run again to see its SIGTERM
        runQuietly("kill", "-CONT", String.valueOf(p.pid()));
        p.destroy();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
    }

    private void inNamespace(String ns, String... command) {
        List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        all.addAll(List.of(command));
        run(all.toArray(String[]::new));
    }

    private static void run(String... command) {
        Result r = execute(List.of(command));
        if (r.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + r.exitCode() + ": " + r.output());
        }
    }

    private static void runQuietly(String... command) {
        execute(List.of(command));
    }

    private static String output(List<String> command) {
        return execute(command).output();
    }

    private record Result(int exitCode, String output) {
    }

    private static Result execute(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, out + "(timed out)");
            }
            return new Result(p.exitValue(), out.strip());
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }
}
