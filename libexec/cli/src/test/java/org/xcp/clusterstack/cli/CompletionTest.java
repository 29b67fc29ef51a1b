package org.xcp.clusterstack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bash completion script {@code cluster-stack completion} prints, sourced in a real bash and asked as bash asks
 * it ({@code COMP_WORDS}, {@code COMP_CWORD}, then {@code COMPREPLY}): subcommands, a subcommand's subcommands and
 * a command's options complete.
 */
class CompletionTest {
    @TempDir
    Path dir;

    private List<String> complete(String... words) throws Exception {
        StringWriter out = new StringWriter();
        int status = CommandLines.create(new PrintWriter(out), new PrintWriter(Writer.nullWriter()))
                .execute("completion");
        assertThat(status).isZero();
        Path script = Files.writeString(dir.resolve("cluster-stack"), out.toString());
        StringBuilder array = new StringBuilder();
        for (String w : words) {
            array.append(" '").append(w).append('\'');
        }
        String probe = "source " + script + "\nCOMP_WORDS=(" + array + ")\nCOMP_CWORD=" + (words.length - 1)
                + "\nCOMP_LINE=\"${COMP_WORDS[*]}\"\nCOMP_POINT=${#COMP_LINE}\n_complete_cluster-stack\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        // outside an interactive completion, bash's compopt complains on stderr; COMPREPLY is what counts
        Process bash = new ProcessBuilder("bash", "--norc", "--noprofile", "-c", probe)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String said = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(bash.exitValue()).as(said).isZero();
        return said.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    @Test
    void aSubcommandCompletesFromItsFirstLetters() throws Exception {
        assertThat(complete("cluster-stack", "re")).containsExactly("recover");
        assertThat(complete("cluster-stack", "sta")).containsExactlyInAnyOrder("stacks", "statefile", "status");
    }

    @Test
    void aSubcommandsOwnSubcommandsComplete() throws Exception {
        assertThat(complete("cluster-stack", "statefile", "")).contains("dump", "init");
    }

    @Test
    void aCommandsOptionsComplete() throws Exception {
        assertThat(complete("cluster-stack", "recover", "--co")).containsExactlyInAnyOrder("--config", "--confirm");
        assertThat(complete("cluster-stack", "why-fenced", "--j")).containsExactly("--json");
    }
}
