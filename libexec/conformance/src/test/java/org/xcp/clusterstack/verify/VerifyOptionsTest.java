package org.xcp.clusterstack.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;

/** verify's -o settings: defaults, addresses, and exit 1 naming the bad key or value. */
class VerifyOptionsTest {
    @Test
    void defaultsAreOneHostOnLoopbackAtXapisPortWithoutAWatchdog() {
        VerifyOptions o = VerifyOptions.of(1, Map.of());

        assertThat(o).isEqualTo(new VerifyOptions(1, "127.0.0.1", 694, 10, "NONE"));
    }

    @Test
    void aManagersHostsAndTheStacksSettingsFileCanBeGiven(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("corosync.conf"), "corosync.poll_ms = 200\n");
        VerifyOptions o = VerifyOptions.of(2, Map.of("host-ids", "00000001-1111-4222-8333-000000000000,"
                + "00000002-1111-4222-8333-000000000001", "settings", file.toString()));

        assertThat(o.hostIds()).containsExactly("00000001-1111-4222-8333-000000000000",
                "00000002-1111-4222-8333-000000000001");
        assertThat(o.settings(1)).contains(file);
    }

    @Test
    void hostsElsewhereAreReachedThroughTemplatesAndGroupsCanBeChosen(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path dir) throws java.io.IOException {
        java.nio.file.Files.writeString(dir.resolve("melio-0.conf"), "");
        java.nio.file.Files.writeString(dir.resolve("melio-1.conf"), "");
        VerifyOptions o = VerifyOptions.of(2, Map.of("host-exec", "/lab/on {host}", "host-crash", "/lab/crash {host}",
                "run-base", "/lab/h{host}/run", "settings", dir + "/melio-{host}.conf", "checks", "failover,statefile-loss"));

        assertThat(HostTemplates.words(o.templates().exec().orElseThrow(), 1,
                org.xcp.clusterstack.api.HaUuid.parse("00000001-1111-4222-8333-000000000000")))
                .containsExactly("/lab/on", "1");
        assertThat(o.settings(1)).contains(dir.resolve("melio-1.conf"));
        assertThat(o.runs(Check.Group.FAILOVER)).isTrue();
        assertThat(o.runs(Check.Group.START)).isFalse();
        assertThat(VerifyOptions.of(1, Map.of()).runs(Check.Group.START)).isTrue();
    }

    @Test
    void theHelpNamesEveryGroupAsChecksTakesIt() {
        for (Check.Group g : Check.Group.values()) {
            String word = g.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
            assertThat(VerifyOptions.KEYS).containsPattern(" " + word + "[ ;]");
            assertThat(VerifyOptions.of(1, Map.of("checks", word)).runs(g)).isTrue();
        }
    }

    @Test
    void hostsGetConsecutiveAddresses() {
        VerifyOptions o = VerifyOptions.of(3, Map.of("address", "127.0.4.11", "watchdog", "user"));

        assertThat(o.address(0)).isEqualTo("127.0.4.11");
        assertThat(o.address(2)).isEqualTo("127.0.4.13");
        assertThat(o.watchdog()).isEqualTo("USER");
    }

    @Test
    void badSettingsAreExit1NamingWhatIsWrong() {
        rejects(1, Map.of("colour", "blue"), "unknown -o key 'colour'");
        rejects(1, Map.of("watchdog", "HYPERVISOR"), "watchdog must be NONE or USER");
        rejects(1, Map.of("timeout", "9"), "at least 10");
        rejects(1, Map.of("port", "x"), "-o port must be a decimal integer");
        rejects(1, Map.of("address", "localhost"), "numeric IPv4");
        rejects(3, Map.of("address", "127.0.0.253"), "leaves no room for 3 hosts");
        rejects(0, Map.of(), "--hosts must be 1 to 64");
        rejects(2, Map.of("host-ids", "00000001-1111-4222-8333-000000000000"), "names 1 hosts but --hosts is 2");
        rejects(1, Map.of("host-ids", "host-a"), "'host-a' is not a host UUID");
        rejects(2, Map.of("host-ids", "00000001-1111-4222-8333-000000000000,000000011111422283330000000000000"
                .replace("0000000000000", "000000000000")), "names a host twice");
        rejects(1, Map.of("settings", "/nonexistent/corosync.conf"), "is not a file");
        rejects(1, Map.of("host-exec", "ssh root@h1"), "must name the host as {host}");
        rejects(1, Map.of("host-crash", " "), "needs a command");
        rejects(1, Map.of("checks", "failover,sleep"), "unknown group 'sleep'");
    }

    private static void rejects(int hosts, Map<String, String> settings, String message) {
        assertThatThrownBy(() -> VerifyOptions.of(hosts, settings)).isInstanceOfSatisfying(HaException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_PARAMETER);
            assertThat(e.getMessage()).contains(message);
        });
    }
}
