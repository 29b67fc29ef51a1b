package org.xcp.clusterstack.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;

/** The pool record on disk: atomic replacement, a crash at any point, damaged files refused. */
class PoolRecordStoreTest {
    static final PoolRecord OLD = new PoolRecord(false, "xhad");
    static final PoolRecord NEW = new PoolRecord(true, "o2cb");

    @TempDir
    Path tmp;

    /** What a crash does: the process stops there, no cleanup runs. */
    static final class SimulatedCrash extends Error {
        SimulatedCrash(PoolRecordStore.Step step) {
            super("crashed at " + step);
        }
    }

    static PoolRecordStore crashingAt(Path file, PoolRecordStore.Step at) {
        return new PoolRecordStore(file, step -> {
            if (step == at) {
                throw new SimulatedCrash(step);
            }
        });
    }

    List<Path> leftovers() throws IOException {
        try (Stream<Path> files = Files.list(tmp.resolve("state"))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    @Test
    void noRecordYetReadsAsEmptyAndAsANewPool() {
        PoolRecordStore store = new PoolRecordStore(tmp.resolve("absent/pool.json"));

        assertThat(store.read()).isEmpty();
        assertThat(store.readOrNewPool()).isEqualTo(PoolRecord.NEW_POOL);
    }

    @Test
    void aWrittenRecordReadsBackAndCreatesItsDirectory() throws IOException {
        PoolRecordStore store = new PoolRecordStore(tmp.resolve("state/pool.json"));

        store.write(NEW);

        assertThat(store.read()).contains(NEW);
        assertThat(Files.readString(store.file())).isEqualTo("{\"ha_enabled\": true, \"ha_cluster_stack\": \"o2cb\"}\n");
        assertThat(leftovers()).isEmpty();
    }

    /** Before the rename the old record is whole; after it, the new one. Never anything in between. */
    @ParameterizedTest
    @EnumSource(PoolRecordStore.Step.class)
    void aCrashAtAnyStepLeavesTheOldOrTheNewRecordWhole(PoolRecordStore.Step step) throws IOException {
        Path file = tmp.resolve("state/pool.json");
        new PoolRecordStore(file).write(OLD);
        byte[] before = Files.readAllBytes(file);

        assertThatThrownBy(() -> crashingAt(file, step).write(NEW)).isInstanceOf(SimulatedCrash.class);

        PoolRecord after = new PoolRecordStore(file).read().orElseThrow();
        if (step == PoolRecordStore.Step.RENAMED) {
            assertThat(after).isEqualTo(NEW);
            assertThat(leftovers()).isEmpty();
        } else {
            assertThat(after).isEqualTo(OLD);
            assertThat(Files.readAllBytes(file)).isEqualTo(before);
            assertThat(leftovers()).hasSize(1); // what the crash left behind
        }
    }

    @Test
    void aTornTemporaryFileLeftByACrashNeverBecomesTheRecord() throws IOException {
        Path file = tmp.resolve("state/pool.json");
        new PoolRecordStore(file).write(OLD);
        assertThatThrownBy(() -> crashingAt(file, PoolRecordStore.Step.HALF_WRITTEN).write(NEW))
                .isInstanceOf(SimulatedCrash.class);
        Path torn = leftovers().get(0);
        String tornText = Files.readString(torn);
        assertThat(tornText).isNotEmpty().isNotEqualTo(PoolRecordCodec.encode(NEW));
        assertThatThrownBy(() -> PoolRecordCodec.decode(tornText)).isInstanceOf(IllegalArgumentException.class);

        PoolRecord third = new PoolRecord(true, "corosync");
        new PoolRecordStore(file).write(third);

        assertThat(new PoolRecordStore(file).read()).contains(third);
        assertThat(Files.readString(torn)).isEqualTo(tornText);
    }

    @Test
    void aCrashBeforeTheFirstRecordLeavesNoRecordRatherThanAnEmptyOne() {
        Path file = tmp.resolve("state/pool.json");

        assertThatThrownBy(() -> crashingAt(file, PoolRecordStore.Step.TEMP_CREATED).write(NEW))
                .isInstanceOf(SimulatedCrash.class);

        assertThat(Files.exists(file)).isFalse();
        assertThat(new PoolRecordStore(file).read()).isEmpty();
    }

    @Test
    void aFailedWriteCleansUpAndKeepsTheOldRecord() throws IOException {
        Path file = tmp.resolve("state/pool.json");
        new PoolRecordStore(file).write(OLD);
        PoolRecordStore failing = new PoolRecordStore(file, step -> {
            if (step == PoolRecordStore.Step.WRITTEN) {
                throw new IllegalStateException("disk full");
            }
        });

        HaException e = catchThrowableOfType(() -> failing.write(NEW), HaException.class);

        assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_ENVIRONMENT);
        assertThat(e.getMessage()).contains(file.toString(), "disk full", "unchanged").doesNotContain("\n");
        assertThat(new PoolRecordStore(file).read()).contains(OLD);
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aDirectoryThatCannotBeCreatedIsOneLine() throws IOException {
        Path blocker = Files.writeString(tmp.resolve("blocker"), "a file where the directory should be");

        HaException e = catchThrowableOfType(() -> new PoolRecordStore(blocker.resolve("pool.json")).write(NEW),
                HaException.class);

        assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_ENVIRONMENT);
        assertThat(e.getMessage()).contains("cannot write the pool record").doesNotContain("\n");
    }

    @Test
    void anEmptyOrDamagedRecordIsRefusedNotReadAsANewPool() throws IOException {
        Path file = Files.createDirectories(tmp.resolve("state")).resolve("pool.json");
        for (byte[] damaged : List.of(new byte[0], "{\"ha_enabled\": true, \"ha_clus".getBytes(StandardCharsets.UTF_8),
                new byte[] {'{', '"', (byte) 0xff, '"', '}'})) {
            Files.write(file, damaged);

            HaException e = catchThrowableOfType(() -> new PoolRecordStore(file).read(), HaException.class);

            assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_ENVIRONMENT);
            assertThat(e.getMessage()).contains(file.toString(), "not valid").doesNotContain("\n");
        }
    }

    /** Writers and readers at once, in one directory: every read is one of the records written, whole. */
    @Test
    void concurrentReadersNeverSeeATornRecord() throws Exception {
        Path file = tmp.resolve("state/pool.json");
        List<PoolRecord> records = List.of(OLD, NEW, new PoolRecord(true, "a-much-longer-stack-name-".repeat(40)));
        new PoolRecordStore(file).write(OLD);
        Set<PoolRecord> seen = ConcurrentHashMap.newKeySet();
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> writers = Stream.of(0, 1).<Future<?>>map(w -> pool.submit(() -> {
                for (int i = 0; i < 300; i++) {
                    new PoolRecordStore(file).write(records.get((i + w) % records.size()));
                }
            })).toList();
            List<Future<?>> readers = Stream.of(0, 1).<Future<?>>map(r -> pool.submit(() -> {
                while (writing.get()) {
                    seen.add(new PoolRecordStore(file).read().orElseThrow());
                    // a breath between reads: two readers opening the file in a tight loop starved the writers'
                    // fsync and rename in the kernel for over a minute (kernel 6.18, 2 cores)
                    java.util.concurrent.locks.LockSupport.parkNanos(200_000);
                }
            })).toList();
            for (Future<?> w : writers) {
                w.get(60, TimeUnit.SECONDS);
            }
            writing.set(false);
            for (Future<?> r : readers) {
                r.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(records).containsAll(seen);
        assertThat(seen).isNotEmpty();
        assertThat(leftovers()).isEmpty();
    }
}
