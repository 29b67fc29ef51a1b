package org.xcp.clusterstack.daemon.hygiene;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Where systemd runs, the daemon asks it for a transient scope of its own. No machine these tests run on runs
 * systemd, so the call is checked as the command it is, and the result against a systemd host's layout.
 */
class SystemdScopeTest {
    @Test
    void theScopeIsNamedForTheStackAndTheHost() {
        assertThat(SystemdScope.unit("xhad-6b3f9b2c")).isEqualTo("cluster-stack-xhad-6b3f9b2c.scope");
    }

    @Test
    void theCallIsStartTransientUnitWithTheDaemonsPid() {
        assertThat(SystemdScope.command("cluster-stack-xhad-6b3f9b2c.scope", 4242)).containsExactly("busctl", "call",
                "--system", "org.freedesktop.systemd1", "/org/freedesktop/systemd1", "org.freedesktop.systemd1.Manager",
                "StartTransientUnit", "ssa(sv)a(sa(sv))", "cluster-stack-xhad-6b3f9b2c.scope", "fail", "2",
                "Description", "s", "cluster-stack HA daemon, outside the service that started it", "PIDs", "au", "1",
                "4242", "0");
    }

    @Test
    void theProcessIsInTheScopeWhenSystemdsHierarchyShowsIt() {
        String unit = "cluster-stack-xhad-6b3f9b2c.scope";

        assertThat(SystemdScope.inUnit(CgroupMembership.parse(Fixture.text("systemd-host.cgroup")), unit)).isFalse();
        assertThat(SystemdScope.inUnit(CgroupMembership.parse(Fixture.text("systemd-host-in-scope.cgroup")), unit))
                .isTrue();
    }

    @Test
    void aUnitThatExistsIsToldApartFromOtherRefusals() {
        assertThat(SystemdScope.exists("busctl StartTransientUnit x.scope exited 1: Call failed: Unit x.scope already"
                + " exists.")).isTrue();
        assertThat(SystemdScope.exists("busctl StartTransientUnit x.scope exited 1: Call failed: Access denied"))
                .isFalse();
    }
}
