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
    }

    private static void rejects(int hosts, Map<String, String> settings, String message) {
        assertThatThrownBy(() -> VerifyOptions.of(hosts, settings)).isInstanceOfSatisfying(HaException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_PARAMETER);
            assertThat(e.getMessage()).contains(message);
        });
    }
}
