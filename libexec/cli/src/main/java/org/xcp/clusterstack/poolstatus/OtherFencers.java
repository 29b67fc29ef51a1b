package org.xcp.clusterstack.poolstatus;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Looks on this host for a fencer besides the stack's own daemon: a process other than that daemon holding
 * {@code /dev/watchdog} (or {@code /dev/watchdogN}), an {@code sbd} process, o2cb's disk heartbeat regions in
 * configfs on a stack other than ocfs2 (whose fencer o2cb is), and another stack's cluster-stack daemon running
 * for this host. It cannot see: a BMC's or IPMI watchdog armed outside the OS, a fencer in another PID namespace
 * or container, a process whose file descriptors this user may not read, or fencers on the other hosts
 * ({@link #NOT_DETECTED}).
 */
public final class OtherFencers {
    public static final String NOT_DETECTED = "not detected: a BMC or IPMI watchdog armed outside the OS, a fencer in"
            + " another PID namespace or container, processes whose descriptors cannot be read, and the other hosts'"
            + " fencers (run pool status on each host)";
    private static final Set<String> FENCING_PROCESSES = Set.of("sbd");

    private final Path proc;
    private final Path configfs;
    private final Path runBase;

    /**
     * @param proc {@code /proc}
     * @param configfs {@code /sys/kernel/config}
     * @param runBase the daemons' run-time base, where each stack keeps {@code <stack>/<host>/pid}
     */
    public OtherFencers(Path proc, Path configfs, Path runBase) {
        this.proc = proc;
        this.configfs = configfs;
        this.runBase = runBase;
    }

    /** What is found, for the stack {@code stack} whose daemon (if any) runs as {@code ownPid} for {@code hostDir}. */
    public List<FencerFinding> find(String stack, OptionalLong ownPid, String hostDir) {
        List<FencerFinding> found = new ArrayList<>();
        for (Path pidDir : list(proc)) {
            String name = pidDir.getFileName().toString();
            if (!name.matches("\\d+") || ownPid.equals(OptionalLong.of(Long.parseLong(name)))) {
                continue;
            }
            String comm = read(pidDir.resolve("comm")).map(String::strip).orElse("?");
            if (FENCING_PROCESSES.contains(comm)) {
                found.add(new FencerFinding(comm, "pid " + name));
                continue;
            }
            for (Path fd : list(pidDir.resolve("fd"))) {
                Optional<String> target = link(fd);
                if (target.isPresent() && target.get().matches("/dev/watchdog\\d*")) {
                    found.add(new FencerFinding("a process holding " + target.get(), comm + ", pid " + name));
                    break;
                }
            }
        }
        if (!stack.equals("ocfs2")) {
            for (Path cluster : list(configfs.resolve("cluster"))) {
                List<Path> regions = list(cluster.resolve("heartbeat")).stream().filter(Files::isDirectory).toList();
                if (!regions.isEmpty()) {
                    found.add(new FencerFinding("o2cb's disk heartbeat", regions.size() + " region(s) under "
                            + cluster.resolve("heartbeat")));
                }
            }
        }
        for (Path stackDir : list(runBase)) {
            String other = stackDir.getFileName().toString();
            if (other.equals(stack)) {
                continue;
            }
            Path pidFile = stackDir.resolve(hostDir).resolve("pid");
            read(pidFile).map(String::strip).filter(s -> s.matches("\\d+")).map(Long::parseLong)
                    .filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                    .ifPresent(pid -> found.add(new FencerFinding("the " + other + " stack's daemon",
                            "pid " + pid + ", " + pidFile)));
        }
        return found;
    }

    private static List<Path> list(Path dir) {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            s.forEach(out::add);
        } catch (IOException | SecurityException e) {
            // a process that ended while we looked, or one we may not read: see NOT_DETECTED
        }
        out.sort(null);
        return out;
    }

    private static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> link(Path fd) {
        try {
            return Optional.of(Files.readSymbolicLink(fd).toString());
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty();
        }
    }
}
