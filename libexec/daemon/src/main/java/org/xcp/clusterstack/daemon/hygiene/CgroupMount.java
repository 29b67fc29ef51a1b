package org.xcp.clusterstack.daemon.hygiene;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * A mounted cgroup hierarchy, from a line of {@code /proc/<pid>/mountinfo}: where it is mounted, which of its
 * cgroups is the mount's root (not {@code /} in a container), and its options (a v1 hierarchy's controllers are
 * among them). {@code fstype} is {@code cgroup} or {@code cgroup2}.
 */
public record CgroupMount(Path mountPoint, String root, String fstype, Set<String> options) {
    public CgroupMount {
        options = Set.copyOf(options);
    }

    /** The cgroup mounts of {@code text}, a {@code mountinfo}, in its order. */
    public static List<CgroupMount> parse(String text) {
        List<CgroupMount> all = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.split(" ");
            int dash = List.of(f).indexOf("-");
            if (dash < 6 || dash + 3 >= f.length) {
                continue;
            }
            String fstype = f[dash + 1];
            if (!fstype.equals("cgroup") && !fstype.equals("cgroup2")) {
                continue;
            }
            Set<String> options = Set.copyOf(Arrays.asList(f[dash + 3].split(",")));
            all.add(new CgroupMount(Path.of(unescape(f[4])), unescape(f[3]), fstype, options));
        }
        return List.copyOf(all);
    }

    /** Whether this is the mount of the hierarchy {@code membership} is in. */
    public boolean holds(CgroupMembership membership) {
        if (membership.unified()) {
            return fstype.equals("cgroup2");
        }
        return fstype.equals("cgroup") && options.containsAll(membership.controllers());
    }

    /** mountinfo writes a space, a tab, a newline and a backslash in a path as an octal escape ({@code \040}). */
    static String unescape(String field) {
        StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length() && field.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
