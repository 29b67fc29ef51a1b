package org.xcp.clusterstack.daemon.hygiene;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Reading where a process sits: {@code /proc/<pid>/cgroup} and the cgroup mounts of its mountinfo. */
class CgroupParsingTest {
    @Test
    void aProcCgroupLineIsAHierarchyItsControllersAndAPath() {
        List<CgroupMembership> lines = CgroupMembership.parse(Fixture.text("systemd-host.cgroup"));

        assertThat(lines).hasSize(12);
        assertThat(lines).contains(
                new CgroupMembership(2, Set.of("cpu", "cpuacct"), "/system.slice/xapi.service"),
                new CgroupMembership(1, Set.of("name=systemd"), "/system.slice/xapi.service"),
                new CgroupMembership(0, Set.of(), "/system.slice/xapi.service"),
                new CgroupMembership(5, Set.of("cpuset"), "/"));
        assertThat(lines.get(11).unified()).isTrue();
        assertThat(lines.get(11).hierarchyName()).isEqualTo("cgroup2");
        assertThat(lines.get(9).hierarchyName()).isEqualTo("cpu,cpuacct");
    }

    @Test
    void aLineThatIsNoMembershipIsSkipped() {
        assertThat(CgroupMembership.parse("garbage\n4:memory:/a\n\nx:pids:/b\n3:pids:relative\n"))
                .containsExactly(new CgroupMembership(4, Set.of("memory"), "/a"));
    }

    @Test
    void onlyTheCgroupMountsOfAMountinfoAreKeptWithTheirOptions() {
        List<CgroupMount> mounts = CgroupMount.parse(Fixture.text("no-systemd.mountinfo"));

        assertThat(mounts).extracting(CgroupMount::mountPoint).containsExactly(Path.of("/sys/fs/cgroup/cpu"),
                Path.of("/sys/fs/cgroup/cpuacct"), Path.of("/sys/fs/cgroup/cpuset"), Path.of("/sys/fs/cgroup/memory"),
                Path.of("/sys/fs/cgroup/devices"), Path.of("/sys/fs/cgroup/freezer"), Path.of("/sys/fs/cgroup/blkio"),
                Path.of("/sys/fs/cgroup/pids"), Path.of("/sys/fs/cgroup/systemd"), Path.of("/sys/fs/cgroup/unified"));
        assertThat(mounts.get(8).options()).contains("name=systemd");
        assertThat(mounts.get(9).fstype()).isEqualTo("cgroup2");
    }

    @Test
    void aMountPointWithASpaceIsUnescaped() {
        List<CgroupMount> mounts = CgroupMount.parse(
                "40 31 0:37 / /mnt/my\\040cgroups rw,relatime - cgroup cgroup rw,name=systemd\n");

        assertThat(mounts).singleElement().extracting(CgroupMount::mountPoint).isEqualTo(Path.of("/mnt/my cgroups"));
    }

    @Test
    void eachHierarchyIsFoundAtItsMountAndCoMountedControllersShareOne() {
        List<Hierarchy> all = Fixture.hierarchies(Fixture.SYSTEMD_HOST);

        assertThat(all).hasSize(12);
        Hierarchy cpu = byName(all, "cpu,cpuacct");
        assertThat(cpu.dir()).isEqualTo(Path.of("/sys/fs/cgroup/cpu,cpuacct/system.slice/xapi.service"));
        assertThat(cpu.top()).isEqualTo(Path.of("/sys/fs/cgroup/cpu,cpuacct"));
        assertThat(cpu.schedulesCpu()).isTrue();
        assertThat(byName(all, "cgroup2").dir()).isEqualTo(Path.of("/sys/fs/cgroup/unified/system.slice/xapi.service"));
        assertThat(byName(all, "cgroup2").schedulesCpu()).isFalse();
        assertThat(byName(all, "name=systemd").dir())
                .isEqualTo(Path.of("/sys/fs/cgroup/systemd/system.slice/xapi.service"));
        assertThat(byName(all, "cpuset").atTop()).isTrue();
        assertThat(byName(all, "cpuset").schedulesCpu()).isTrue();
    }

    @Test
    void inAContainerTheMountsRootIsTheTopAndACgroupOutsideItIsOutOfReach() {
        List<CgroupMount> mounts = CgroupMount.parse(
                "40 31 0:37 /docker/abc /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n"
                + "41 31 0:38 /docker/abc /sys/fs/cgroup/pids rw - cgroup cgroup rw,pids\n");
        List<Hierarchy> all = Hierarchy.of(CgroupMembership.parse("4:memory:/docker/abc/svc\n3:pids:/elsewhere\n"),
                mounts);

        assertThat(all).singleElement().satisfies(h -> {
            assertThat(h.relativePath()).isEqualTo("svc");
            assertThat(h.dir()).isEqualTo(Path.of("/sys/fs/cgroup/memory/svc"));
            assertThat(h.top()).isEqualTo(Path.of("/sys/fs/cgroup/memory"));
        });
    }

    static Hierarchy byName(List<Hierarchy> all, String name) {
        return all.stream().filter(h -> h.name().equals(name)).findFirst().orElseThrow();
    }
}
