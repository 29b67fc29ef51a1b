package org.xcp.clusterstack.ocfs2.o2cb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcp.clusterstack.api.spi.MembershipView;
import org.xcp.clusterstack.api.spi.StackContext;

/**
 * The real OCFS2 tools agree with this stack on where the heartbeat slots are and what they hold. mkfs.ocfs2
 * (ocfs2-tools) formats a volume in an image file; the region is its {@code //heartbeat} system file, at the
 * sector {@code debugfs.ocfs2 -R "stat //heartbeat"} names, as {@code ocfs2_fill_heartbeat_desc} computes it.
 * Three simulated nodes beat there, {@link O2cbMembership} reads them, and {@code debugfs.ocfs2 -R hb} must
 * show the node, hb_seq, generation, checksum and dead time each of them wrote last.
 *
 * <p>Needs ocfs2-tools (Debian's package; {@code bin/setup} installs it); without it the test fails naming it.
 */
class Ocfs2ToolsCrossCheckTest {
    private static final Pattern EXTENT = Pattern.compile("(?m)^\\s*0\\s+0\\s+(\\d+)\\s+(\\d+)\\s+0x0\\s*$");
    private static final Pattern HB_LINE = Pattern.compile(
            "(?m)^\\s*(\\d+):\\s+(\\d+)\\s+([0-9a-f]{16})\\s+([0-9a-f]{16})\\s+([0-9a-f]{8})\\s+(\\d+)\\s*$");
    private static final int BLOCK_SIZE = 4096;

    @TempDir
    Path dir;

    @Test
    void debugfsOcfs2ShowsTheSlotsTheStackReadsWhereItReadsThem() throws Exception {
        Path image = dir.resolve("dev").resolve("ocfs2vol");
        Files.createDirectories(image.getParent());
        try (var f = java.nio.channels.FileChannel.open(image, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)) {
            f.truncate(0).write(java.nio.ByteBuffer.allocate(1), 64L * 1024 * 1024 - 1);
        }
        run("y\n", tool("mkfs.ocfs2"), "-q", "-F", "-M", "local", "-b", "4K", "-C", "4K", "-N", "4", image.toString());
        Matcher m = EXTENT.matcher(run("", tool("debugfs.ocfs2"), "-R", "stat //heartbeat", image.toString()));
        assertThat(m.find()).as("the heartbeat system file's one extent").isTrue();
        long startBlock = Long.parseLong(m.group(2)) * (BLOCK_SIZE / 512); // in 512-byte sectors, o2hb's blocks

        O2cbPool pool = new O2cbPool(dir.resolve("pool"), HeartbeatMode.LOCAL, 31);
        pool.tree.region("B5F6B2A1C2D34E5F8A9B0C1D2E3F4A5B", 512, startBlock, 255, image.getFileName().toString());
        pool.settings.put(O2cbSettings.DEVICE_DIR, image.getParent().toString());
        HeartbeatDevice region = HeartbeatDevice.existing(image, 512, startBlock);
        List<SimulatedNode> nodes = new ArrayList<>();
        for (int n = 0; n < 3; n++) {
            nodes.add(new SimulatedNode(n, List.of(region), 31, 77 + n));
        }
        StackContext c = pool.context();
        MembershipView v;
        try (O2cbMembership source = O2cbMembership.open(c, O2cbSettings.read(c.settings(), c.config()))) {
            v = null;
            for (int i = 0; i < 3; i++) {
                nodes.forEach(SimulatedNode::period);
                v = source.view();
            }
        }
        assertThat(v.quorate()).isTrue();
        assertThat(v.members()).containsExactlyInAnyOrderElementsOf(TestContexts.HOSTS);

        // debugfs.ocfs2 prints one line per slot with a non-zero hb_seq: node seq generation checksum deadms
        Map<Integer, List<String>> shown = new HashMap<>();
        Matcher hb = HB_LINE.matcher(run("", tool("debugfs.ocfs2"), "-R", "hb", image.toString()));
        while (hb.find()) {
            shown.put(Integer.parseInt(hb.group(1)), List.of(hb.group(2), hb.group(3), hb.group(4), hb.group(5),
                    hb.group(6)));
        }
        assertThat(shown.keySet()).containsExactlyInAnyOrder(0, 1, 2);
        for (SimulatedNode node : nodes) {
            int checksum = HeartbeatBlockCodec.decode(HeartbeatBlockCodec.seal(HeartbeatBlock.beat(node.seq(),
                    node.number(), node.generation(), 62_000), 512), 0).checksum();
            assertThat(shown.get(node.number())).containsExactly(Integer.toString(node.number()),
                    String.format("%016x", node.seq()), String.format("%016x", node.generation()),
                    String.format("%08x", checksum), "62000");
        }
    }

    private static String tool(String name) {
        for (String d : List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin")) {
            Path p = Path.of(d, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return fail(name + " is missing: this test needs ocfs2-tools (Debian package ocfs2-tools; bin/setup"
                + " installs it)");
    }

    private static String run(String input, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", command) + " did not finish within 60 s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(String.join(" ", command) + ": " + out).isZero();
        return out;
    }
}
