package org.xcp.clusterstack.daemon.hygiene;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * One line of {@code /proc/<pid>/cgroup}: the cgroup a process sits in, in one hierarchy. A cgroup v1 hierarchy
 * has an id above 0 and its controllers ({@code cpu,cpuacct}, or a named one: {@code name=systemd}); the cgroup2
 * hierarchy is {@code 0::<path>}.
 */
public record CgroupMembership(int hierarchyId, Set<String> controllers, String path) {
    public CgroupMembership {
        controllers = Set.copyOf(controllers);
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("a cgroup path starts with '/', got '" + path + "'");
        }
    }

    /** The lines of {@code text}, a {@code /proc/<pid>/cgroup}; a line that is not one is skipped. */
    public static List<CgroupMembership> parse(String text) {
        List<CgroupMembership> all = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.split(":", 3);
            if (f.length != 3 || !f[0].matches("[0-9]{1,9}") || !f[2].startsWith("/")) {
                continue;
            }
            Set<String> controllers = f[1].isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(f[1].split(",")));
            all.add(new CgroupMembership(Integer.parseInt(f[0]), controllers, f[2]));
        }
        return List.copyOf(all);
    }

    public boolean unified() {
        return hierarchyId == 0 && controllers.isEmpty();
    }

    public boolean atRoot() {
        return path.equals("/");
    }

    /** The hierarchy in words: its controllers ({@code cpu,cpuacct}, {@code name=systemd}) or {@code cgroup2}. */
    public String hierarchyName() {
        return unified() ? "cgroup2" : String.join(",", controllers.stream().sorted().toList());
    }
}
