package org.xcp.clusterstack.api.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.HaScript;

/** The stack manifest against its schema: the golden file, round trips, and one line per rejection. */
class ManifestReaderTest {
    static final ManifestDocument OCFS2_LIKE = new ManifestDocument("ocfs2", "1.2.3", "OCFS2's o2cb stack", "o2cb",
            Set.of(HaScript.CLEAR_EXCLUDED), Optional.of(List.of("gfs2", "lvmoiscsi")), new SuggestedTimeouts(60, 130, 30));

    @Test
    void theGoldenFileReadsAndWritesBackByteForByte() throws IOException {
        String golden = resource("golden-manifest.xml");

        ManifestDocument m = ManifestReader.parse(golden, "golden-manifest.xml");

        assertThat(m).isEqualTo(OCFS2_LIKE);
        assertThat(ManifestWriter.render(m)).isEqualTo(golden);
    }

    @Test
    void anyStackWithoutOptionalScriptsRoundTrips() {
        ManifestDocument m = new ManifestDocument("x-1", "0", "d & <e>", "self", Set.of(), Optional.empty(),
                new SuggestedTimeouts(10, 1, 1));

        assertThat(ManifestReader.parse(ManifestWriter.render(m), "m")).isEqualTo(m);
    }

    @Test
    void aFailoverWindowRoundTripsAndWithoutOneXhadsApplies() {
        FailoverWindow w = new FailoverWindow(new FailoverWindow.Bound(new java.math.BigDecimal("1"), 2),
                new FailoverWindow.Bound(new java.math.BigDecimal("1.05"), 50));
        ManifestDocument m = new ManifestDocument("c", "0", "d", "corosync+watchdog", Set.of(), Optional.empty(),
                new SuggestedTimeouts(60, 130, 30), Optional.of(w));

        ManifestDocument back = ManifestReader.parse(ManifestWriter.render(m), "m");

        assertThat(back).isEqualTo(m);
        assertThat(back.failoverWindow().latest().at(10)).hasMillis(60_500);
        assertThat(back.failoverWindow().earliest().at(10)).hasSeconds(12);
        assertThat(OCFS2_LIKE.failoverWindow()).isEqualTo(FailoverWindow.XHAD);
        assertThat(FailoverWindow.XHAD.earliest().at(10)).hasMillis(21_500);
    }

    @Test
    void aFailoverWindowThatEndsBeforeItBeginsIsRejected() {
        String good = ManifestWriter.render(new ManifestDocument("c", "0", "d", "self", Set.of(), Optional.empty(),
                new SuggestedTimeouts(60, 130, 30), Optional.of(FailoverWindow.XHAD)));

        rejects(good.replace("seconds=\"25\"", "seconds=\"2\""), "m.xml: ", "comes after latest");
        rejects(good.replace("per-ha-timeout=\"1.05\"", "per-ha-timeout=\"-1\""), "m.xml:", "-1");
        rejects(good.replace("<latest per-ha-timeout=\"1.05\" seconds=\"25\"/>\n", ""), "m.xml:", "latest");
    }

    @Test
    void everyRejectionIsExit7InOneLineWithFileAndLine() {
        String good = ManifestWriter.render(OCFS2_LIKE);

        rejects(good.replace("<name>ocfs2</name>", "<name>OCFS 2</name>"), "m.xml:3: ", "OCFS 2");
        rejects(good.replace("    <script name=\"ha_stop_daemon\"/>\n", ""), "m.xml:", "script");
        rejects(good.replace("ha_stop_daemon", "ha_start_daemon"), "m.xml:", "ha_start_daemon");
        rejects(good.replace("ha_stop_daemon", "ha_frobnicate"), "m.xml:", "ha_frobnicate");
        rejects(good.replace("<ha-timeout>60", "<ha-timeout>9"), "m.xml:", "9");
        rejects(good.replace("stack-manifest version=\"1.0\"", "stack-manifest version=\"2.0\""), "m.xml:2: ", "2.0");
        rejects(good.replace("<ha_supported_srs>", "<ha_supported_srs any=\"true\">"), "m.xml: ", "any");
        rejects(good.replace("<sr-type>gfs2</sr-type>", "<sr-type>gf s2</sr-type>"), "m.xml:", "gf s2");
        rejects("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>", "m.xml:",
                "DOCTYPE");
        rejects("not xml", "m.xml:1: ", "");
    }

    @Test
    void aScriptXapiRunsCannotBeOptional() {
        String good = ManifestWriter.render(OCFS2_LIKE);

        rejects(good.replace("<script name=\"ha_stop_daemon\"/>", "<script name=\"ha_stop_daemon\" optional=\"true\"/>"),
                "m.xml: ", "ha_stop_daemon cannot be optional");
    }

    @Test
    void aFileIsReadAfterItIsFoundRegularAndAnythingElseIsRefusedBeforeItIsOpened(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("manifest.xml"), ManifestWriter.render(OCFS2_LIKE));
        assertThat(ManifestReader.read(file)).isEqualTo(OCFS2_LIKE);

        assertThatThrownBy(() -> ManifestReader.read(dir.resolve("none.xml"))).isInstanceOfSatisfying(HaException.class,
                e -> assertThat(e).hasMessage(dir.resolve("none.xml") + ": no such file")
                        .extracting(HaException::exitCode).isEqualTo(ExitCode.CAN_NOT_READ_CONFIG_FILE));
        Path fifo = dir.resolve("fifo.xml");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(() -> ManifestReader.read(fifo))
                .isInstanceOfSatisfying(HaException.class, e -> assertThat(e)
                        .hasMessage(fifo + ": is a FIFO, not a regular file")
                        .extracting(HaException::exitCode).isEqualTo(ExitCode.INVALID_CONFIG_FILE)));
    }

    private static void rejects(String text, String prefix, String mention) {
        assertThatThrownBy(() -> ManifestReader.parse(text, "m.xml")).isInstanceOfSatisfying(HaException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_CONFIG_FILE);
            assertThat(e.getMessage()).startsWith(prefix).contains(mention).doesNotContain("\n", "cvc-");
        });
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ManifestReaderTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
