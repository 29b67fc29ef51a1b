package org.xcp.clusterstack.daemon;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.function.Supplier;
import org.xcp.clusterstack.control.SnapshotFreshness;
import org.xcp.clusterstack.api.liveset.HostRawData;
import org.xcp.clusterstack.api.liveset.Latency;
import org.xcp.clusterstack.api.liveset.Liveset;
import org.xcp.clusterstack.api.liveset.LivesetWriter;
import org.xcp.clusterstack.api.liveset.RawStatus;
import org.xcp.clusterstack.daemon.log.DaemonLog;

/**
 * The liveset file {@code ha_query_liveset} prints without starting a JVM. The daemon rewrites it
 * atomically every {@link SnapshotFreshness#REWRITE_EVERY} ({@link #refresh}) and on every change the engine reports
 * ({@link #publish}) that a reader would see apart from the timings (ages and latencies, which change at
 * every render and are refreshed by the timer). The script trusts it only while the daemon's pid is alive
 * and the file is younger than {@link SnapshotFreshness#TRUSTED_FOR}, so a dead or hung daemon never yields a stale
 * liveset (the script then asks the daemon itself, which answers or times out).
 *
 * <p>A 64-host Online document is about 1 MB; it is rendered into one reused builder and written from one
 * reused buffer, so a refresh allocates next to nothing.
 */
final class LivesetSnapshot {
    private final Path file;
    private final Path tmp;
    private final Supplier<Liveset> liveset;
    private final Runnable published;
    private final DaemonLog log;
    private final StringBuilder document = new StringBuilder(8192);
    private ByteBuffer bytes = ByteBuffer.allocate(8192);
    /** What the file says apart from its timings; empty until the first write and after a failed one. */
    private Optional<Liveset> written = Optional.empty();
    /** Once the daemon ends: a change the engine reports late must not put the file back after it is gone. */
    private boolean withdrawn;

    /** @param published told after each document written: its latency windows start again (spec §4.1) */
    LivesetSnapshot(Path file, Supplier<Liveset> liveset, Runnable published, DaemonLog log) {
        this.file = file;
        this.tmp = file.resolveSibling(file.getFileName() + ".tmp");
        this.liveset = liveset;
        this.published = published;
        this.log = log;
    }

    /** The engine saw something happen: rewrite unless only the timings moved. */
    synchronized void publish() {
        if (withdrawn) {
            return;
        }
        Liveset now = liveset.get();
        if (!written.equals(Optional.of(withoutTimings(now)))) {
            write(now);
        }
    }

    /** The timer: rewrite, so that the file stays young and its timings current. */
    synchronized void refresh() {
        if (!withdrawn) {
            write(liveset.get());
        }
    }

    /** The daemon ends: the file goes, for good (a script then finds no daemon rather than its last liveset). */
    synchronized void withdraw() {
        withdrawn = true;
        written = Optional.empty();
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("cannot remove the liveset snapshot: " + e);
        }
    }

    private void write(Liveset now) {
        written = Optional.empty();
        try {
            document.setLength(0);
            LivesetWriter.write(now, document);
            encode();
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            written = Optional.of(withoutTimings(now));
            published.run();
        } catch (IOException | RuntimeException e) {
            log.warn("cannot publish the liveset snapshot: " + e);
        }
    }

    /** The document into {@link #bytes}, ready to write: ASCII byte for byte, as LivesetWriter only prints ASCII. */
    private void encode() {
        int n = document.length();
        if (bytes.capacity() < n) {
            bytes = ByteBuffer.allocate(Math.max(n, 2 * bytes.capacity()));
        }
        bytes.clear();
        byte[] array = bytes.array();
        for (int i = 0; i < n; i++) {
            char c = document.charAt(i);
            if (c > 0x7F) { // never printed today; if it ever is, UTF-8 as before
                bytes = ByteBuffer.wrap(document.toString().getBytes(StandardCharsets.UTF_8));
                return;
            }
            array[i] = (byte) c;
        }
        bytes.limit(n);
    }

    /** The liveset with its ages and latencies zeroed: what must be equal for a rewrite to be skippable. */
    static Liveset withoutTimings(Liveset l) {
        Optional<RawStatus> raw = l.rawStatus().map(r -> new RawStatus(Latency.NONE, Latency.NONE, Latency.NONE,
                r.hosts().stream().map(h -> new HostRawData(h.id(), h.index(), 0, 0, 0, h.xapiErrorString(),
                        h.heartbeatActiveOnHeartbeat(), h.heartbeatActiveOnStatefile(), h.statefileActiveOnHeartbeat(),
                        h.statefileActiveOnStatefile())).toList()));
        return new Liveset(l.status(), l.localHost(), l.localHostIndex(), l.hosts(), raw, l.timeouts(), l.warnings());
    }
}
