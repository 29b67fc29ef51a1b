package org.xcp.clusterstack.melio;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.common.fault.FaultPoints;
import org.xcp.clusterstack.api.spi.EngineLog;
import org.xcp.clusterstack.api.spi.Fencer;
import org.xcp.clusterstack.api.spi.StackContext;
import org.xcp.clusterstack.api.spi.StackSettings;

/** A three-host pool seen from host A, and the pieces of a {@link StackContext} the tests look into. */
final class MelioFixtures {
    static final HaUuid A = HaUuid.parse("aaaaaaaa-0000-4000-8000-000000000001");
    static final HaUuid B = HaUuid.parse("bbbbbbbb-0000-4000-8000-000000000002");
    static final HaUuid C = HaUuid.parse("cccccccc-0000-4000-8000-000000000003");
    /** Not a host of the pool. */
    static final HaUuid STRANGER = HaUuid.parse("dddddddd-0000-4000-8000-000000000004");
    static final Path SETTINGS_FILE = Path.of("/etc/xensource/cluster-stack/melio.conf");

    private MelioFixtures() {
    }

    static DaemonConfig pool() {
        return DaemonConfig.builder().generation(HaUuid.parse("99999999-0000-4000-8000-000000000000"))
                .host(A, "10.71.0.1").host(B, "10.71.0.2").host(C, "10.71.0.3")
                .heartbeatInterface("xenbr0").stateFile(Path.of("/dev/statefile")).haTimeout(60).build(A);
    }

    /** A status answer; {@code extra} lines are appended as they are. */
    static String status(String quorate, List<HaUuid> members, long windowMs, String armed, String... extra) {
        StringBuilder s = new StringBuilder("version=1\nquorate=" + quorate + "\n");
        members.forEach(m -> s.append("member=").append(m.dashed()).append('\n'));
        s.append("fence_window_ms=").append(windowMs).append('\n');
        s.append("tie_break=the partition with the lowest host UUID wins an even split\n");
        s.append("fencing_armed=").append(armed).append('\n');
        Arrays.stream(extra).forEach(e -> s.append(e).append('\n'));
        return s.toString();
    }

    static String quorate(HaUuid... members) {
        return status("yes", List.of(members), 20_000, "yes");
    }

    /** Settings naming the fake, W_f = 20 s, a 2 s timeout, plus {@code overrides} (a null value removes a key). */
    static StackSettings settings(FakeMelio melio, String... overrides) {
        Map<String, String> values = new HashMap<>(Map.of(MelioSettings.COMMAND, melio.command().toString(),
                MelioSettings.FENCE_WINDOW, "20000", MelioSettings.COMMAND_TIMEOUT, "2000"));
        for (int i = 0; i < overrides.length; i += 2) {
            if (overrides[i + 1] == null) {
                values.remove(overrides[i]);
            } else {
                values.put(overrides[i], overrides[i + 1]);
            }
        }
        return StackSettings.of(SETTINGS_FILE, values);
    }

    static StackContext context(StackSettings settings, EngineLog log, Fencer fencer) {
        return context(pool(), settings, log, fencer);
    }

    static StackContext context(DaemonConfig pool, StackSettings settings, EngineLog log, Fencer fencer) {
        return new StackContext(pool, fencer, log, () -> { }, FaultPoints.none(), settings);
    }

    /** The daemon log, kept. */
    static final class Log implements EngineLog {
        final List<String> lines = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void info(String message) {
            lines.add(message);
        }
    }

    /** The daemon host's watchdog, which a Melio source must never touch (M4): every call is recorded. */
    static final class WatchdogNotForMelio implements Fencer {
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void arm() {
            calls.add("arm");
        }

        @Override
        public void pet() {
            calls.add("pet");
        }

        @Override
        public void disarm() {
            calls.add("disarm");
        }

        @Override
        public boolean isArmed() {
            calls.add("isArmed");
            return false;
        }

        @Override
        public void fenceNow(String reason) {
            calls.add("fenceNow");
        }

        @Override
        public void close() {
            calls.add("close");
        }
    }
}
