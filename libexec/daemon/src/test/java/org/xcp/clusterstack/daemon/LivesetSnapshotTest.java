package org.xcp.clusterstack.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.liveset.HostEntry;
import org.xcp.clusterstack.api.liveset.HostRawData;
import org.xcp.clusterstack.api.liveset.Latency;
import org.xcp.clusterstack.api.liveset.Liveset;
import org.xcp.clusterstack.api.liveset.LivesetStatus;
import org.xcp.clusterstack.api.liveset.LivesetWriter;
import org.xcp.clusterstack.api.liveset.RawStatus;
import org.xcp.clusterstack.api.liveset.Timeouts;
import org.xcp.clusterstack.api.liveset.Warnings;
import org.xcp.clusterstack.daemon.log.DaemonLog;

/** The snapshot file: LivesetWriter's bytes; rewritten on a change a reader sees, not when only ages move. */
class LivesetSnapshotTest {
    private static final FileTime LONG_AGO = FileTime.fromMillis(0);

    @TempDir
    Path dir;

    private static HaUuid host(int i) {
        return HaUuid.parse(String.format("%08x", i) + "-7d2f-4e5a-8b6c-0d1e2f3a4b5c");
    }

    /** An Online liveset of {@code n} hosts, the first {@code live} live, every age {@code age} ms. */
    private static Liveset online(int n, int live, long age) {
        List<HostEntry> hosts = new ArrayList<>();
        List<HostRawData> raw = new ArrayList<>();
        List<HaUuid> members = new ArrayList<>();
        for (int i = 0; i < live; i++) {
            members.add(host(i));
        }
        for (int i = 0; i < n; i++) {
            boolean isLive = i < live;
            hosts.add(new HostEntry(host(i), i, isLive, i == 0, isLive, false, false));
            List<HaUuid> lists = isLive ? members : List.of();
            raw.add(new HostRawData(host(i), i, age, age + 1, isLive ? 0 : -1, "", lists, lists, lists, lists));
        }
        return new Liveset(LivesetStatus.ONLINE, host(0), 0, hosts,
                Optional.of(new RawStatus(new Latency(age, age, age), Latency.NONE, Latency.NONE, raw)),
                Optional.of(new Timeouts(10_000, 10_000, 0, 10_000, 25_000)),
                Optional.of(new Warnings(false, false, false, false, false)));
    }

    @Test
    void theFileIsTheWritersDocumentAndFollowsChangesButNotAges() throws Exception {
        Path file = dir.resolve("liveset.xml");
        AtomicReference<Liveset> current = new AtomicReference<>(online(64, 64, 100));
        LivesetSnapshot snapshot = new LivesetSnapshot(file, current::get, () -> { }, new DaemonLog(dir.resolve("log")));

        snapshot.refresh();
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(LivesetWriter.write(current.get()));

        Files.setLastModifiedTime(file, LONG_AGO);
        current.set(online(64, 64, 300)); // only the ages moved: the timer refreshes those
        snapshot.publish();
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(LONG_AGO);
        snapshot.refresh();
        assertThat(Files.getLastModifiedTime(file)).isNotEqualTo(LONG_AGO);
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(LivesetWriter.write(current.get()));

        Files.setLastModifiedTime(file, LONG_AGO);
        current.set(online(64, 63, 300)); // a host left: at once
        snapshot.publish();
        assertThat(Files.getLastModifiedTime(file)).isNotEqualTo(LONG_AGO);
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(LivesetWriter.write(current.get()));

        current.set(Liveset.starting(host(0), 0)); // a smaller document after a larger one: no tail left over
        snapshot.publish();
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(LivesetWriter.write(current.get()));

        snapshot.withdraw();
        assertThat(file).doesNotExist();
        snapshot.publish(); // a change the engine reports as the daemon ends: the file stays gone
        snapshot.refresh(); // the timer's last run, racing the end
        assertThat(file).doesNotExist();
    }
}
