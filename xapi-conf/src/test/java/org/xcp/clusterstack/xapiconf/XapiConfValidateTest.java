package org.xcp.clusterstack.xapiconf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.ThrowableAssertAlternative;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;

/** The framework rule of selector.md §3: what start-up rejects, and the one line it says. */
class XapiConfValidateTest {
    @TempDir
    Path tmp;

    ConfFixture etc;
    Path root;

    @BeforeEach
    void setUp() throws IOException {
        etc = new ConfFixture(tmp);
        root = Files.createDirectories(tmp.resolve("cluster-stack"));
    }

    private ThrowableAssertAlternative<HaException> assertRejected(String confContent) {
        XapiConf conf = etc.conf(confContent).read(List.of());
        return assertThatExceptionOfType(HaException.class)
                .isThrownBy(conf::validate)
                .satisfies(e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_ENVIRONMENT);
                    assertThat(e.getMessage()).doesNotContain("\n", "\r");
                });
    }

    @Test
    void aValidConfigurationPassesAndIsReturnedUnchanged() {
        XapiConf conf = etc.conf("cluster-stack-root = " + root + "\ncluster-stack-default = corosync\n").read();

        assertThat(conf.validate()).isSameAs(conf);
        assertThat(conf.defaultStack()).isEqualTo(StackName.COROSYNC);
        assertThat(conf.stackRoot()).isEqualTo(new StackRoot(root));
    }

    @Test
    void anEmptyDefaultIsRejected() {
        assertRejected("cluster-stack-root = " + root + "\ncluster-stack-default =\n")
                .withMessage("cluster-stack-default \"\" (from " + etc.confFile + ":2) is not a valid stack name: "
                        + "it is empty");
    }

    @Test
    void aDefaultThatWouldLeaveTheRootIsRejected() {
        assertRejected("cluster-stack-root = " + root + "\ncluster-stack-default = ../x\n")
                .withMessage("cluster-stack-default \"../x\" (from " + etc.confFile + ":2) is not a valid stack name: "
                        + "it contains '/'");
    }

    @Test
    void aDefaultWithTheCrOfACrlfFileIsRejectedAndTheCrIsShown() {
        assertRejected("cluster-stack-root = " + root + "\r\ncluster-stack-default = xhad\r\n")
                .withMessage("cluster-stack-default \"xhad\\r\" (from " + etc.confFile + ":2) is not a valid stack "
                        + "name: it ends with whitespace");
    }

    @Test
    void theDefaultIsCheckedEvenWhenItIsNotUsed() {
        // A start-up rule, not a selection rule: a bad default is a configuration error whatever the SRs.
        assertRejected("cluster-stack-root = " + root + "\ncluster-stack-default = .\n")
                .withMessageContaining("is not a valid stack name: it is \".\"");
    }

    @Test
    void aMissingRootIsRejected() {
        Path missing = tmp.resolve("nope");

        assertRejected("cluster-stack-root = " + missing + "\n")
                .withMessage("cluster-stack-root \"" + missing + "\" (from " + etc.confFile + ":1) does not exist");
    }

    @Test
    void aRootThatIsAFileIsRejected() throws IOException {
        Path file = Files.writeString(tmp.resolve("file"), "");

        assertRejected("cluster-stack-root = " + file + "\n")
                .withMessage("cluster-stack-root \"" + file + "\" (from " + etc.confFile + ":1) is not a directory");
    }

    @Test
    void aRootThatIsALinkToAFileIsRejectedAndALinkToADirectoryIsAccepted() throws IOException {
        Path toFile = Files.createSymbolicLink(tmp.resolve("to-file"), Files.writeString(tmp.resolve("f"), ""));
        Path toDir = Files.createSymbolicLink(tmp.resolve("to-dir"), root);

        assertRejected("cluster-stack-root = " + toFile + "\n").withMessageEndingWith("is not a directory");
        etc.conf("cluster-stack-root = " + toDir + "\n").read().validate();
    }

    @Test
    void aRelativeRootThatMatchedNothingIsRejected() {
        assertRejected("cluster-stack-root = \"stacks\"\n")
                .withMessage("cluster-stack-root \"stacks\" (from " + etc.confFile + ":1) "
                        + "is relative and matched nothing on the search path");
    }

    @Test
    void anEmptyRootWithNothingOnTheSearchPathIsRejected() {
        assertRejected("cluster-stack-root =\n")
                .withMessage("cluster-stack-root \"\" (from " + etc.confFile + ":1) "
                        + "is relative and matched nothing on the search path");
    }

    @Test
    void aRootFoundOnTheSearchPathIsNamedWithWhatWasWritten() throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path stacks = Files.writeString(bin.resolve("stacks"), "");
        XapiConf conf = etc.conf("cluster-stack-root = stacks\n").read(List.of(bin));

        assertThatThrownBy(conf::validate).hasMessage("cluster-stack-root \"" + stacks + "\" (written \"stacks\", from "
                + etc.confFile + ":1) is not a directory");
    }

    @Test
    void theBuiltInDefaultsNameTheirOrigin() {
        XapiConf missingDefaultRoot = new XapiConf(tmp.resolve("absent"), "xhad", XapiConf.defaults().origins());

        assertThatThrownBy(missingDefaultRoot::validate).isInstanceOf(HaException.class)
                .hasMessage("cluster-stack-root \"" + tmp.resolve("absent") + "\" (written \"/usr/libexec/xapi/"
                        + "cluster-stack\", from default) does not exist");
    }

    @Test
    void describeGivesOneLinePerKeyWithItsOrigin() {
        XapiConf conf = etc.conf("cluster-stack-root = " + root + "\n").read();

        assertThat(conf.describe()).containsExactly(
                "cluster-stack-root = \"" + root + "\" (from " + etc.confFile + ":1)",
                "cluster-stack-default = \"xhad\" (from default)");
    }
}
