package org.xcp.clusterstack.verify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.xcp.clusterstack.api.statefile.StatefileLayout;

/**
 * The pool verify runs a stack on: its own directory (root only), one statefile file, and an xhad.conf per
 * host with new UUIDs (so no other pool's run-time files are touched), the timeouts xapi derives from T.
 * Host {@code i} has index {@code i}: the UUIDs are sorted as xhad sorts them.
 */
final class PrivatePool implements AutoCloseable {
    final Path dir;
    final List<String> hostIds;
    final List<Path> configs = new ArrayList<>();

    PrivatePool(VerifyOptions o) throws IOException {
        dir = Files.createTempDirectory("cluster-stack-verify", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        Path statefile = dir.resolve("statefile");
        Files.write(statefile, new byte[StatefileLayout.SIZE]);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < o.hosts(); i++) {
            ids.add(UUID.randomUUID().toString());
        }
        ids.sort(Comparator.comparing(s -> s.replace("-", "")));
        hostIds = List.copyOf(ids);
        String generation = UUID.randomUUID().toString();
        StringBuilder hosts = new StringBuilder();
        for (int i = 0; i < o.hosts(); i++) {
            hosts.append("    <host>\n      <HostID>").append(hostIds.get(i)).append("</HostID>\n      <IPaddress>")
                    .append(o.address(i)).append("</IPaddress>\n    </host>\n");
        }
        int t = o.timeout();
        for (int i = 0; i < o.hosts(); i++) {
            Path config = dir.resolve("xhad-" + i + ".conf");
            Files.writeString(config, """
                    <?xml version="1.0" encoding="utf-8"?>
                    <xhad-config version="1.0">
                      <common-config>
                        <GenerationUUID>%s</GenerationUUID>
                        <UDPport>%d</UDPport>
                    %s    <parameters>
                          <HeartbeatInterval>%d</HeartbeatInterval>
                          <HeartbeatTimeout>%d</HeartbeatTimeout>
                          <StateFileInterval>%d</StateFileInterval>
                          <StateFileTimeout>%d</StateFileTimeout>
                          <HeartbeatWatchdogTimeout>%d</HeartbeatWatchdogTimeout>
                          <StateFileWatchdogTimeout>%d</StateFileWatchdogTimeout>
                          <BootJoinTimeout>%d</BootJoinTimeout>
                          <EnableJoinTimeout>%d</EnableJoinTimeout>
                        </parameters>
                      </common-config>
                      <local-config>
                        <localhost>
                          <HostID>%s</HostID>
                          <HeartbeatInterface>lo</HeartbeatInterface>
                          <StateFile>%s</StateFile>
                          <WatchdogMode>%s</WatchdogMode>
                        </localhost>
                      </local-config>
                    </xhad-config>
                    """.formatted(generation, o.port(), hosts, Math.min((t + 10) / 10, 3), t, Math.max(2, t / 20), t,
                    t, t + 15, t + 60, t + 60, hostIds.get(i), statefile, o.watchdog()));
            configs.add(config);
        }
    }

    int size() {
        return hostIds.size();
    }

    /** "host 0 (127.0.4.1)": how sentences name a host. */
    String name(int i, VerifyOptions o) {
        return "host " + i + " (" + o.address(i) + ")";
    }

    @Override
    public void close() {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }
}
