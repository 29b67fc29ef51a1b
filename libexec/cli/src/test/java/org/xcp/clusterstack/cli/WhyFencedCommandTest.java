package org.xcp.clusterstack.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcp.clusterstack.cli.JournalCommands.pool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.config.DaemonConfigWriter;

/**
 * {@code cluster-stack why-fenced}: exit 0 with the fence and its reason, 2 when the journals show no fence, 1 for an
 * error, in one line; this host from the config when no host is named; the JSON of docs/events.md.
 */
class WhyFencedCommandTest {
    private static final HaUuid H0 = HaUuid.parse("772c21cf-451b-4ca7-93ae-87327ea1aa9b");
    private static final HaUuid H1 = HaUuid.parse("91419cea-2994-4e24-a74e-7ef331ca6358");
    private static final HaUuid H2 = HaUuid.parse("a7be0871-1a52-4ad2-b592-686e919ce993");

    @TempDir
    Path dir;

    private final JournalCommands cli = new JournalCommands();

    /** An xhad.conf of the fixtures' pool, as host {@code local} has it. */
    private Path config(HaUuid local) throws Exception {
        DaemonConfig config = DaemonConfig.builder().generation(HaUuid.parse("6d2f0b3c-0000-4000-8000-000000000001"))
                .host(H0, "10.0.0.1").host(H1, "10.0.0.2").host(H2, "10.0.0.3").heartbeatInterface("xenbr0")
                .stateFile(Path.of("/dev/sdx")).build(local);
        return DaemonConfigWriter.write(config, dir.resolve("xhad.conf"));
    }

    @Test
    void aSelfFenceIsExit0WithItsReasonItsEvidenceWhatCameBeforeAndThePeersView() {
        assertThat(cli.run("why-fenced", "2", "--last", "2", "--log-base", pool("self-fence").toString()))
                .isEqualTo(0);

        assertThat(cli.out.toString()).startsWith("""
                host 2 (a7be0871-1a52-4ad2-b592-686e919ce993): fenced itself at 2026-12-07T09:20:05.004Z
                  why: self-fence: this host lost the survival rule: neither SR-1, nor the largest partition, nor SR-2\
                 holds for its side
                    verdict=LOSE
                    survives=false
                """).contains("""
                  before that, its last 2 records:
                    2026-12-07T09:20:00.000Z statefile-access: statefile access regained
                    2026-12-07T09:20:05.000Z survival-rule: this host's side loses: neither SR-1, nor the largest\
                 partition, nor SR-2 holds for its side
                  its peers:
                    host 0(772c21cf) dropped it at 2026-12-07T09:20:25.200Z: host 2 left the liveset: no heartbeat for\
                 30.3 s, no statefile write for 20.1 s; this side LARGEST_PARTITION survived without it, and its\
                 watchdog has surely fired
                      host=2
                      liveset=[0,1]
                      no_heartbeat_ms=30300
                """).contains("    host 1(91419cea) dropped it at 2026-12-07T09:20:25.210Z: ");
        assertThat(cli.err.toString()).isEmpty();
    }

    @Test
    void withoutAHostItAsksAboutThisHostAsTheConfigNamesIt() throws Exception {
        assertThat(cli.run("why-fenced", "-C", config(H2).toString(), "--log-base", pool("hung").toString()))
                .isEqualTo(0);

        assertThat(cli.out.toString()).startsWith("host 2 (a7be0871-1a52-4ad2-b592-686e919ce993): its watchdog fired"
                + " at 2026-12-07T09:20:30.000Z\n  why: watchdog-fired: user watchdog: no pet for 30 s while the daemon"
                + " (pid 4300) still runs: it hung; killing its process group\n");
    }

    @Test
    void aDaemonThatStoppedRecordingWhileArmedWasFencedByItsWatchdog() {
        assertThat(cli.run("why-fenced", H2.dashed(), "--log-base", pool("killed").toString())).isEqualTo(0);

        assertThat(cli.out.toString()).startsWith("host 2 (a7be0871-1a52-4ad2-b592-686e919ce993): fenced: its daemon"
                + " stopped recording at 2026-12-07T09:20:00.000Z while armed, with no daemon-ended record, so it died"
                + " or hung and its watchdog reset the host\n  before that, its last 5 records:\n");
        assertThat(cli.err.toString()).contains(":6: not a journal line (").hasLineCount(2);
    }

    @Test
    void aCleanStopIsExit2() {
        assertThat(cli.run("why-fenced", "2", "--log-base", pool("clean-stop").toString())).isEqualTo(2);

        assertThat(cli.out.toString()).startsWith("host 2 (a7be0871-1a52-4ad2-b592-686e919ce993): not fenced: its"
                + " daemon ended cleanly at 2026-12-07T09:20:01.500Z\n  why: daemon-ended: daemon ended with"
                + " MTC_EXIT_SUCCESS (0): stopped cleanly\n");
    }

    @Test
    void aHostOnlyItsPeersRecordedIsAnsweredByIndexOrThroughTheConfig() throws Exception {
        assertThat(cli.run("why-fenced", "2", "--log-base", pool("crashed").toString())).isEqualTo(0);
        assertThat(cli.out.toString()).startsWith("host 2: dropped by its peers from 2026-12-07T09:20:50.300Z (its own"
                + " journal was not among those read: pass its log directory with --log-base to see why it fenced)\n");

        JournalCommands byUuid = new JournalCommands();
        assertThat(byUuid.run("why-fenced", H2.dashed(), "-C", config(H0).toString(), "--log-base",
                pool("crashed").toString())).isEqualTo(0);
        assertThat(byUuid.out.toString()).startsWith("host 2 (a7be0871-1a52-4ad2-b592-686e919ce993): dropped by");
    }

    @Test
    void errorsAreExit1InOneLine() {
        assertThat(cli.run("why-fenced", H2.dashed(), "-C", dir.resolve("none.conf").toString(), "--log-base",
                pool("crashed").toString())).isEqualTo(1);
        assertThat(cli.err.toString()).isEqualTo("cluster-stack: no journal line of host"
                + " a7be0871-1a52-4ad2-b592-686e919ce993 was read, and its peers name hosts by index: give its index,"
                + " or the config (-C) that lists it\n");

        JournalCommands noConfig = new JournalCommands();
        assertThat(noConfig.run("why-fenced", "-C", dir.resolve("none.conf").toString(), "--log-base",
                pool("crashed").toString())).isEqualTo(1);
        assertThat(noConfig.err.toString()).endsWith("(name the host: why-fenced HOST)\n").hasLineCount(1);

        JournalCommands badHost = new JournalCommands();
        assertThat(badHost.run("why-fenced", "host-two", "--log-base", pool("crashed").toString())).isEqualTo(1);
        assertThat(badHost.err.toString()).isEqualTo("cluster-stack: host host-two: neither a host index (0..63) nor"
                + " a host UUID\n");
    }

    @Test
    void jsonHasTheVerdictTheRecordsAsWrittenAndEachPeer() throws Exception {
        assertThat(cli.run("why-fenced", "2", "--json", "--last", "1", "--log-base", pool("self-fence").toString()))
                .isEqualTo(0);

        JsonNode json = new ObjectMapper().readTree(cli.out.toString());
        assertThat(iterator(json.fieldNames())).containsExactly("host", "fenced", "verdict", "time", "summary",
                "record", "then", "before", "peers", "journals");
        assertThat(json.at("/host/index").asInt()).isEqualTo(2);
        assertThat(json.at("/host/uuid").asText()).isEqualTo(H2.dashed());
        assertThat(json.get("fenced").asBoolean()).isTrue();
        assertThat(json.get("verdict").asText()).isEqualTo("self-fence");
        assertThat(json.get("time").asText()).isEqualTo("2026-12-07T09:20:05.004Z");
        assertThat(json.at("/record/kind").asText()).isEqualTo("self-fence");
        assertThat(json.at("/record/evidence/verdict").asText()).isEqualTo("LOSE");
        assertThat(json.get("before")).hasSize(1);
        assertThat(json.at("/before/0/kind").asText()).isEqualTo("survival-rule");
        assertThat(json.get("peers")).hasSize(2);
        assertThat(json.at("/peers/1/host/index").asInt()).isEqualTo(1);
        assertThat(json.at("/peers/1/dropped/evidence/host").asInt()).isEqualTo(2);
        assertThat(json.get("journals")).hasSize(3);
    }

    private static List<String> iterator(java.util.Iterator<String> names) {
        List<String> all = new java.util.ArrayList<>();
        names.forEachRemaining(all::add);
        return all;
    }
}
