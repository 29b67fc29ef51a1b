package org.xcp.clusterstack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Man pages: one paragraph per description element, so troff never runs two paragraphs into one line. */
class ManPagesTest {
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
        CommandLine root = CommandLines.create(new PrintWriter(Writer.nullWriter()), new PrintWriter(Writer.nullWriter()));
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
