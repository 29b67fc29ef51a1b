package org.xcp.clusterstack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcp.clusterstack.api.auth.HeartbeatKeyFile;
import org.xcp.clusterstack.api.auth.HeartbeatKeys;

/**
 * {@code cluster-stack key}: a key file made, checked, shown and rotated through the CLI in process, its refusals
 * one line with exit 1, 6 or 7, and no key (nor a piece of one) in anything the commands print.
 */
class KeyCommandTest {
    private static final Pattern KEY_HEX = Pattern.compile("[0-9a-f]{64}");

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    /** Every key any file of the test held, to make sure none of it was ever printed. */
    private final Set<String> keysSeen = new LinkedHashSet<>();

    private Path file() {
        return dir.resolve("heartbeat.key");
    }

    private int key(String... args) {
        List<String> all = new ArrayList<>(List.of("key"));
        all.addAll(List.of(args));
        int status = CommandLines.create(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute(all.toArray(String[]::new));
        remember(file());
        return status;
    }

    private void remember(Path keyFile) {
        try {
            if (Files.isRegularFile(keyFile)) {
                Matcher m = KEY_HEX.matcher(Files.readString(keyFile));
                while (m.find()) {
                    keysSeen.add(m.group());
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private HeartbeatKeys keys() {
        return HeartbeatKeyFile.read(file());
    }

    /** Nothing printed holds a key, nor any 16 hex digits of one. */
    @AfterEach
    void noKeyMaterialWasPrinted() {
        String printed = out + "\n" + err;
        for (String hex : keysSeen) {
            for (int i = 0; i + 16 <= hex.length(); i++) {
                assertThat(printed).as("output holds a piece of a key").doesNotContain(hex.substring(i, i + 16));
            }
        }
        assertThat(printed).doesNotContain("Exception", "\tat ");
    }

    @Test
    void newWritesARootOnlyFileWithOneCurrentKeyAndSaysWhereToNameIt() throws Exception {
        Path conf = dir.resolve("etc/xhad.conf");

        assertThat(key("new", file().toString(), "-C", conf.toString())).isEqualTo(0);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file()))).isEqualTo("rw-------");
        HeartbeatKeys keys = keys();
        assertThat(keys.next()).isEmpty();
        assertThat(keys.previous()).isEmpty();
        assertThat(keysSeen).hasSize(1);
        assertThat(out.toString()).startsWith(file() + ": new heartbeat key file (current=" + keys.current().idText()
                + ")\n").contains("copy " + file() + " to every host of the pool",
                "  heartbeat-key = " + file().toAbsolutePath().normalize() + "\n",
                "in " + dir.resolve("etc/cluster-stack/xhad.conf").toAbsolutePath() + ";");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void newNamesXapisSettingsFileByDefault() {
        assertThat(key("new", file().toString())).isEqualTo(0);
        assertThat(out.toString()).contains("in /etc/xensource/cluster-stack/xhad.conf;");
    }

    @Test
    void newRefusesAnExistingFileUnlessForced() throws Exception {
        assertThat(key("new", file().toString())).isEqualTo(0);
        String before = Files.readString(file());

        assertThat(key("new", file().toString())).isEqualTo(1);
        assertThat(Files.readString(file())).isEqualTo(before);
        assertThat(err.toString()).isEqualTo("cluster-stack: " + file() + ": exists; not replaced (check it with"
                + " 'cluster-stack key check " + file() + "', rotate it with 'cluster-stack key next " + file()
                + "', or replace it with --force)\n");

        assertThat(key("new", "--force", file().toString())).isEqualTo(0);
        assertThat(Files.readString(file())).isNotEqualTo(before);
        assertThat(keysSeen).hasSize(2);
    }

    @Test
    void newInADirectoryThatDoesNotExistIsExit2() {
        assertThat(key("new", dir.resolve("no/such/dir/heartbeat.key").toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("cluster-stack: " + dir.resolve("no/such/dir/heartbeat.key")
                + ": cannot make it: the directory").containsOnlyOnce("\n");
    }

    @Test
    void showPrintsTheIdsOnly() {
        key("new", file().toString());
        key("next", file().toString());
        HeartbeatKeys keys = keys();
        out.getBuffer().setLength(0);

        assertThat(key("show", file().toString())).isEqualTo(0);
        assertThat(out.toString()).isEqualTo(file() + "\n"
                + "  current   " + keys.current().idText() + "  sent and accepted\n"
                + "  next      " + keys.next().orElseThrow().idText() + "  accepted, not yet sent (then: key promote)\n"
                + "  previous  -\n");

        out.getBuffer().setLength(0);
        assertThat(key("show", "--json", file().toString())).isEqualTo(0);
        assertThat(out.toString()).contains("\"current\" : \"" + keys.current().idText() + "\"",
                "\"next\" : \"" + keys.next().orElseThrow().idText() + "\"", "\"previous\" : null");
    }

    @Test
    void checkSaysValidWithTheIds() {
        key("new", file().toString());
        out.getBuffer().setLength(0);

        assertThat(key("check", file().toString())).isEqualTo(0);
        assertThat(out.toString()).isEqualTo(file() + ": valid heartbeat key file (current="
                + keys().current().idText() + ")\n");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void checkOfAMissingFileIsExit6() {
        assertThat(key("check", file().toString())).isEqualTo(6);
        assertThat(err.toString()).isEqualTo("cluster-stack: " + file() + ": no such file\n");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void checkOfAFileOthersCanReadIsExit7() throws Exception {
        key("new", file().toString());
        Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString("rw-r--r--"));
        out.getBuffer().setLength(0);

        assertThat(key("check", file().toString())).isEqualTo(7);
        assertThat(err.toString()).isEqualTo("cluster-stack: " + file() + ": mode rw-r--r-- lets other users at the"
                + " pool key (chmod 600 " + file() + ")\n");
        assertThat(key("show", file().toString())).isEqualTo(7);
        assertThat(key("next", file().toString())).isEqualTo(7);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void checkOfGarbageIsExit7NamingTheLine() throws Exception {
        Files.writeString(file(), "# a key file\ncurrent 0123456789abcdef\n");
        Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString("rw-------"));

        assertThat(key("check", file().toString())).isEqualTo(7);
        assertThat(err.toString()).isEqualTo("cluster-stack: " + file()
                + ":2: a key is 64 hex digits, this one has 16\n");

        err.getBuffer().setLength(0);
        Files.write(file(), new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, '\n'});
        assertThat(key("check", file().toString())).isEqualTo(7);
        assertThat(err.toString()).startsWith("cluster-stack: " + file() + ":1: ").containsOnlyOnce("\n");
    }

    @Test
    void aRotationIsNextPromoteRetireEachSayingWhatComesNext() {
        key("new", file().toString());
        String first = keys().current().idText();
        out.getBuffer().setLength(0);

        assertThat(key("next", file().toString())).isEqualTo(0);
        String second = keys().next().orElseThrow().idText();
        assertThat(keys().current().idText()).isEqualTo(first);
        assertThat(out.toString()).isEqualTo(file() + ": added the next key " + second + " (current=" + first
                + " next=" + second + ")\nnext: copy " + file() + " to every host of the pool, where it is accepted"
                + " and " + first + " still sent; once every host has it: cluster-stack key promote " + file() + "\n");
        out.getBuffer().setLength(0);

        assertThat(key("promote", file().toString())).isEqualTo(0);
        assertThat(keys().current().idText()).isEqualTo(second);
        assertThat(keys().previous().orElseThrow().idText()).isEqualTo(first);
        assertThat(keys().next()).isEmpty();
        assertThat(out.toString()).isEqualTo(file() + ": promoted " + second + " to current, " + first
                + " is previous (current=" + second + " previous=" + first + ")\nnext: copy " + file() + " to every"
                + " host of the pool, where " + second + " is sent and " + first + " still accepted; once every host"
                + " has it: cluster-stack key retire " + file() + "\n");
        out.getBuffer().setLength(0);

        assertThat(key("retire", file().toString())).isEqualTo(0);
        assertThat(keys()).isEqualTo(HeartbeatKeys.of(keys().current()));
        assertThat(keys().current().idText()).isEqualTo(second);
        assertThat(out.toString()).isEqualTo(file() + ": retired " + first + " (current=" + second + ")\nnext: copy "
                + file() + " to every host of the pool, and the rotation is complete once every host has it\n");
        assertThat(err.toString()).isEmpty();
        assertThat(keysSeen).hasSize(2);
    }

    @Test
    void aStepOutOfOrderIsExit1AndLeavesTheFileAlone() throws Exception {
        key("new", file().toString());
        String first = keys().current().idText();
        String text = Files.readString(file());

        assertThat(key("promote", file().toString())).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("cluster-stack: " + file() + ": not changed: there is no next key to"
                + " promote: add one with 'key next' first (it holds current=" + first + ")\n");
        err.getBuffer().setLength(0);

        assertThat(key("retire", file().toString())).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("cluster-stack: " + file() + ": not changed: there is no previous key"
                + " to retire: a rotation is 'key next', 'key promote', then 'key retire' (it holds current="
                + first + ")\n");
        assertThat(Files.readString(file())).isEqualTo(text);
        err.getBuffer().setLength(0);

        key("next", file().toString());
        assertThat(key("next", file().toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith("cluster-stack: " + file() + ": not changed: a next key (")
                .contains("promote it first").containsOnlyOnce("\n");
        err.getBuffer().setLength(0);

        key("promote", file().toString());
        key("next", file().toString());
        assertThat(key("promote", file().toString())).isEqualTo(1);
        assertThat(err.toString()).contains("retire it first").containsOnlyOnce("\n");
        assertThat(keysSeen).hasSize(3);
    }

    @Test
    void theGroupAloneIsExit1() {
        assertThat(key()).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("cluster-stack: missing command (new, show, check, next, promote, retire)"
                + " (see cluster-stack key --help)\n");
    }
}
