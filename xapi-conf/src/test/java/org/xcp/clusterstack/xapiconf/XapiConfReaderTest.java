package org.xcp.clusterstack.xapiconf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;

/** One test per syntax rule of selector.md §3.1, each on real files. */
class XapiConfReaderTest {
    @TempDir
    Path tmp;

    ConfFixture etc;

    @BeforeEach
    void setUp() {
        etc = new ConfFixture(tmp);
    }

    private String defaultFrom(String confContent) {
        return etc.conf(confContent).read().clusterStackDefault();
    }

    @Test
    void noFilesAtAllGivesXapisDefaults() {
        XapiConf conf = etc.read();

        assertThat(conf.clusterStackRoot()).isEqualTo(Path.of("/usr/libexec/xapi/cluster-stack"));
        assertThat(conf.clusterStackDefault()).isEqualTo("xhad");
        assertThat(conf.origins().clusterStackRoot().where()).isEqualTo("default");
        assertThat(conf.origins().clusterStackDefault().isDefault()).isTrue();
    }

    // Rule 1: the file, then every entry of the directory in byte-wise name order.

    @Test
    void readsTheFileThenTheDirectoryEntriesInByteWiseOrder() {
        etc.conf("").fragment("a", "").fragment("B", "").fragment("_", "").fragment("9", "")
                .fragment("10", "").fragment(".hidden", "").fragment("a~", "");

        assertThat(XapiConfReader.files(etc.confFile, etc.confDir)).extracting(p -> p.getFileName().toString())
                .containsExactly("xapi.conf", ".hidden", "10", "9", "B", "_", "a", "a~");
    }

    @Test
    void theLastAssignmentWinsAcrossFiles() {
        etc.conf("cluster-stack-default = from-conf\n")
                .fragment("9-late", "cluster-stack-default = nine\n")
                .fragment("10-early", "cluster-stack-default = ten\ncluster-stack-default = ten-again\n");

        XapiConf conf = etc.read();

        assertThat(conf.clusterStackDefault()).isEqualTo("nine");
        assertThat(conf.origins().clusterStackDefault().where()).isEqualTo(etc.confDir.resolve("9-late") + ":1");
    }

    @Test
    void theLastAssignmentWinsWithinAFileAndItsLineIsRecorded() {
        XapiConf conf = etc.conf("cluster-stack-default = a\n\n# note\ncluster-stack-default = b\n").read();

        assertThat(conf.clusterStackDefault()).isEqualTo("b");
        assertThat(conf.origins().clusterStackDefault()).isEqualTo(Origin.at(etc.confFile, 4, "b"));
    }

    @Test
    void theDirectoryAloneIsEnoughAndAMissingFileIsNoError() {
        etc.fragment("ha", "cluster-stack-default = corosync");

        assertThat(etc.read().clusterStackDefault()).isEqualTo("corosync");
    }

    @Test
    void aMissingOrNonDirectoryConfDirContributesNothing() throws IOException {
        etc.conf("cluster-stack-default = corosync\n");
        assertThat(etc.read().clusterStackDefault()).isEqualTo("corosync");

        Files.writeString(etc.confDir, "cluster-stack-default = ignored\n");
        assertThat(etc.read().clusterStackDefault()).isEqualTo("corosync");
    }

    @Test
    void aDanglingLinkAsTheConfFileCountsAsAbsent() throws IOException {
        Files.createSymbolicLink(etc.confFile, tmp.resolve("nowhere"));

        assertThat(etc.read()).isEqualTo(XapiConf.defaults());
    }

    // Rule 2: everything from the first '#' is a comment.

    @Test
    void aHashStartsACommentEvenInTheMiddleOfAValue() {
        assertThat(defaultFrom("cluster-stack-default = co#rosync\n")).isEqualTo("co");
        assertThat(defaultFrom("# cluster-stack-default = corosync\n")).isEqualTo("xhad");
        assertThat(defaultFrom("cluster-stack-default = corosync # the OCFS2 one\n")).isEqualTo("corosync");
    }

    @Test
    void aHashInsideQuotesIsStillAComment() {
        assertThat(defaultFrom("cluster-stack-default = \"co#rosync\"\n")).isEqualTo("\"co");
    }

    // Rule 3: trailing spaces and tabs go, nothing else.

    @Test
    void trailingSpacesAndTabsAreRemoved() {
        assertThat(defaultFrom("cluster-stack-default = corosync \t \n")).isEqualTo("corosync");
        assertThat(defaultFrom("cluster-stack-default = my stack\t\n")).isEqualTo("my stack");
    }

    @Test
    void aCrlfLineEndingLeavesTheCrInTheValue() {
        assertThat(defaultFrom("cluster-stack-default = corosync\r\n")).isEqualTo("corosync\r");
        // The CR also keeps the quotes: the value no longer ends with one.
        assertThat(defaultFrom("cluster-stack-default = \"corosync\"\r\n")).isEqualTo("\"corosync\"\r");
        // A blank before the CR is not trailing, so it stays too.
        assertThat(defaultFrom("cluster-stack-default = corosync \r\n")).isEqualTo("corosync \r");
    }

    @Test
    void aCommentRemovesTheCrWithIt() {
        assertThat(defaultFrom("cluster-stack-default = corosync # x\r\n")).isEqualTo("corosync");
    }

    // Rule 4: KEY SEP* = SEP* VALUE, searched for anywhere in the line.

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "cluster-stack-default=corosync          | corosync",
        "cluster-stack-default   =   corosync    | corosync",
        "`\tcluster-stack-default\t=\tcorosync`  | corosync",
        "`   cluster-stack-default = corosync`   | corosync",
        "cluster-stack-default = a=b             | a=b",
        "cluster-stack-default == b              | = b",
    })
    void blanksAroundTheEqualsSignAreOptionalAndTheValueIsTheRestOfTheLine(String line, String value) {
        assertThat(defaultFrom(line + "\n")).isEqualTo(value);
    }

    @Test
    void aBackslashNextToTheEqualsSignIsSkippedLikeABlank() {
        assertThat(defaultFrom("cluster-stack-default\\=\\corosync\n")).isEqualTo("corosync");
        assertThat(defaultFrom("cluster-stack-default \\ = \\ \\corosync\n")).isEqualTo("corosync");
        // Inside the value a backslash is an ordinary character.
        assertThat(defaultFrom("cluster-stack-default = a\\b\n")).isEqualTo("a\\b");
    }

    @Test
    void aBackslashEndsAKey() {
        // "x\cluster-stack-default" is two runs: only the one right before '=' is the key.
        assertThat(defaultFrom("x\\cluster-stack-default = corosync\n")).isEqualTo("corosync");
    }

    @Test
    void aLineWithoutAnEqualsSignIsIgnored() {
        assertThat(defaultFrom("cluster-stack-default corosync\ncluster-stack-default\n")).isEqualTo("xhad");
    }

    @Test
    void theSearchIsUnanchoredSoTheWordBeforeTheEqualsSignIsTheKey() {
        assertThat(defaultFrom("foo cluster-stack-default = corosync\n")).isEqualTo("corosync");
        // ...and so this line sets "bar", an unknown key, not cluster-stack-default.
        assertThat(defaultFrom("cluster-stack-default bar = corosync\n")).isEqualTo("xhad");
    }

    // Rule 5: one pair of matching quotes, on values of at least two characters.

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "\"corosync\" | corosync",
        "'corosync'   | corosync",
        "\"corosync'  | \"corosync'",
        "'''x'''      | ''x''",
        "\"a\"b\"     | a\"b",
        "\"\"         | ``",
        "\"           | \"",
        "'            | '",
        "\"a          | \"a",
    })
    void onePairOfMatchingQuotesIsRemoved(String written, String value) {
        assertThat(defaultFrom("cluster-stack-default = " + written + "\n")).isEqualTo(value);
    }

    // Rule 6: unknown keys are ignored.

    @Test
    void unknownAndMisspeltKeysAreIgnored() {
        XapiConf conf = etc.conf("""
                cluster_stack_default = corosync
                Cluster-Stack-Default = corosync
                cluster-stack-defaults = corosync
                cluster_stack_root = /nowhere
                some-other-key = 1
                """).read();

        assertThat(conf).isEqualTo(XapiConf.defaults());
    }

    // Rule 7: an empty value is a value; a relative root is looked up on the search path.

    @Test
    void anEmptyValueSetsTheEmptyString() {
        XapiConf conf = etc.conf("cluster-stack-default =\n").read();

        assertThat(conf.clusterStackDefault()).isEmpty();
        assertThat(conf.origins().clusterStackDefault().where()).isEqualTo(etc.confFile + ":1");
        assertThat(defaultFrom("cluster-stack-default = \t\n")).isEmpty();
        assertThat(defaultFrom("cluster-stack-default = ''\n")).isEmpty();
    }

    @Test
    void anAbsoluteRootIsKeptAsWritten() {
        XapiConf conf = etc.conf("cluster-stack-root = /opt/stacks\n").read(List.of(tmp));

        assertThat(conf.clusterStackRoot()).isEqualTo(Path.of("/opt/stacks"));
        assertThat(conf.origins().clusterStackRoot()).isEqualTo(Origin.at(etc.confFile, 1, "/opt/stacks"));
    }

    @Test
    void aRelativeRootIsReplacedByTheFirstMatchOnTheSearchPath() throws IOException {
        Path first = Files.createDirectories(tmp.resolve("bin1"));
        Path second = Files.createDirectories(tmp.resolve("bin2/stacks")).getParent();
        Files.createDirectories(tmp.resolve("bin3/stacks"));

        XapiConf conf = etc.conf("cluster-stack-root = stacks\n")
                .read(List.of(first, second, tmp.resolve("bin3")));

        assertThat(conf.clusterStackRoot()).isEqualTo(second.resolve("stacks"));
        assertThat(conf.origins().clusterStackRoot().written()).isEqualTo("stacks");
    }

    @Test
    void aRelativeRootWithoutAMatchStaysRelative() {
        XapiConf conf = etc.conf("cluster-stack-root = stacks\n").read(List.of(tmp));

        assertThat(conf.clusterStackRoot()).isEqualTo(Path.of("stacks"));
    }

    @Test
    void anEmptyRootMatchesTheFirstExistingSearchDirectoryItself() throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("bin"));

        XapiConf conf = etc.conf("cluster-stack-root =\n").read(List.of(tmp.resolve("missing"), bin));

        assertThat(conf.clusterStackRoot()).isEqualTo(bin);
    }

    @Test
    void theSearchPathKeyIsSearchedAfterTheGivenPathAndLaterAssignmentsFirst() throws IOException {
        Path early = Files.createDirectories(tmp.resolve("early/stacks")).getParent();
        Path late = Files.createDirectories(tmp.resolve("late/stacks")).getParent();

        XapiConf conf = etc.conf("search-path = " + early + "\n")
                .fragment("ha", "search-path = " + late + "\ncluster-stack-root = stacks\n")
                .read(List.of(tmp.resolve("given")));

        assertThat(conf.clusterStackRoot()).isEqualTo(late.resolve("stacks"));
    }

    @Test
    void aRootWithoutAMatchIsLookedUpAgainOnceEveryFileIsRead() throws IOException {
        Path libexec = Files.createDirectories(tmp.resolve("libexec/stacks")).getParent();

        XapiConf conf = etc.conf("cluster-stack-root = stacks\n")
                .fragment("paths", "search-path = /nonexistent:" + libexec + "\n")
                .read(List.of());

        assertThat(conf.clusterStackRoot()).isEqualTo(libexec.resolve("stacks"));
    }

    // Files that cannot be read stop the start-up, as they stop xapi's.

    @Test
    void aConfFileThatIsADirectoryIsRejected() throws IOException {
        Files.createDirectories(etc.confFile);

        assertThatThrownBy(etc::read).isInstanceOfSatisfying(HaException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_ENVIRONMENT);
            assertThat(e.getMessage()).isEqualTo(
                    "cannot read xapi config file \"" + etc.confFile + "\": is a directory, not a regular file");
        });
    }

    @Test
    void aSubdirectoryOfTheConfDirIsRejectedBecauseXapiFailsOnItToo() throws IOException {
        etc.fragment("a", "cluster-stack-default = corosync\n");
        Files.createDirectories(etc.confDir.resolve("b.d"));

        assertThatThrownBy(etc::read).isInstanceOfSatisfying(HaException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_ENVIRONMENT);
            assertThat(e.getMessage()).contains(etc.confDir.resolve("b.d").toString(), "is a directory");
        });
    }

    @Test
    void aFifoInTheConfDirIsRejectedBeforeItIsOpened() throws Exception {
        etc.fragment("a", "");
        Path fifo = etc.confDir.resolve("fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();

        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10), () ->
                assertThatThrownBy(etc::read).isInstanceOfSatisfying(HaException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_ENVIRONMENT);
                    assertThat(e.getMessage()).isEqualTo(
                            "cannot read xapi config file \"" + fifo + "\": is a FIFO, not a regular file");
                }));
    }

    @Test
    void aDanglingLinkInTheConfDirIsRejected() throws IOException {
        etc.fragment("a", "");
        Files.createSymbolicLink(etc.confDir.resolve("z"), tmp.resolve("nowhere"));

        assertThatThrownBy(etc::read).isInstanceOf(HaException.class)
                .hasMessage("cannot read xapi config file \"" + etc.confDir.resolve("z") + "\": no such file");
    }

    // Values Java cannot hold.

    @Test
    void aKnownKeyWhoseValueIsNotUtf8IsRejectedButOtherLinesMayHoldAnyBytes() {
        byte[] latin1 = "# caf\u00e9\nother = caf\u00e9\ncluster-stack-default = corosync\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        etc.fragment("ok", latin1);
        assertThat(etc.read().clusterStackDefault()).isEqualTo("corosync");

        etc.fragment("z", "cluster-stack-default = caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(etc::read).isInstanceOfSatisfying(HaException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_ENVIRONMENT);
            assertThat(e.getMessage()).isEqualTo("cluster-stack-default \"caf\\xe9\" (from "
                    + etc.confDir.resolve("z") + ":1) is not valid UTF-8");
        });
    }

    @Test
    void utf8ValuesAreDecoded() {
        assertThat(defaultFrom("cluster-stack-default = caf\u00e9\n")).isEqualTo("caf\u00e9");
    }

    @Test
    void aRootHoldingNulIsRejectedWhileReading() {
        etc.conf("cluster-stack-root = /opt/st\0acks\n");

        assertThatThrownBy(etc::read).isInstanceOfSatisfying(HaException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_ENVIRONMENT);
            assertThat(e.getMessage()).startsWith("cluster-stack-root \"/opt/st\\u0000acks\" (from "
                    + etc.confFile + ":1) is not a usable path");
        });
    }
}
