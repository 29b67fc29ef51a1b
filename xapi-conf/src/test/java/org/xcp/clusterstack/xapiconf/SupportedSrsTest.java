package org.xcp.clusterstack.xapiconf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** selector.md §7: the {@code ha_supported_srs} whitelist of a stack. */
class SupportedSrsTest {
    @TempDir
    Path tmp;

    InstalledStack stack;

    @BeforeEach
    void setUp() throws IOException {
        stack = new InstalledStack(StackName.XHAD, Files.createDirectories(tmp.resolve("xhad")));
    }

    private SupportedSrs withFile(String content) throws IOException {
        Files.writeString(stack.supportedSrsFile(), content);
        return stack.supportedSrs();
    }

    @Test
    void anAbsentFileIsNoConstraint() {
        SupportedSrs srs = stack.supportedSrs();

        assertThat(srs).isEqualTo(SupportedSrs.noConstraint());
        assertThat(srs.isConstrained()).isFalse();
        assertThat(srs.whitelist()).isEmpty();
        assertThat(srs.accepts("lvmoiscsi")).isTrue();
        assertThat(srs.accepts("")).isTrue();
    }

    @Test
    void anEmptyFileIsAnEmptyWhitelistThatAcceptsNothing() throws IOException {
        SupportedSrs srs = withFile("");

        assertThat(srs.whitelist()).contains(Set.of());
        assertThat(srs.isConstrained()).isTrue();
        assertThat(srs.accepts("lvmoiscsi")).isFalse();
        assertThat(srs).isNotEqualTo(SupportedSrs.noConstraint());
    }

    @Test
    void aWhitespaceOnlyFileIsAnEmptyWhitelistToo() throws IOException {
        assertThat(withFile(" \t\n\r\u000b\f\n").whitelist()).contains(Set.of());
    }

    @Test
    void tokensAreSplitOnAllSixAsciiWhitespaceCharacters() throws IOException {
        SupportedSrs srs = withFile("  lvmoiscsi\tnfs\r\nlvmohba\u000bgfs2\fext  \n");

        assertThat(srs.whitelist()).contains(Set.of("lvmoiscsi", "nfs", "lvmohba", "gfs2", "ext"));
    }

    @Test
    void otherUnicodeSpacesAreNotSeparators() throws IOException {
        assertThat(withFile("nfs\u00a0lvm nfs\u0085x").whitelist()).contains(Set.of("nfs\u00a0lvm", "nfs\u0085x"));
    }

    @Test
    void aHashIsPartOfATokenNotAComment() throws IOException {
        SupportedSrs srs = withFile("# gfs2 only\ngfs2#x\n");

        assertThat(srs.whitelist()).contains(Set.of("#", "gfs2", "only", "gfs2#x"));
        assertThat(srs.accepts("gfs2")).isTrue();
        assertThat(srs.accepts("#")).isTrue();
    }

    @Test
    void duplicatesAndOrderDoNotMatter() throws IOException {
        assertThat(withFile("nfs gfs2 nfs\nnfs")).isEqualTo(SupportedSrs.of(List.of("gfs2", "nfs")));
    }

    @Test
    void matchingIsExactAndCaseSensitive() throws IOException {
        SupportedSrs srs = withFile("lvmoiscsi\n");

        assertThat(srs.accepts("lvmoiscsi")).isTrue();
        assertThat(srs.accepts("LVMoISCSI")).isFalse();
        assertThat(srs.accepts("lvm")).isFalse();
        assertThat(srs.accepts("lvmoiscsi ")).isFalse();
    }

    @Test
    void aDirectoryNamedHaSupportedSrsIsNoConstraint() throws IOException {
        Files.createDirectories(stack.supportedSrsFile());
        Files.writeString(stack.supportedSrsFile().resolve("nfs"), "nfs");

        assertThat(stack.supportedSrs()).isEqualTo(SupportedSrs.noConstraint());
    }

    @Test
    void aLinkLoopIsUnreadableAndSoNoConstraint() throws IOException {
        Files.createSymbolicLink(stack.supportedSrsFile(), stack.supportedSrsFile());

        assertThat(stack.supportedSrs()).isEqualTo(SupportedSrs.noConstraint());
    }

    @Test
    void theFileIsReadAgainOnEveryCall() throws IOException {
        assertThat(stack.supportedSrs().isConstrained()).isFalse();
        assertThat(withFile("nfs").accepts("gfs2")).isFalse();
        assertThat(withFile("nfs gfs2").accepts("gfs2")).isTrue();
        Files.delete(stack.supportedSrsFile());
        assertThat(stack.supportedSrs().isConstrained()).isFalse();
    }

    @Test
    void malformedUtf8StaysInsideItsToken() throws IOException {
        Files.write(stack.supportedSrsFile(), new byte[] {'n', 'f', 's', ' ', (byte) 0xff, 'x', '\n', 'g'});

        assertThat(stack.supportedSrs().whitelist()).contains(Set.of("nfs", "\ufffdx", "g"));
    }

    @Test
    void aWhitelistBuiltInCodeMustHoldTokensAFileCouldHold() {
        assertThatIllegalArgumentException().isThrownBy(() -> SupportedSrs.of(List.of("nfs", "")))
                .withMessage("not an SR type token: \"\"");
        assertThatIllegalArgumentException().isThrownBy(() -> SupportedSrs.of(List.of("a b")));
        assertThat(new SupportedSrs(Optional.of(Set.of("b", "a"))).whitelist().orElseThrow())
                .containsExactly("a", "b");
    }
}
