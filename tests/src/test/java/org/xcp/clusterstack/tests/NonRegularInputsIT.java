package org.xcp.clusterstack.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs that are not regular files, as real processes: each command ends promptly (a FIFO opened for reading
 * would block it; {@code /dev/zero} would be read until the heap is gone) with one line and its documented code.
 * The limit of each run is what makes a regression fail here instead of hanging the suite.
 */
class NonRegularInputsIT {
    /** A cold JVM answers in a few seconds; a command blocked on the FIFO never does. */
    private static final int PROMPTLY = 30;

    @TempDir
    Path dir;

    @Test
    void configCheckOnAFifoIsExit7() throws Exception {
        Path fifo = mkfifo(dir.resolve("xhad.conf"));

        Cli.Result r = Cli.runWithin(PROMPTLY, "config", "check", fifo).failedWithOneLine(7);

        assertThat(r.stderr()).isEqualTo("cluster-stack: " + fifo + ": is a FIFO, not a regular file\n");
    }

    @Test
    void configCheckOnDevZeroIsExit7NotAnOutOfMemoryError() {
        Cli.Result r = Cli.runWithin(PROMPTLY, "config", "check", "/dev/zero").failedWithOneLine(7);

        assertThat(r.stderr()).isEqualTo("cluster-stack: /dev/zero: is a character device, not a regular file\n");
        assertThat(r.stderr()).doesNotContain("OutOfMemoryError", "at org.");
    }

    @Test
    void configCheckOnAHugeFileIsExit7WithoutReadingIt() throws IOException {
        Path huge = dir.resolve("xhad.conf");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(4L << 30); // sparse: nothing is written
        }

        Cli.Result r = Cli.runWithin(PROMPTLY, "config", "check", huge).failedWithOneLine(7);

        assertThat(r.stderr()).isEqualTo("cluster-stack: " + huge
                + ": 4 GiB is larger than the 1 MiB an xhad.conf can be\n");
    }

    @Test
    void configCheckOnADirectoryIsExit7() {
        Cli.Result r = Cli.runWithin(PROMPTLY, "config", "check", dir).failedWithOneLine(7);

        assertThat(r.stderr()).isEqualTo("cluster-stack: " + dir + ": is a directory, not a regular file\n");
    }

    @Test
    void statefileDumpOnAFifoIsExit8() throws Exception {
        Path fifo = mkfifo(dir.resolve("statefile"));

        Cli.Result r = Cli.runWithin(PROMPTLY, "statefile", "dump", fifo).failedWithOneLine(8);

        assertThat(r.stderr()).isEqualTo("cluster-stack: statefile " + fifo
                + ": is a FIFO, not a regular file or a block device\n");
    }

    @Test
    void statefileDumpOnDevZeroIsExit8() {
        Cli.Result r = Cli.runWithin(PROMPTLY, "statefile", "dump", "/dev/zero").failedWithOneLine(8);

        assertThat(r.stderr()).contains("/dev/zero: is a character device");
    }

    @Test
    void statefileDumpWithAFifoForItsConfigIsExit7() throws Exception {
        Path statefile = Fixtures.copy("statefile-3up.bin", dir);
        Path fifo = mkfifo(dir.resolve("xhad.conf"));

        Cli.runWithin(PROMPTLY, "statefile", "dump", statefile, "-C", fifo).failedWithOneLine(7);
    }

    @Test
    void aPoolDocumentThatIsAFifoIsExit2() throws Exception {
        Path fifo = mkfifo(dir.resolve("pool.json"));
        Path conf = Fixtures.write(dir.resolve("xapi.conf"), "cluster-stack-root = " + dir + "\n");

        Cli.Result r = Cli.runWithin(PROMPTLY, "select", "--pool", fifo, "--xapi-conf", conf,
                "--xapi-conf-dir", dir.resolve("xapi.conf.d")).failedWithOneLine(2);

        assertThat(r.stderr()).isEqualTo("cluster-stack: " + fifo + ": is a FIFO, not a regular file\n");
    }

    private static Path mkfifo(Path path) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(Files.isRegularFile(path)).isFalse();
        return path;
    }
}
