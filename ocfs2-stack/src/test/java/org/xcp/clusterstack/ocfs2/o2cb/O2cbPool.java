package org.xcp.clusterstack.ocfs2.o2cb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xcp.clusterstack.api.spi.MembershipSource;
import org.xcp.clusterstack.api.spi.MembershipView;
import org.xcp.clusterstack.api.spi.StackContext;

/**
 * Three o2cb nodes (0, 1, 2; node 1 is this host) sharing heartbeat regions that are regular files under
 * {@code <dir>/dev}, with the configfs tree o2cb would show under {@code <dir>/configfs}. Test code plays the
 * nodes' heartbeat threads; {@link #period()} is one 2-second o2hb period: every running node writes its
 * slots, then the source under test reads once.
 */
public final class O2cbPool {
    static final int BLOCK = 512;
    static final long START_BLOCK = 3;

    final Path dir;
    public final ConfigfsTree tree;
    final Map<String, HeartbeatDevice> regions = new LinkedHashMap<>();
    final List<SimulatedNode> nodes = new ArrayList<>();
    public final List<String> log = TestContexts.newLog();
    public final Map<String, String> settings = new HashMap<>();
    final int deadThreshold;

    public O2cbPool(Path dir, HeartbeatMode mode, int deadThreshold, String... regionNames) {
        this.dir = dir;
        this.deadThreshold = deadThreshold;
        tree = ConfigfsTree.create(dir.resolve("configfs"), "xspool1", mode, deadThreshold)
                .node("host-a", 0, false, "10.0.0.1")
                .node("host-b", 1, true, "10.0.0.2")
                .node("host-c", 2, false, "10.0.0.3");
        try {
            Files.createDirectories(dir.resolve("dev"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int i = 0; i < regionNames.length; i++) {
            String dev = "sd" + (char) ('b' + i);
            regions.put(regionNames[i], new HeartbeatDevice(dir.resolve("dev").resolve(dev), BLOCK, START_BLOCK, 255));
            tree.region(regionNames[i], BLOCK, START_BLOCK, 255, dev);
        }
        for (int n = 0; n < 3; n++) {
            nodes.add(new SimulatedNode(n, List.copyOf(regions.values()), deadThreshold, 1000 + n));
        }
        settings.put(O2cbSettings.CONFIGFS, dir.resolve("configfs").toString());
        settings.put(O2cbSettings.DEVICE_DIR, dir.resolve("dev").toString());
    }

    public StackContext context() {
        return TestContexts.context(dir, 1, settings, log);
    }

    O2cbMembership open() {
        StackContext c = context();
        return O2cbMembership.open(c, O2cbSettings.read(c.settings(), c.config()));
    }

    SimulatedNode node(int n) {
        return nodes.get(n);
    }

    HeartbeatDevice region(String name) {
        return regions.get(name);
    }

    /** Every node that still writes writes its slots. */
    void beat() {
        nodes.forEach(SimulatedNode::period);
    }

    /** One o2hb period: the nodes write, the source reads. */
    public MembershipView period(MembershipSource source) {
        beat();
        return source.view();
    }

    /** {@code n} periods; the last view. */
    public MembershipView periods(MembershipSource source, int n) {
        MembershipView v = null;
        for (int i = 0; i < n; i++) {
            v = period(source);
        }
        return v;
    }
}
