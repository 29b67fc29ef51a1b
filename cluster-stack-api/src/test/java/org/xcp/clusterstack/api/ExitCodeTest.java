package org.xcp.clusterstack.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Spec §2, verbatim: these numbers and names cross the interface to xapi and must never change. */
class ExitCodeTest {
    private static final Map<Integer, String> XHAD = new LinkedHashMap<>();

    static {
        XHAD.put(0, "MTC_EXIT_SUCCESS");
        XHAD.put(1, "MTC_EXIT_INVALID_PARAMETER");
        XHAD.put(2, "MTC_EXIT_SYSTEM_ERROR");
        XHAD.put(3, "MTC_EXIT_TRANSIENT_SYSTEM_ERROR");
        XHAD.put(4, "MTC_EXIT_WATCHDOG_ERROR");
        XHAD.put(5, "MTC_EXIT_IMPROPER_LICENSE");
        XHAD.put(6, "MTC_EXIT_CAN_NOT_READ_CONFIG_FILE");
        XHAD.put(7, "MTC_EXIT_INVALID_CONFIG_FILE");
        XHAD.put(8, "MTC_EXIT_CAN_NOT_ACCESS_STATEFILE");
        XHAD.put(9, "MTC_EXIT_INVALID_STATE_FILE");
        XHAD.put(10, "MTC_EXIT_GENERATION_UUID_MISMATCH");
        XHAD.put(11, "MTC_EXIT_INVALID_POOL_STATE");
        XHAD.put(12, "MTC_EXIT_BOOTJOIN_TIMEOUT");
        XHAD.put(13, "MTC_EXIT_CAN_NOT_JOIN_EXISTING_LIVESET");
        XHAD.put(14, "MTC_EXIT_DAEMON_IS_NOT_PRESENT");
        XHAD.put(15, "MTC_EXIT_DAEMON_IS_PRESENT");
        XHAD.put(16, "MTC_EXIT_INVALID_ENVIRONMENT");
        XHAD.put(17, "MTC_EXIT_INVALID_LOCALHOST_STATE");
        XHAD.put(18, "MTC_EXIT_BOOT_BLOCKED_BY_EXCLUDED");
        XHAD.put(19, "MTC_EXIT_SET_EXCLUDED");
        XHAD.put(127, "MTC_EXIT_INTERNAL_BUG");
    }

    @Test
    void allTwentyOneCodesHaveXhadsNumbersAndNames() {
        Map<Integer, String> ours = new LinkedHashMap<>();
        Arrays.stream(ExitCode.values()).forEach(c -> ours.put(c.number(), c.xhadName()));

        assertThat(ours).containsExactlyEntriesOf(XHAD);
    }

    @Test
    void aNumberMapsBackToItsCode() {
        assertThat(ExitCode.fromNumber(7)).contains(ExitCode.INVALID_CONFIG_FILE);
        assertThat(ExitCode.fromNumber(127)).contains(ExitCode.INTERNAL_BUG);
        assertThat(ExitCode.fromNumber(20)).isEmpty();
    }
}
