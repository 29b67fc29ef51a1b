package org.xcp.clusterstack.xapiconf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;

/** selector.md §5.2: a stack is installed when its directory exists under the root. */
class StackRootTest {
    @TempDir
    Path tmp;

    Path dir;
    StackRoot root;

    @BeforeEach
    void setUp() throws IOException {
        dir = Files.createDirectories(tmp.resolve("cluster-stack"));
        root = new StackRoot(dir);
    }

    private Path mkdir(String name) throws IOException {
        return Files.createDirectories(dir.resolve(name));
    }

    @Test
    void onlyDirectoriesWithValidNamesAreStacksAndTheyComeSorted() throws IOException {
        mkdir("xhad");
        mkdir("corosync");
        mkdir("Melio");
        mkdir("my stack");
        mkdir(" leading");
        mkdir("trailing\t");
        Files.writeString(dir.resolve("README"), "not a stack");
        Path elsewhere = Files.createDirectories(tmp.resolve("opt/o2cb"));
        Files.createSymbolicLink(dir.resolve("o2cb"), elsewhere);
        Files.createSymbolicLink(dir.resolve("to-file"), dir.resolve("README"));
        Files.createSymbolicLink(dir.resolve("dangling"), tmp.resolve("nowhere"));

        assertThat(root.installed()).extracting(s -> s.name().value())
                .containsExactly("Melio", "corosync", "my stack", "o2cb", "xhad");
        assertThat(root.installed()).contains(new InstalledStack(StackName.of("o2cb"), dir.resolve("o2cb")));
    }

    @Test
    void anEmptyRootHasNoStacks() {
        assertThat(root.installed()).isEmpty();
    }

    @Test
    void findGivesTheDirectoryUnderTheRoot() throws IOException {
        Path xhad = mkdir("xhad");

        assertThat(root.find(StackName.XHAD)).contains(new InstalledStack(StackName.XHAD, xhad));
        assertThat(root.isInstalled(StackName.XHAD)).isTrue();
        assertThat(root.isInstalled(StackName.COROSYNC)).isFalse();
    }

    @Test
    void aPlainFileOrALinkToAFileIsNotInstalled() throws IOException {
        Files.writeString(dir.resolve("corosync"), "");
        Files.createSymbolicLink(dir.resolve("melio"), dir.resolve("corosync"));

        assertThat(root.find(StackName.COROSYNC)).isEmpty();
        assertThat(root.isInstalled(StackName.of("melio"))).isFalse();
    }

    @Test
    void aLinkToADirectoryIsInstalledUnderItsOwnName() throws IOException {
        Path target = Files.createDirectories(tmp.resolve("opt/ocfs2"));
        Files.createSymbolicLink(dir.resolve("ocfs2"), target);

        assertThat(root.find(StackName.of("ocfs2")))
                .contains(new InstalledStack(StackName.of("ocfs2"), dir.resolve("ocfs2")));
    }

    @Test
    void namesThatLookLikePathSyntaxStayInsideTheRoot() throws IOException {
        Files.createDirectories(tmp.resolve("..."));
        Path dots = mkdir("...");

        assertThat(root.find(StackName.of("..."))).map(InstalledStack::directory).contains(dots);
        assertThat(root.find(StackName.of("back\\slash"))).isEmpty();
    }

    @Test
    void aRelativeRootIsMadeAbsolute() {
        assertThat(new StackRoot(Path.of("stacks/../stacks")).directory())
                .isEqualTo(Path.of("").toAbsolutePath().resolve("stacks"));
    }

    @Test
    void aRootThatCannotBeListedIsAnEnvironmentError() {
        StackRoot missing = new StackRoot(tmp.resolve("missing"));

        assertThat(missing.find(StackName.XHAD)).isEmpty();
        assertThatThrownBy(missing::installed).isInstanceOfSatisfying(HaException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_ENVIRONMENT);
            assertThat(e.getMessage())
                    .isEqualTo("cannot list cluster-stack-root \"" + tmp.resolve("missing") + "\": no such file");
        });
    }

    @Test
    void theFileSystemIsLookedAtOnEveryCall() throws IOException {
        assertThat(root.isInstalled(StackName.XHAD)).isFalse();
        mkdir("xhad");
        assertThat(root.isInstalled(StackName.XHAD)).isTrue();
        assertThat(root.installed()).hasSize(1);
    }
}
