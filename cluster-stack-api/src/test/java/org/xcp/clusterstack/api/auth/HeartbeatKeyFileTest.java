package org.xcp.clusterstack.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;

/** The key file of docs/heartbeat-auth.md: its format, its owner and mode, and the three rotation steps. */
class HeartbeatKeyFileTest {
    private static final String K1 = "5f".repeat(32);
    private static final String K2 = "a0".repeat(32);
    @TempDir
    Path dir;

    @Test
    void aWrittenFileIsOwnerOnlyAndReadsBack() throws IOException {
        HeartbeatKeys keys = HeartbeatKeys.of(HeartbeatKey.generate()).withNext(HeartbeatKey.generate());
        Path file = dir.resolve("heartbeat.key");
        HeartbeatKeyFile.write(file, keys);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(HeartbeatKeyFile.read(file)).isEqualTo(keys);
        try (var listing = Files.list(dir)) {
            assertThat(listing).containsExactly(file); // no temporary file left behind
        }
    }

    @Test
    void theIdIsTheFirstFourBytesOfTheKeysSha256() {
        // SHA-256 of 32 bytes of 0x5f begins 0ebe2fe7 (computed independently, with Python's hashlib)
        HeartbeatKey k = HeartbeatKey.fromHex(K1);
        assertThat(k.idText()).isEqualTo("0ebe2fe7");
        assertThat(k.id()).isEqualTo(0x0ebe2fe7);
        assertThat(k.toString()).doesNotContain(K1.substring(0, 8)).isEqualTo("key " + k.idText());
    }

    @Test
    void aFileOthersCanReadIsRefusedWithExitSeven() throws IOException {
        Path file = dir.resolve("loose.key");
        Files.writeString(file, "current " + K1 + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> HeartbeatKeyFile.read(file)).isInstanceOfSatisfying(HaException.class,
                e -> assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_CONFIG_FILE))
                .hasMessage(file + ": mode rw-r--r-- lets other users at the pool key (chmod 600 " + file + ")");
    }

    @Test
    void aMissingFileIsExitSix() {
        assertThatThrownBy(() -> HeartbeatKeyFile.read(dir.resolve("none.key")))
                .isInstanceOfSatisfying(HaException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.CAN_NOT_READ_CONFIG_FILE));
    }

    @Test
    void formatErrorsNameTheLine() {
        Path f = Path.of("/etc/xensource/cluster-stack/heartbeat.key");
        assertRefused(f, "# c\ncurrent " + K1 + "\nnext zz\n", f + ":3: a key is 64 hex digits, this one has 2");
        assertRefused(f, "current " + K1 + "\ncurrent " + K2 + "\n", f + ":2: this kind of key is given twice");
        assertRefused(f, "curent " + K1 + "\n", f + ":1: unknown word 'curent' (expected current, next or previous)");
        assertRefused(f, "next " + K1 + "\n", f + ": no 'current' key");
        assertRefused(f, "current " + K1 + "\nnext " + K1 + "\n", f + ": two keys of the file have the same id "
                + HeartbeatKey.fromHex(K1).idText());
        assertRefused(f, "current " + K1 + " extra\n", f + ":1: expected '<current|next|previous> <64 hex digits>'");
        assertRefused(f, "current " + "g".repeat(64) + "\n", f + ":1: a key is hex digits only (0-9, a-f)");
        assertRefused(f, K1 + " " + K2 + "\n", f + ":1: unknown word '<64 hex digits>' (expected current, next or "
                + "previous)"); // a key in the wrong place is never echoed
    }

    @Test
    void withoutReplaceAnExistingFileStaysAsItIs() throws IOException {
        Path file = dir.resolve("heartbeat.key");
        Files.writeString(file, "someone else's\n");
        assertThatThrownBy(() -> HeartbeatKeyFile.write(file, HeartbeatKeys.of(HeartbeatKey.generate()), false))
                .isInstanceOfSatisfying(HaException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_PARAMETER))
                .hasMessage(file + ": exists; not replaced");
        assertThat(Files.readString(file)).isEqualTo("someone else's\n");
        try (var listing = Files.list(dir)) {
            assertThat(listing).containsExactly(file);
        }
    }

    @Test
    void rotationIsNextThenPromoteThenRetire() {
        HeartbeatKey one = HeartbeatKey.fromHex(K1);
        HeartbeatKey two = HeartbeatKey.fromHex(K2);
        HeartbeatKeys start = HeartbeatKeys.of(one);

        HeartbeatKeys step1 = start.withNext(two);
        HeartbeatKeys step2 = step1.promote();
        HeartbeatKeys step3 = step2.retire();

        assertThat(step1).isEqualTo(new HeartbeatKeys(one, Optional.of(two), Optional.empty()));
        assertThat(step2).isEqualTo(new HeartbeatKeys(two, Optional.empty(), Optional.of(one)));
        assertThat(step3).isEqualTo(HeartbeatKeys.of(two));
        // hosts one step apart always share the key each sends with
        assertThat(step2.accepted()).contains(step1.current());
        assertThat(step1.accepted()).contains(step2.current());
        assertThat(step3.accepted()).contains(step2.current());
        assertThat(step2.accepted()).contains(step3.current());
        assertThatThrownBy(start::promote).hasMessageContaining("no next key");
        assertThatThrownBy(start::retire).hasMessageContaining("no previous key");
        HeartbeatKey three = HeartbeatKey.fromHex("c3".repeat(32));
        assertThatThrownBy(() -> step2.withNext(three).promote()).hasMessageContaining("retire it first");
        assertThatThrownBy(() -> step1.withNext(three)).hasMessageContaining("promote it first");
    }

    @Test
    void renderedTextParsesBackToTheSameKeys() {
        HeartbeatKeys keys = new HeartbeatKeys(HeartbeatKey.fromHex(K1), Optional.empty(),
                Optional.of(HeartbeatKey.fromHex(K2)));
        assertThat(HeartbeatKeyFile.parse(Path.of("k"), HeartbeatKeyFile.render(keys))).isEqualTo(keys);
    }

    private static void assertRefused(Path f, String text, String message) {
        assertThatThrownBy(() -> HeartbeatKeyFile.parse(f, text)).isInstanceOfSatisfying(HaException.class,
                e -> assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_CONFIG_FILE)).hasMessage(message);
    }
}
