package org.xcp.clusterstack.daemon.hygiene;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Leaving the caller's cgroup: a cgroup of its own where the daemon sits below the top, the root of the cpu
 * hierarchies (xhad's {@code /sys/fs/cgroup/cpu/tasks}), nothing where it is at the top already.
 */
class CgroupEscapeTest {
    static final String NAME = "xhad-6b3f9b2c";

    @Test
    void withoutSystemdTheDaemonGetsItsOwnCgroupWhereverTheCallerHadOneAndTheCpuRoot() {
        List<CgroupEscape.Move> moves = CgroupEscape.plan(Fixture.hierarchies(Fixture.NO_SYSTEMD), NAME, false);

        assertThat(moves).extracting(m -> m.hierarchy().name(), CgroupEscape.Move::target, CgroupEscape.Move::own)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("name=systemd",
                                Path.of("/sys/fs/cgroup/systemd/cluster-stack/xhad-6b3f9b2c"), true),
                        org.assertj.core.groups.Tuple.tuple("memory",
                                Path.of("/sys/fs/cgroup/memory/cluster-stack/xhad-6b3f9b2c"), true),
                        org.assertj.core.groups.Tuple.tuple("cgroup2",
                                Path.of("/sys/fs/cgroup/unified/cluster-stack/xhad-6b3f9b2c"), true),
                        org.assertj.core.groups.Tuple.tuple("cpu", Path.of("/sys/fs/cgroup/cpu"), false));
    }

    @Test
    void onASystemdHostWhoseScopeWasRefusedEveryServiceCgroupIsLeft() {
        List<CgroupEscape.Move> moves = CgroupEscape.plan(Fixture.hierarchies(Fixture.SYSTEMD_HOST), NAME, false);

        assertThat(moves).filteredOn(CgroupEscape.Move::own).extracting(m -> m.hierarchy().name())
                .containsExactlyInAnyOrder("name=systemd", "cgroup2", "memory", "pids", "blkio", "devices");
        assertThat(moves).filteredOn(m -> !m.own()).singleElement().satisfies(m -> {
            assertThat(m.hierarchy().name()).isEqualTo("cpu,cpuacct");
            assertThat(m.target()).isEqualTo(Path.of("/sys/fs/cgroup/cpu,cpuacct"));
        });
    }

    @Test
    void inASystemdScopeOnlyTheCpuHierarchyMovesToItsRootAsXhadDoes() {
        List<Hierarchy> inScope = Fixture.hierarchies("systemd-host-in-scope", Fixture.SYSTEMD_HOST);

        assertThat(CgroupEscape.plan(inScope, NAME, true)).singleElement().satisfies(m -> {
            assertThat(m.hierarchy().name()).isEqualTo("cpu,cpuacct");
            assertThat(m.own()).isFalse();
        });
    }

    @Test
    void aDaemonInItsOwnCgroupsAndAtTheTopElsewhereStaysWhereItIs() {
        String own = "/cluster-stack/" + NAME;
        List<Hierarchy> restarted = Hierarchy.of(CgroupMembership.parse("9:name=systemd:" + own + "\n4:memory:" + own
                + "-4242\n1:cpu:/\n0::" + own + "\n"), CgroupMount.parse(Fixture.text("no-systemd.mountinfo")));

        assertThat(CgroupEscape.plan(restarted, NAME, false)).isEmpty();
        assertThat(new CgroupEscape.Entered(List.of(), List.of()).summary())
                .isEqualTo("no move needed (at the top or in its own cgroup in every hierarchy)");
    }

    @Test
    void theSummarySaysWhereTheDaemonWent() {
        List<CgroupEscape.Move> moves = CgroupEscape.plan(Fixture.hierarchies(Fixture.NO_SYSTEMD), NAME, false);

        assertThat(new CgroupEscape.Entered(moves, List.of()).summary())
                .isEqualTo("cluster-stack/xhad-6b3f9b2c in name=systemd, memory, cgroup2; root in cpu");
    }

    @Test
    void enteringMakesTheCgroupAndWritesThePidToItsProcs(@TempDir Path fs) throws IOException {
        List<Hierarchy> fake = fakeTree(fs);

        CgroupEscape.Entered entered = CgroupEscape.enter(CgroupEscape.plan(fake, NAME, false), 4242);

        assertThat(entered.refusals()).isEmpty();
        assertThat(fs.resolve("memory/cluster-stack/" + NAME + "/cgroup.procs")).hasContent("4242");
        assertThat(fs.resolve("cpu/cgroup.procs")).hasContent("4242");
    }

    @Test
    void aCgroupOfTheSameNameHoldingAnotherLiveProcessMakesTheNameUnique(@TempDir Path fs) throws IOException {
        List<Hierarchy> fake = fakeTree(fs);
        Path taken = Files.createDirectories(fs.resolve("memory/cluster-stack/" + NAME));

        Files.writeString(taken.resolve("cgroup.procs"), "");
        assertThat(CgroupEscape.freeName(fake, NAME, 4242)).as("an empty one is taken over").isEqualTo(NAME);
        Files.writeString(taken.resolve("cgroup.procs"), "4242\n");
        assertThat(CgroupEscape.freeName(fake, NAME, 4242)).as("its own").isEqualTo(NAME);
        Files.writeString(taken.resolve("cgroup.procs"), "1717\n");
        assertThat(CgroupEscape.freeName(fake, NAME, 4242)).isEqualTo(NAME + "-4242");
    }

    @Test
    void aMoveTheKernelRefusesIsARefusalAndTheOthersStillHappen(@TempDir Path fs) throws IOException {
        List<Hierarchy> fake = fakeTree(fs);
        Files.createDirectories(fs.resolve("memory/cluster-stack"));
        Files.writeString(fs.resolve("memory/cluster-stack/" + NAME), "a file where the cgroup would go");

        CgroupEscape.Entered entered = CgroupEscape.enter(CgroupEscape.plan(fake, NAME, false), 4242);

        assertThat(entered.refusals()).singleElement().asString().startsWith("memory: " + fs.resolve("memory"));
        assertThat(entered.moved()).extracting(m -> m.hierarchy().name()).containsExactly("cpu");
    }

    @Test
    void aMoveTheKernelDoesNotShowIsUnconfirmed() {
        List<Hierarchy> before = Fixture.hierarchies(Fixture.NO_SYSTEMD);
        List<CgroupEscape.Move> moves = CgroupEscape.plan(before, NAME, false);

        assertThat(CgroupEscape.unconfirmed(moves, before)).hasSize(4).first().asString()
                .contains("still in /sys/fs/cgroup/");
        List<Hierarchy> after = Hierarchy.of(CgroupMembership.parse("9:name=systemd:/cluster-stack/" + NAME
                + "\n4:memory:/cluster-stack/" + NAME + "\n1:cpu:/\n0::/cluster-stack/" + NAME + "\n"),
                CgroupMount.parse(Fixture.text("no-systemd.mountinfo")));
        assertThat(CgroupEscape.unconfirmed(moves, after)).isEmpty();
    }

    /** A memory hierarchy and a cpu one, mounted under {@code fs}, the process below the top of both. */
    private static List<Hierarchy> fakeTree(Path fs) throws IOException {
        Files.createDirectories(fs.resolve("memory/caller"));
        Files.createDirectories(fs.resolve("cpu/caller"));
        return Hierarchy.of(CgroupMembership.parse("4:memory:/caller\n1:cpu:/caller\n"), List.of(
                new CgroupMount(fs.resolve("memory"), "/", "cgroup", Set.of("rw", "memory")),
                new CgroupMount(fs.resolve("cpu"), "/", "cgroup", Set.of("rw", "cpu"))));
    }
}
