package org.xcp.clusterstack.recover;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcp.clusterstack.api.journal.EventKind;
import org.xcp.clusterstack.cli.CommandLines;
import org.xcp.clusterstack.events.JournalReader;

/**
 * {@code cluster-stack recover} as a person or a script runs it: exit 2 with the fix and how to apply it until it
 * is confirmed, exit 1 for a confirmation that is not the diagnosis (nothing changes), 0 once applied (and the
 * journal says so), 1 with what to collect when it cannot diagnose, and the versioned JSON object.
 */
class RecoverCommandTest {
    @TempDir
    Path dir;

    record Run(int status, String out, String err) {
        JsonNode json() throws Exception {
            return new ObjectMapper().readTree(out);
        }
    }

    private Run recover(HostLayout host, String... more) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> args = new ArrayList<>(List.of("recover", "-C", host.configFile.toString(), "--run-dir",
                dir.resolve("run").toString(), "--log-base", dir.resolve("log").toString()));
        args.addAll(List.of(more));
        int status = CommandLines.create(new PrintWriter(out), new PrintWriter(err)).execute(args.toArray(String[]::new));
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void aDiagnosisIsNotAppliedWithoutConfirmationNorWithAnotherCodeAndIsWithTheRightOne() throws Exception {
        HostLayout host = new HostLayout(dir).statefile(HostLayout.active()).pidFile("999999999");

        Run shown = recover(host);
        assertThat(shown.status()).isEqualTo(2);
        assertThat(shown.out()).contains("diagnosis  stale-pid: the pid file names a process that is not this host's"
                + " daemon").contains("to apply   cluster-stack recover --confirm stale-pid");
        assertThat(host.runDir.pidFile()).exists();

        Run wrong = recover(host, "--confirm", "stale-lock");
        assertThat(wrong.status()).isEqualTo(1);
        assertThat(wrong.err()).isEqualTo("cluster-stack: the confirmation 'stale-lock' is not the diagnosis stale-pid:"
                + " nothing was changed" + System.lineSeparator());
        assertThat(host.runDir.pidFile()).exists();

        Run applied = recover(host, "--confirm", "stale-pid", "--json");
        assertThat(applied.status()).isEqualTo(0);
        JsonNode json = applied.json();
        assertThat(json.get("schema").asText()).isEqualTo("cluster-stack/recover");
        assertThat(json.get("version").asInt()).isEqualTo(1);
        assertThat(json.get("diagnosis").asText()).isEqualTo("stale-pid");
        assertThat(json.get("applied").asBoolean()).isTrue();
        assertThat(json.get("evidence").get(0).get("fact").asText()).isEqualTo("pid file: 999999999");
        assertThat(json.get("fix").asText()).startsWith("remove the pid file");
        assertThat(host.runDir.pidFile()).doesNotExist();
        assertThat(JournalReader.read(host.logDir.journal()).entries()).singleElement()
                .satisfies(e -> assertThat(e.is(EventKind.RECOVERY)).isTrue());

        Run again = recover(host, "--json");
        assertThat(again.status()).isEqualTo(0);
        assertThat(again.json().get("diagnosis").isNull()).isTrue();
        assertThat(recover(host, "--confirm", "stale-pid").status()).isEqualTo(1);
    }

    @Test
    void anAdvisoryFixIsNeverAppliedEvenConfirmed() throws Exception {
        HostLayout host = new HostLayout(dir).statefile(HostLayout.active()).startReport("13 host 1 does not hear it");
        Run run = recover(host, "--confirm", "cannot-join", "--json");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.json().get("applied").asBoolean()).isFalse();
        assertThat(run.json().get("fix_applicable").asBoolean()).isFalse();
        assertThat(run.json().get("exit_code").asInt()).isEqualTo(13);
    }

    @Test
    void whatItCannotDiagnoseIsExit1WithWhatToCollect() {
        HostLayout host = new HostLayout(dir).statefile(HostLayout.active()).journalRun(12);
        Run run = recover(host);
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).contains("diagnosis  unknown:").contains("collect").contains("daemon.log");
        assertThat(run.err()).startsWith("cluster-stack: cannot diagnose: the daemon's last run ended with"
                + " MTC_EXIT_BOOTJOIN_TIMEOUT (12)").doesNotContain("\tat ");
    }

    @Test
    void aMissingConfigIsOneLineAndExit6() {
        StringWriter err = new StringWriter();
        int status = CommandLines.create(new PrintWriter(new StringWriter()), new PrintWriter(err)).execute("recover",
                "-C", dir.resolve("absent.conf").toString(), "--run-dir", dir.resolve("run").toString());
        assertThat(status).isEqualTo(6);
        assertThat(err.toString().lines()).hasSize(1);
    }
}
