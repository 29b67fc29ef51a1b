package org.xcp.clusterstack.daemon.log;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReopeningFileTest {
    private static final Duration SECOND = Duration.ofSeconds(1);

    @TempDir
    Path dir;

    private final AtomicLong now = new AtomicLong();

    @Test
    void afterARenameLinesGoToTheOldFileUntilTheNextCheckThenToANewOne() throws Exception {
        Path log = dir.resolve("daemon.log");
        try (ReopeningFile file = new ReopeningFile(log, SECOND, now::get)) {
            file.write("1\n".getBytes(UTF_8));
            Files.move(log, dir.resolve("daemon.log.1")); // logrotate

            now.addAndGet(SECOND.toNanos() - 1);
            file.write("2\n".getBytes(UTF_8)); // not checked yet: the renamed file
            now.addAndGet(1);
            file.write("3\n".getBytes(UTF_8)); // checked: a new file

            assertThat(Files.readString(dir.resolve("daemon.log.1"))).isEqualTo("1\n2\n");
            assertThat(Files.readString(log)).isEqualTo("3\n");
            assertThat(file.reopened()).isOne();
        }
    }

    @Test
    void aFileLogrotateCreatedInItsPlaceIsAppendedTo() throws Exception {
        Path log = dir.resolve("daemon.log");
        try (ReopeningFile file = new ReopeningFile(log, SECOND, now::get)) {
            file.write("1\n".getBytes(UTF_8));
            Files.move(log, dir.resolve("daemon.log.1"));
            Files.writeString(log, "made by logrotate's create\n");

            now.addAndGet(SECOND.toNanos());
            file.write("2\n".getBytes(UTF_8));

            assertThat(Files.readString(log)).isEqualTo("made by logrotate's create\n2\n");
        }
    }

    @Test
    void aRemovedFileIsMadeAgain() throws Exception {
        Path log = dir.resolve("daemon.log");
        try (ReopeningFile file = new ReopeningFile(log, SECOND, now::get)) {
            Files.delete(log);
            now.addAndGet(SECOND.toNanos());
            file.write("after\n".getBytes(UTF_8));

            assertThat(Files.readString(log)).isEqualTo("after\n");
            assertThat(Files.getPosixFilePermissions(log)).extracting(Object::toString)
                    .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE", "GROUP_READ");
        }
    }

    @Test
    void anUnchangedFileIsNotReopened() throws Exception {
        Path log = dir.resolve("daemon.log");
        try (ReopeningFile file = new ReopeningFile(log, SECOND, now::get)) {
            for (int i = 0; i < 5; i++) {
                now.addAndGet(SECOND.toNanos());
                file.write((i + "\n").getBytes(UTF_8));
            }
            assertThat(file.reopened()).isZero();
            assertThat(Files.readAllLines(log)).containsExactly("0", "1", "2", "3", "4");
        }
    }

    @Test
    void aFailedReopenIsTriedAgainOnTheNextWrite() throws Exception {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        Path log = sub.resolve("daemon.log");
        try (ReopeningFile file = new ReopeningFile(log, SECOND, now::get)) {
            Files.delete(log);
            Files.delete(sub);
            now.addAndGet(SECOND.toNanos());
            assertThatIOException().isThrownBy(() -> file.write("lost\n".getBytes(UTF_8)));

            Files.createDirectory(sub);
            file.write("back\n".getBytes(UTF_8));
            assertThat(Files.readString(log)).isEqualTo("back\n");
        }
    }
}
