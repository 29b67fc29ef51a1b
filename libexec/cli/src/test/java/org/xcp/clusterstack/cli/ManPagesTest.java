package org.xcp.clusterstack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaScript;
import org.xcp.clusterstack.api.config.Parameter;
import org.xcp.clusterstack.api.spi.SettingKey;
import org.xcp.clusterstack.api.spi.StackSettings;
import org.xcp.clusterstack.common.Providers;
import picocli.CommandLine;

/**
 * Man pages: section 8 for every command and every ha_* script, section 5 for xhad.conf and the stack settings
 * file, each generated from the code that knows its text, and each rendered by groff without a warning; one
 * paragraph per description element, so troff never runs two paragraphs into one line.
 */
class ManPagesTest {
    @TempDir
    Path dir;

    private static CommandLine root() {
        return CommandLines.create(new PrintWriter(Writer.nullWriter()), new PrintWriter(Writer.nullWriter()));
    }

    @Test
    void theTreeHasASection8PagePerCommandAndScriptAndSection5PagesForTheFiles() throws IOException {
        List<Path> pages = ManPages.write(root(), dir, "test");
        assertThat(dir.resolve("man8/cluster-stack.8")).isRegularFile();
        assertThat(dir.resolve("man8/cluster-stack-recover.8")).content().contains(".TH \"CLUSTER\\-STACK\\-RECOVER\" \"8\"");
        assertThat(dir.resolve("man8/cluster-stack-statefile-dump.8")).isRegularFile();
        assertThat(dir.resolve("man8/cluster-stack-man.8")).as("hidden").doesNotExist();
        for (HaScript script : HaScript.values()) {
            assertThat(dir.resolve("man8/" + script.fileName() + ".8")).as(script.fileName()).isRegularFile();
        }
        assertThat(dir.resolve("man5/xhad.conf.5")).content().contains(".TH \"XHAD.CONF\" \"5\"");
        assertThat(dir.resolve("man5/cluster-stack-settings.5")).isRegularFile();
        assertThat(dir.resolve("man1")).doesNotExist();
        assertThat(pages).allSatisfy(p -> assertThat(p).isRegularFile());
    }

    @Test
    void everyPageRendersWithoutAWarning() throws Exception {
        List<Path> pages = ManPages.write(root(), dir, "test");
        for (Path page : pages) {
            Process groff;
            try {
                groff = new ProcessBuilder("groff", "-man", "-Tutf8", "-ww", "-z", page.toString())
                        .redirectErrorStream(true).start();
            } catch (IOException e) {
                throw new AssertionError("groff is needed to check the man pages: bin/setup installs groff-base", e);
            }
            String said = new String(groff.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(groff.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(groff.exitValue()).as(page.toString()).isZero();
            assertThat(said).as("groff's warnings for %s", page).isEmpty();
        }
    }

    @Test
    void aScriptsPageHasItsArgumentsAndEveryExitCodeOfHaScript() throws IOException {
        ManPages.write(root(), dir, "test");
        String page = Files.readString(dir.resolve("man8/ha_set_pool_state.8"));
        assertThat(page).contains(ManPages.escape(HaScript.SET_POOL_STATE.arguments()));
        for (ExitCode code : HaScript.SET_POOL_STATE.exits()) {
            assertThat(page).contains(".TP\n" + code.number() + "\n" + ManPages.escape(code.xhadName()));
        }
        assertThat(page).doesNotContain(ManPages.escape(ExitCode.DAEMON_IS_NOT_PRESENT.xhadName()));
    }

    @Test
    void theFilePagesListEveryParameterAndEverySettingTheStacksAccept() throws IOException {
        ManPages.write(root(), dir, "test");
        String conf = Files.readString(dir.resolve("man5/xhad.conf.5"));
        for (Parameter p : Parameter.values()) {
            assertThat(conf).contains("\\fB" + p.element() + "\\fR (" + p.symbol() + ")");
        }
        String settings = Files.readString(dir.resolve("man5/cluster-stack-settings.5"));
        List<SettingKey> keys = new ArrayList<>(StackSettings.DAEMON_SETTINGS);
        Providers.all().forEach(p -> keys.addAll(p.settingKeys()));
        assertThat(keys).extracting(SettingKey::name).contains("heartbeat-key", "corosync.poll_ms", "o2cb.cluster",
                "melio.fence_window_ms", "ocfs2.cluster_stack", StackSettings.LOG_LEVEL);
        for (SettingKey k : keys) {
            assertThat(settings).contains("\\fB" + ManPages.escape(k.name()) + "\\fR");
        }
        assertThat(StackSettings.DAEMON_KEYS).isEqualTo(SettingKey.names(StackSettings.DAEMON_SETTINGS));
    }

    @Test
    void eachDescriptionElementIsAParagraphAndATableStaysAsWritten() {
        StringBuilder page = new StringBuilder();
        ManPages.paragraphs(page, new String[] {"First paragraph, one sentence.", "Second paragraph.", "",
            "Fault points:", "  sf.ioerror   fail every statefile read", "  sf.slow      delay every cycle",
            "A closing paragraph."});
        assertThat(page.toString()).isEqualTo("""
                .PP
                First paragraph, one sentence.
                .PP
                Second paragraph.
                .PP
                Fault points:
                .PP
                .nf
                  sf.ioerror   fail every statefile read
                  sf.slow      delay every cycle
                .fi
                .PP
                A closing paragraph.
                """);
    }

    @Test
    void everyCommandsPageHasANameLineAndNoDescriptionParagraphBrokenMidSentence() {
        CommandLine root = root();
        List<CommandLine> all = new ArrayList<>();
        collect(root, all);
        assertThat(all).hasSizeGreaterThan(15);
        for (CommandLine cmd : all) {
            String name = cmd.getCommandSpec().qualifiedName("-");
            assertThat(ManPages.page(cmd, name, "test")).as(name)
                    .contains(".SH NAME\n" + ManPages.escape(name) + " \\- ");
            String[] description = cmd.getCommandSpec().usageMessage().description();
            assertThat(description).as("%s has a description", name).isNotEmpty();
            for (String element : description) {
                if (!element.isBlank() && !element.startsWith(" ")) {
                    assertThat(element.strip()).as("%s: a paragraph ends a sentence: '%s'", name, element)
                            .matches("(?s).*[.:?)]$");
                }
            }
        }
    }

    private static void collect(CommandLine cmd, List<CommandLine> into) {
        into.add(cmd);
        cmd.getSubcommands().values().forEach(sub -> collect(sub, into));
    }
}
