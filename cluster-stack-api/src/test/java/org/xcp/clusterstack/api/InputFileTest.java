package org.xcp.clusterstack.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Refused before they are opened: whatever is not a regular file of a sane size, each with its code and one line. */
class InputFileTest {
    private static final Duration PROMPTLY = Duration.ofSeconds(10); // a regression hangs on the FIFO: fail instead

    @TempDir
    Path dir;

    @Test
    void aRegularFileIsReadWhole() throws IOException {
        Path f = Files.writeString(dir.resolve("xhad.conf"), "<xhad-config/>");
        assertThat(read(f, 1024)).isEqualTo("<xhad-config/>".getBytes(StandardCharsets.UTF_8));
        assertThat(read(Files.write(dir.resolve("empty"), new byte[0]), 1024)).isEmpty();
    }

    @Test
    void textMustBeUtf8() throws IOException {
        Path ok = Files.writeString(dir.resolve("ok"), "caf\u00e9 = 1\n");
        assertThat(InputFile.readUtf8(ok, "a settings file", 1024, ExitCode.CAN_NOT_READ_CONFIG_FILE,
                ExitCode.INVALID_CONFIG_FILE)).isEqualTo("caf\u00e9 = 1\n");
        Path latin1 = Files.write(dir.resolve("latin1"), new byte[] {'c', 'a', 'f', (byte) 0xe9});
        assertThatThrownBy(() -> InputFile.readUtf8(latin1, "a settings file", 1024, ExitCode.CAN_NOT_READ_CONFIG_FILE,
                ExitCode.INVALID_CONFIG_FILE)).isInstanceOfSatisfying(HaException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_CONFIG_FILE);
                    assertThat(e.getMessage()).isEqualTo(latin1 + ": is not UTF-8 text");
                });
    }

    @Test
    void anOptionalFileIsEmptyWhenAbsentAndCheckedLikeAnyOtherWhenThere() throws Exception {
        ExitCode invalid = ExitCode.INVALID_ENVIRONMENT;
        assertThat(InputFile.readIfPresent(dir.resolve("absent"), "a record", 1024, invalid)).isEmpty();
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("gone"));
        assertThat(InputFile.readIfPresent(dangling, "a record", 1024, invalid)).isEmpty();
        Path f = Files.writeString(dir.resolve("f"), "x");
        assertThat(InputFile.readIfPresent(f, "a record", 1024, invalid)).hasValueSatisfying(b -> assertThat(b).containsExactly('x'));
        Path fifo = mkfifo(dir.resolve("fifo"));
        assertTimeoutPreemptively(PROMPTLY, () -> assertThatThrownBy(() -> InputFile.readIfPresent(fifo, "a record", 1024,
                invalid)).isInstanceOfSatisfying(HaException.class, e -> assertThat(e.exitCode()).isEqualTo(invalid)));
    }

    @Test
    void aFileOfExactlyTheLimitIsRead() throws IOException {
        Path f = Files.write(dir.resolve("full"), new byte[4096]);
        assertThat(read(f, 4096)).hasSize(4096);
    }

    @Test
    void aSymbolicLinkToARegularFileIsFollowed() throws IOException {
        Path target = Files.writeString(dir.resolve("target"), "x");
        Path link = Files.createSymbolicLink(dir.resolve("link"), target);
        assertThat(read(link, 1024)).containsExactly('x');
    }

    @Test
    void nothingThereIsTheMissingCode() {
        assertRefused(dir.resolve("absent"), ExitCode.CAN_NOT_READ_CONFIG_FILE, dir.resolve("absent") + ": no such file");
    }

    @Test
    void aDanglingLinkIsMissingToo() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("gone"));
        assertRefused(link, ExitCode.CAN_NOT_READ_CONFIG_FILE, link + ": no such file");
    }

    @Test
    void aPathThroughAFileIsMissing() throws IOException {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        assertRefused(file.resolve("below"), ExitCode.CAN_NOT_READ_CONFIG_FILE, file.resolve("below") + ": no such file");
    }

    @Test
    void aFifoIsRefusedWithoutOpeningIt() throws Exception {
        Path fifo = mkfifo(dir.resolve("fifo"));
        assertTimeoutPreemptively(PROMPTLY, () ->
                assertRefused(fifo, ExitCode.INVALID_CONFIG_FILE, fifo + ": is a FIFO, not a regular file"));
    }

    @Test
    void aLinkToAFifoIsRefusedAsTheFifo() throws Exception {
        Path fifo = mkfifo(dir.resolve("fifo"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), fifo);
        assertTimeoutPreemptively(PROMPTLY, () ->
                assertRefused(link, ExitCode.INVALID_CONFIG_FILE, link + ": is a FIFO, not a regular file"));
    }

    @Test
    void devZeroIsRefusedNotReadForever() {
        assertTimeoutPreemptively(PROMPTLY, () -> assertRefused(Path.of("/dev/zero"), ExitCode.INVALID_CONFIG_FILE,
                "/dev/zero: is a character device, not a regular file"));
    }

    @Test
    void aDirectoryIsRefused() {
        assertRefused(dir, ExitCode.INVALID_CONFIG_FILE, dir + ": is a directory, not a regular file");
    }

    @Test
    void aSocketIsRefused() throws IOException {
        Path socket = dir.resolve("socket");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            assertRefused(socket, ExitCode.INVALID_CONFIG_FILE, socket + ": is a socket, not a regular file");
        }
    }

    @Test
    void aFileLargerThanTheLimitIsRefusedWithoutReadingIt() throws IOException {
        Path huge = sparse(dir.resolve("huge"), 1_288_490_189L); // 1.2 GiB of holes
        assertRefused(huge, ExitCode.INVALID_CONFIG_FILE, huge + ": 1.2 GiB is larger than the 1 MiB an xhad.conf can be");
        Path justOver = sparse(dir.resolve("over"), (1 << 20) + 1);
        assertRefused(justOver, ExitCode.INVALID_CONFIG_FILE,
                justOver + ": 1048577 bytes is larger than the 1 MiB an xhad.conf can be");
    }

    @Test
    void requireRegularChecksWithoutReadingAndGivesTheSize() throws Exception {
        Path f = Files.write(dir.resolve("f"), new byte[10]);
        assertThat(InputFile.requireRegular(f, "a manifest", 10, ExitCode.INVALID_PARAMETER, ExitCode.INVALID_PARAMETER))
                .isEqualTo(10);
        Path fifo = mkfifo(dir.resolve("fifo"));
        assertThatThrownBy(() -> InputFile.requireRegular(fifo, "a manifest", 10, ExitCode.INVALID_PARAMETER,
                ExitCode.INVALID_CONFIG_FILE))
                .isInstanceOfSatisfying(HaException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_CONFIG_FILE));
    }

    @Test
    void aStatefileMayBeARegularFileOfItsLengthOrABlockDevice() throws Exception {
        Path sf = sparse(dir.resolve("statefile"), 266_240);
        assertThat(InputFile.requireStatefile(sf, 266_240, ExitCode.CAN_NOT_ACCESS_STATEFILE,
                ExitCode.CAN_NOT_ACCESS_STATEFILE)).isEqualTo(new InputFile.Found(InputFile.Kind.REGULAR_FILE, 266_240));
        Path shortFile = sparse(dir.resolve("short"), 4096);
        assertStatefileRefused(shortFile, 266_240,
                "statefile " + shortFile + ": is 4096 bytes, shorter than a statefile (266240 bytes)");
        assertThat(InputFile.requireStatefile(shortFile, 0, ExitCode.CAN_NOT_ACCESS_STATEFILE,
                ExitCode.CAN_NOT_ACCESS_STATEFILE).kind()).isEqualTo(InputFile.Kind.REGULAR_FILE);
        Path fifo = mkfifo(dir.resolve("fifo"));
        assertTimeoutPreemptively(PROMPTLY, () -> assertStatefileRefused(fifo, 266_240,
                "statefile " + fifo + ": is a FIFO, not a regular file or a block device"));
        assertStatefileRefused(Path.of("/dev/zero"), 266_240,
                "statefile /dev/zero: is a character device, not a regular file or a block device");
        assertStatefileRefused(dir, 266_240, "statefile " + dir + ": is a directory, not a regular file or a block device");
        assertStatefileRefused(dir.resolve("absent"), 266_240, "statefile " + dir.resolve("absent") + ": no such file");
    }

    @Test
    void theFileTypeBitsOfStModeAreRead() {
        assertThat(InputFile.kindOfMode(0060660)).isEqualTo(InputFile.Kind.BLOCK_DEVICE); // brw-rw---- /dev/sdb
        assertThat(InputFile.kindOfMode(0020666)).isEqualTo(InputFile.Kind.CHARACTER_DEVICE);
        assertThat(InputFile.kindOfMode(0010644)).isEqualTo(InputFile.Kind.FIFO);
        assertThat(InputFile.kindOfMode(0140755)).isEqualTo(InputFile.Kind.SOCKET);
        assertThat(InputFile.kindOfMode(0100600)).isEqualTo(InputFile.Kind.REGULAR_FILE);
        assertThat(InputFile.kindOfMode(0040700)).isEqualTo(InputFile.Kind.DIRECTORY);
        assertThat(InputFile.kindOfMode(0)).isEqualTo(InputFile.Kind.OTHER);
    }

    @Test
    void sizesForPeople() {
        assertThat(InputFile.bytes(1)).isEqualTo("1 byte");
        assertThat(InputFile.bytes(1023)).isEqualTo("1023 bytes");
        assertThat(InputFile.bytes(1 << 20)).isEqualTo("1 MiB");
        assertThat(InputFile.bytes(266_240)).isEqualTo("260 KiB");
        assertThat(InputFile.bytes(1_288_490_189L)).isEqualTo("1.2 GiB");
        assertThat(InputFile.bytes(Long.MAX_VALUE)).isEqualTo("8 EiB");
    }

    private static byte[] read(Path f, long max) {
        return InputFile.read(f, "an xhad.conf", max, ExitCode.CAN_NOT_READ_CONFIG_FILE, ExitCode.INVALID_CONFIG_FILE);
    }

    private static void assertRefused(Path f, ExitCode code, String message) {
        assertThatThrownBy(() -> read(f, 1 << 20)).isInstanceOfSatisfying(HaException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(code);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    private static void assertStatefileRefused(Path f, long min, String message) {
        assertThatThrownBy(() -> InputFile.requireStatefile(f, min, ExitCode.CAN_NOT_ACCESS_STATEFILE,
                ExitCode.INVALID_STATE_FILE)).isInstanceOfSatisfying(HaException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(message.endsWith("no such file")
                            ? ExitCode.CAN_NOT_ACCESS_STATEFILE : ExitCode.INVALID_STATE_FILE);
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }

    static Path mkfifo(Path path) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        return path;
    }

    private static Path sparse(Path path, long length) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(path.toFile(), "rw")) {
            f.setLength(length);
        }
        return path;
    }
}
