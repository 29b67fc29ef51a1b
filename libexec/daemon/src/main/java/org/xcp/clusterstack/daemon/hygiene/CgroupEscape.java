package org.xcp.clusterstack.daemon.hygiene;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Leaving the caller's cgroups without systemd, and the cpu hierarchy's cgroup in every case. In a v1 hierarchy of
 * cpu, cpuacct or cpuset the process goes to the root, as xhad writes its pid to {@code /sys/fs/cgroup/cpu/tasks}:
 * where RT group scheduling is on, only the root has real-time runtime to give, and a new cpuset has no CPUs.
 * In every other hierarchy where it sits below the top (name=systemd, memory, pids, the cgroup2 one, ...) it goes
 * to a cgroup of its own, {@code <mount>/cluster-stack/<name>}, so that killing the caller's cgroup (what systemd
 * does when a service stops) no longer finds it. Writing the pid to {@code cgroup.procs} moves every thread.
 *
 * <p>The name is the daemon's ({@code <stack>-<host>}); a cgroup of that name that still holds a live process
 * (another daemon of the same host id, on another run directory: the process tests) makes it
 * {@code <stack>-<host>-<pid>}. An empty one, left by a daemon that did not end cleanly, is taken over, and the
 * other empty ones older than a minute are removed ({@link #sweep}).
 */
final class CgroupEscape {
    static final String PARENT = "cluster-stack";
    /** An empty cgroup of a daemon this old is abandoned: a start takes well under a second to enter its own. */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(1);

    /** Where the process goes in one hierarchy: its top, or a cgroup of its own. */
    record Move(Hierarchy hierarchy, Path target, boolean own) {
    }

    /** The moves made, and those the kernel refused (one line each). */
    record Entered(List<Move> moved, List<String> refusals) {
        String summary() {
            List<String> parts = new ArrayList<>();
            Map<Path, List<Move>> own = moved.stream().filter(Move::own).collect(Collectors.groupingBy(
                    m -> m.hierarchy().top().relativize(m.target()), java.util.LinkedHashMap::new, Collectors.toList()));
            own.forEach((dir, moves) -> parts.add(dir + " in " + names(moves)));
            List<Move> roots = moved.stream().filter(m -> !m.own()).toList();
            if (!roots.isEmpty()) {
                parts.add("root in " + names(roots));
            }
            return parts.isEmpty() ? "no move needed (at the top or in its own cgroup in every hierarchy)"
                    : String.join("; ", parts);
        }

        private static String names(List<Move> moves) {
            return moves.stream().map(m -> m.hierarchy().name()).collect(Collectors.joining(", "));
        }
    }

    private CgroupEscape() {
    }

    /**
     * The moves out of the caller's cgroups into {@code name}'s; with {@code cpuOnly} (systemd has moved the
     * process into a scope of its own) only those to the cpu hierarchies' roots.
     */
    static List<Move> plan(List<Hierarchy> hierarchies, String name, boolean cpuOnly) {
        List<Move> moves = new ArrayList<>();
        for (Hierarchy h : hierarchies) {
            if (h.atTop()) {
                continue;
            }
            if (h.schedulesCpu()) {
                moves.add(new Move(h, h.top(), false));
            } else if (!cpuOnly && !inOwn(h, name)) {
                moves.add(new Move(h, h.top().resolve(PARENT).resolve(name), true));
            }
        }
        return List.copyOf(moves);
    }

    /** In a cgroup of this name already (a restart from inside it, or a move a moment ago). */
    private static boolean inOwn(Hierarchy h, String name) {
        String rel = h.relativePath();
        String own = PARENT + "/" + name;
        return rel.equals(own) || rel.startsWith(own + "-");
    }

    /** {@code base}, or {@code base-<pid>} when a cgroup of that name still holds a live process not this one. */
    static String freeName(List<Hierarchy> hierarchies, String base, long pid) {
        for (Move m : plan(hierarchies, base, false)) {
            if (m.own() && holdsOthers(m.target(), pid)) {
                return base + "-" + pid;
            }
        }
        return base;
    }

    private static boolean holdsOthers(Path cgroup, long pid) {
        try {
            return Files.readAllLines(cgroup.resolve("cgroup.procs")).stream().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.equals(Long.toString(pid))).anyMatch(l -> true);
        } catch (IOException e) {
            return false; // no such cgroup yet
        }
    }

    /**
     * Removes the empty cgroups under {@code cluster-stack/} beside the moves' targets that are older than
     * {@link #ABANDONED_AFTER}: a daemon killed or fenced leaves its cgroups behind, and nobody else cleans them. A
     * cgroup with a process in it, or one just made by a daemon about to enter it, is left; so is one the kernel
     * will not remove. Returns how many it removed.
     */
    static int sweep(List<Move> moves, Instant now) {
        int removed = 0;
        for (Path parent : moves.stream().filter(Move::own).map(m -> m.target().getParent()).distinct().toList()) {
            try (Stream<Path> children = Files.list(parent)) {
                for (Path child : children.filter(Files::isDirectory).toList()) {
                    if (moves.stream().noneMatch(m -> m.target().equals(child)) && abandoned(child, now)) {
                        try {
                            Files.delete(child);
                            removed++;
                        } catch (IOException e) {
                            // busy after all, or not ours to remove
                        }
                    }
                }
            } catch (IOException e) {
                // no cluster-stack/ yet
            }
        }
        return removed;
    }

    private static boolean abandoned(Path cgroup, Instant now) {
        try {
            return Files.readString(cgroup.resolve("cgroup.procs")).isBlank()
                    && Files.getLastModifiedTime(cgroup).toInstant().isBefore(now.minus(ABANDONED_AFTER));
        } catch (IOException e) {
            return false;
        }
    }

    /** Makes the moves of {@link #plan}; each one the kernel refuses is a refusal, and the others still happen. */
    static Entered enter(List<Move> moves, long pid) {
        List<Move> moved = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        for (Move m : moves) {
            try {
                if (m.own()) {
                    Files.createDirectories(m.target());
                }
                writePid(m.target(), pid);
                moved.add(m);
            } catch (IOException e) {
                refusals.add(m.hierarchy().name() + ": " + m.target() + ": " + reason(e));
            }
        }
        return new Entered(List.copyOf(moved), List.copyOf(refusals));
    }

    /** The moves the kernel does not show done ({@code /proc/self/cgroup} read again), as refusals. */
    static List<String> unconfirmed(List<Move> moved, List<Hierarchy> now) {
        Map<Integer, Hierarchy> byId = now.stream().collect(Collectors.toMap(h -> h.membership().hierarchyId(),
                Function.identity(), (a, b) -> a));
        List<String> wrong = new ArrayList<>();
        for (Move m : moved) {
            Optional<Path> at = Optional.ofNullable(byId.get(m.hierarchy().membership().hierarchyId())).map(Hierarchy::dir);
            if (at.isEmpty() || !at.get().equals(m.target())) {
                wrong.add(m.hierarchy().name() + ": still in " + at.map(Path::toString).orElse("no cgroup it can see")
                        + " after writing to " + m.target().resolve("cgroup.procs"));
            }
        }
        return wrong;
    }

    /**
     * On a clean end: back to each hierarchy's top and the own cgroups removed, with {@code cluster-stack/} when it
     * is empty. What cannot be removed is returned, one line each, and stays (an empty cgroup does no harm, and
     * the next start of this host's daemon takes it over).
     */
    static List<String> leave(List<Move> moved, long pid) {
        List<String> stays = new ArrayList<>();
        for (Move m : moved) {
            if (!m.own()) {
                continue;
            }
            try {
                writePid(m.hierarchy().top(), pid);
                Files.deleteIfExists(m.target());
            } catch (IOException e) {
                stays.add(m.target() + ": " + reason(e));
                continue;
            }
            try {
                Files.deleteIfExists(m.target().getParent());
            } catch (IOException e) {
                // another daemon's cgroup is in it: it stays for that one
            }
        }
        return stays;
    }

    private static void writePid(Path cgroup, long pid) throws IOException {
        Files.writeString(cgroup.resolve("cgroup.procs"), pid + "\n");
    }

    static String reason(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + " "
                + e.getMessage();
    }
}
