package org.xcp.clusterstack.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcp.clusterstack.cli.JournalCommands.hostDir;
import static org.xcp.clusterstack.cli.JournalCommands.pool;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cluster-stack events}: every host's journal merged in time order, one line per event (its evidence below
 * with -v), filtered by time, host and stack, the lines as written with --json, and a torn line skipped with a
 * warning that names it. Exit 0, or 1 in one line.
 */
class EventsCommandTest {
    private static final String H0 = "772c21cf-451b-4ca7-93ae-87327ea1aa9b";
    private static final String H2 = "a7be0871-1a52-4ad2-b592-686e919ce993";

    @TempDir
    Path dir;

    private final JournalCommands cli = new JournalCommands();

    private List<String> out() {
        return cli.out.toString().lines().toList();
    }

    @Test
    void theHostsLinesAreMergedInTimeOrderOneLinePerEvent() {
        assertThat(cli.run("events", "--log-base", pool("self-fence").toString())).isEqualTo(0);

        List<String> lines = out();
        assertThat(lines).as("8 lines of each survivor, 11 of host 2's two runs").hasSize(27);
        assertThat(lines.get(0)).isEqualTo("2026-12-07T09:00:00.000Z 0(772c21cf)  xhad     daemon-started    daemon"
                + " started: stack xhad, config /etc/xensource/xhad.conf, WatchdogMode HYPERVISOR, pid 4100");
        assertThat(lines).contains("2026-12-07T09:20:05.004Z 2(a7be0871)  xhad     self-fence        this host lost"
                + " the survival rule: neither SR-1, nor the largest partition, nor SR-2 holds for its side");
        assertThat(lines).isSortedAccordingTo((a, b) -> a.substring(0, 24).compareTo(b.substring(0, 24)));
        assertThat(cli.err.toString()).isEmpty();
    }

    @Test
    void withVTheEvidenceIsShownBelowEachLineInTheOrderItWasWritten() {
        assertThat(cli.run("events", "-v", "--host", "2", "--since", "2026-12-07T09:20:05Z", "--log-base",
                hostDir("self-fence", H2))).isEqualTo(0);

        List<String> lines = out();
        int fence = lines.indexOf(lines.stream().filter(l -> l.contains(" self-fence ")).findFirst().orElseThrow());
        assertThat(lines.subList(fence + 1, fence + 11)).containsExactly("    verdict=LOSE", "    survives=false",
                "    liveset=[0,1,2]", "    hbdomain=[2]", "    sfdomain=[0,1,2]", "    without_statefile=[]",
                "    excluded=false", "    statefile_access=true", "    armed=true",
                "    reported={\"0\":{\"hbdomain\":[0,1],\"sfdomain\":[0,1,2]},\"1\":{\"hbdomain\":[0,1],"
                        + "\"sfdomain\":[0,1,2]}}");
    }

    @Test
    void sinceHostAndStackChooseTheLines() {
        assertThat(cli.run("events", "--since", "2026-12-07T09:20:00Z", "--host", H0, "--log-base",
                pool("self-fence").toString())).isEqualTo(0);

        assertThat(out()).extracting(l -> l.substring(25, 36) + l.substring(46, 63).strip()).containsExactly(
                "0(772c21cf)survival-rule", "0(772c21cf)fence-requested", "0(772c21cf)host-dropped",
                "0(772c21cf)host-joined");

        JournalCommands other = new JournalCommands();
        assertThat(other.run("events", "--stack", "corosync", "--log-base", pool("self-fence").toString()))
                .isEqualTo(0);
        assertThat(other.out.toString()).isEmpty();
    }

    @Test
    void jsonPrintsTheLinesAsWritten() throws Exception {
        Path journal = Path.of(hostDir("hung", H2), "events.jsonl");

        assertThat(cli.run("events", "--json", "--log-base", journal.getParent().toString())).isEqualTo(0);

        assertThat(out()).isEqualTo(Files.readAllLines(journal));
    }

    @Test
    void aTornLineIsSkippedWithAWarningNamingItsFileAndLineAndTheRestIsShown() {
        Path journal = Path.of(hostDir("killed", H2), "events.jsonl");

        assertThat(cli.run("events", "--host", "2", "--log-base", pool("killed").toString())).isEqualTo(0);

        assertThat(out()).hasSize(9);
        List<String> warnings = cli.err.toString().lines().toList();
        assertThat(warnings).hasSize(2);
        assertThat(warnings.get(0)).startsWith("cluster-stack: warning: " + journal + ":6: not a journal line (not"
                + " JSON: Unexpected end-of-input").endsWith("): skipped");
        assertThat(warnings.get(1)).isEqualTo("cluster-stack: warning: 1 line that is not a journal line was skipped");
    }

    @Test
    void severalBasesAreOnePoolAndAJournalFoundTwiceIsReadOnce() {
        List<String> args = new ArrayList<>(List.of("events", "--json"));
        for (String h : List.of(H0, "91419cea-2994-4e24-a74e-7ef331ca6358", H2)) {
            args.addAll(List.of("--log-base", hostDir("clean-stop", h)));
        }
        args.addAll(List.of("--log-base", pool("clean-stop").toString()));

        assertThat(cli.run(args.toArray(String[]::new))).isEqualTo(0);

        assertThat(out()).as("7 lines of each survivor, 6 of host 2").hasSize(20).doesNotHaveDuplicates();
    }

    @Test
    void badArgumentsAndMissingJournalsAreExit1InOneLine() {
        assertThat(cli.run("events", "--since", "yesterday", "--log-base", pool("hung").toString())).isEqualTo(1);
        assertThat(cli.err.toString()).isEqualTo("cluster-stack: --since yesterday: neither an ISO-8601 instant"
                + " (2026-12-07T04:50:00Z) nor an age (10m, 2h, 1d)\n");

        JournalCommands missing = new JournalCommands();
        assertThat(missing.run("events", "--log-base", dir.resolve("nowhere").toString())).isEqualTo(1);
        assertThat(missing.err.toString()).isEqualTo("cluster-stack: " + dir.resolve("nowhere")
                + ": no such log directory\n");

        JournalCommands empty = new JournalCommands();
        assertThat(empty.run("events", "--log-base", dir.toString())).isEqualTo(1);
        assertThat(empty.err.toString()).startsWith("cluster-stack: no event journal under " + dir + " (")
                .hasLineCount(1);
    }
}
