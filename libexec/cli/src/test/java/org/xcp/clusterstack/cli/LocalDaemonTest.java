package org.xcp.clusterstack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcp.clusterstack.api.config.DaemonConfigReader;
import org.xcp.clusterstack.control.RunDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Which stack the admin commands look at when {@code --stack} is not given. */
class LocalDaemonTest {
    private static final Path CONFIG = Path.of("../../examples/xhad.conf");

    @Command(name = "probe")
    static final class Probe {
        @Mixin
        LocalDaemon daemon;
    }

    @TempDir
    Path runBase;

    private LocalDaemon parse(String... extra) {
        Probe probe = new Probe();
        String[] args = new String[extra.length + 4];
        args[0] = "-C";
        args[1] = CONFIG.toString();
        args[2] = "--run-dir";
        args[3] = runBase.toString();
        System.arraycopy(extra, 0, args, 4, extra.length);
        new CommandLine(probe).parseArgs(args);
        return probe.daemon;
    }

    private void runDirOf(String stack) throws Exception {
        Files.createDirectories(RunDir.of(runBase, stack, DaemonConfigReader.read(CONFIG).local().hostId()).dir());
    }

    @Test
    void withNoRunDirectoryAtAllTheStackIsXhad() {
        assertThat(parse().stack()).isEqualTo("xhad");
    }

    @Test
    void theOnlyStackWithARunDirectoryForThisHostIsTheOne() throws Exception {
        runDirOf("corosync");
        assertThat(parse().stack()).isEqualTo("corosync");
    }

    /** A stack behind the third-party door is not on the CLI's class path; its run directory still names it. */
    @Test
    void aStackThisToolDoesNotCarryIsFoundByItsRunDirectory() throws Exception {
        runDirOf("filehb");
        assertThat(parse().stack()).isEqualTo("filehb");
    }

    @Test
    void aRunDirectoryForAnotherHostOnlyIsNotThisHosts() throws Exception {
        Files.createDirectories(runBase.resolve("filehb").resolve("0123456789abcdef0123456789abcdef"));
        assertThat(parse().stack()).isEqualTo("xhad");
    }

    @Test
    void twoRunDirectoriesAndNoDaemonAnsweringLeaveXhad() throws Exception {
        runDirOf("corosync");
        runDirOf("ocfs2");
        assertThat(parse().stack()).isEqualTo("xhad");
    }

    @Test
    void aNamedStackIsTakenAsNamed() throws Exception {
        runDirOf("corosync");
        assertThat(parse("--stack", "melio").stack()).isEqualTo("melio");
        assertThat(parse("--stack", "melio").runDir(DaemonConfigReader.read(CONFIG)).dir().toString())
                .contains("/melio/");
    }
}
