package org.xcp.clusterstack.ocfs2.o2cb;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.config.DaemonConfigBuilder;
import org.xcp.clusterstack.common.fault.FaultPoints;
import org.xcp.clusterstack.api.spi.ForbiddenFencer;
import org.xcp.clusterstack.api.spi.StackContext;
import org.xcp.clusterstack.api.spi.StackSettings;

/** A three-host pool's {@link StackContext}s; the fencer fails the test if a source ever touches it. */
public final class TestContexts {
    /** Host UUIDs in index order (xhad.conf sorts them): host i is index i. */
    public static final List<HaUuid> HOSTS = List.of(
            HaUuid.parse("1a1a1a1a-0000-4000-8000-000000000000"),
            HaUuid.parse("2b2b2b2b-0000-4000-8000-000000000000"),
            HaUuid.parse("3c3c3c3c-0000-4000-8000-000000000000"));

    private TestContexts() {
    }

    public static DaemonConfig config(Path dir, int localIndex) {
        DaemonConfigBuilder b = DaemonConfig.builder().generation(HaUuid.parse("9f9f9f9f-0000-4000-8000-000000000000"))
                .heartbeatInterface("xenbr0").stateFile(dir.resolve("statefile"));
        for (int i = 0; i < HOSTS.size(); i++) {
            b.host(HOSTS.get(i), "10.0.0." + (i + 1));
        }
        return b.build(HOSTS.get(localIndex));
    }

    /** The context of host {@code localIndex} with {@code settings} as the ocfs2 stack's settings file. */
    public static StackContext context(Path dir, int localIndex, Map<String, String> settings, List<String> log) {
        return new StackContext(config(dir, localIndex), ForbiddenFencer.INSTANCE, log::add, () -> { },
                FaultPoints.none(), StackSettings.of(dir.resolve("cluster-stack/ocfs2.conf"), settings));
    }

    public static List<String> newLog() {
        return new CopyOnWriteArrayList<>();
    }
}
