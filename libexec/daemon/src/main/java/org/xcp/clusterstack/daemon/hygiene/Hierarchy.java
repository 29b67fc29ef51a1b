package org.xcp.clusterstack.daemon.hygiene;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A cgroup hierarchy this process is in, and where it is mounted: the directory of its cgroup is the mount point
 * and its path below the mount's root. A hierarchy whose cgroup lies outside the mount (another namespace's) is
 * out of reach and left out.
 */
public record Hierarchy(CgroupMembership membership, CgroupMount mount) {
    /** The v1 controllers that decide where a thread may run and with which scheduling: their root is the place. */
    static final Set<String> CPU_CONTROLLERS = Set.of("cpu", "cpuacct", "cpuset");

    /** The hierarchies of {@code memberships} (a {@code /proc/<pid>/cgroup}) that {@code mounts} reach. */
    public static List<Hierarchy> of(List<CgroupMembership> memberships, List<CgroupMount> mounts) {
        List<Hierarchy> all = new ArrayList<>();
        for (CgroupMembership m : memberships) {
            mounts.stream().filter(mount -> mount.holds(m)).filter(mount -> below(m.path(), mount.root()).isPresent())
                    .findFirst().ifPresent(mount -> all.add(new Hierarchy(m, mount)));
        }
        return List.copyOf(all);
    }

    /** The hierarchies this process is in, as the kernel shows them now. */
    public static List<Hierarchy> ofThisProcess() throws IOException {
        return of(CgroupMembership.parse(Files.readString(Path.of("/proc/self/cgroup"))),
                CgroupMount.parse(Files.readString(Path.of("/proc/self/mountinfo"))));
    }

    /** The cgroup's path below the mount's root, {@code ""} at the top. */
    public String relativePath() {
        return below(membership.path(), mount.root()).orElseThrow();
    }

    /** The directory of this process's cgroup. */
    public Path dir() {
        String rel = relativePath();
        return rel.isEmpty() ? mount.mountPoint() : mount.mountPoint().resolve(rel);
    }

    /** The top of the hierarchy as far as this mount shows it (its root cgroup outside a container). */
    public Path top() {
        return mount.mountPoint();
    }

    public boolean atTop() {
        return relativePath().isEmpty();
    }

    /** A v1 hierarchy of cpu, cpuacct or cpuset (alone or co-mounted). */
    public boolean schedulesCpu() {
        return !membership.unified() && membership.controllers().stream().anyMatch(CPU_CONTROLLERS::contains);
    }

    public String name() {
        return membership.hierarchyName();
    }

    private static Optional<String> below(String path, String root) {
        if (root.equals("/")) {
            return Optional.of(path.substring(1));
        }
        if (path.equals(root)) {
            return Optional.of("");
        }
        return path.startsWith(root + "/") ? Optional.of(path.substring(root.length() + 1)) : Optional.empty();
    }
}
