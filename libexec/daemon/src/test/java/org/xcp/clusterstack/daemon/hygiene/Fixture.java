package org.xcp.clusterstack.daemon.hygiene;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The {@code /proc/<pid>/cgroup} and mountinfo files of the two layouts the tests know. */
final class Fixture {
    /**
     * This machine (cgroup v1 hybrid, no systemd running), for a daemon started from a caller's cgroup: named
     * {@code /toolstack/xapi} in name=systemd, cpu and cgroup2, and the session's memory cgroup.
     */
    static final String NO_SYSTEMD = "no-systemd";
    /** A XenServer 8 dom0 (CentOS, systemd, the same hybrid layout, cpu and cpuacct co-mounted), inside xapi.service. */
    static final String SYSTEMD_HOST = "systemd-host";

    private Fixture() {
    }

    static String text(String name) {
        try (InputStream in = Fixture.class.getResourceAsStream("/hygiene/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Hierarchy> hierarchies(String layout) {
        return hierarchies(layout, layout);
    }

    static List<Hierarchy> hierarchies(String cgroup, String mountinfo) {
        return Hierarchy.of(CgroupMembership.parse(text(cgroup + ".cgroup")),
                CgroupMount.parse(text(mountinfo + ".mountinfo")));
    }
}
