package org.xcp.clusterstack.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cluster-stack verify} fails a stack whose survivors never notice a dead host (issue 15): its own class, so
 * that its wait through the failover window runs beside VerifyIT's other cases (the verify execution runs each
 * class in its own JVM, all at once), on addresses of its own (127.0.4.31-33).
 */
class VerifyFailoverIT {
    @TempDir
    Path base;

    /**
     * A stack whose survivors never notice a dead host (its liveset says every host is live, whatever the daemon
     * knows) fails: verify crashes the master and waits no longer than the manifest's failover window (xhad's:
     * 1.05 T + 25 s, 35.5 s at T = 10) and a few seconds.
     */
    @Test
    void aStackThatNeverNoticesADeadHostFailsAtTheEndOfItsFailoverWindow() throws Exception {
        InstalledStack xhad = InstalledStack.install(base, "xhad");
        VerifyIT.wrap(xhad.dir, "ha_query_liveset", "out=$(\"$0.real\" \"$@\"); rc=$?; [ -n \"$out\" ] &&"
                + " printf '%s\\n' \"$out\" | sed 's/<liveness>FALSE/<liveness>TRUE/'; exit $rc");

        Cli.Result r = Cli.runWithin(120, "verify", xhad.dir, "--hosts", "3", "-o", "address=127.0.4.31", "-o",
                "checks=failover");

        assertThat(r.status()).as(r.stdout() + r.stderr()).isEqualTo(1);
        // whichever host won the lock (all three propose at once) is the master verify crashes
        String sentence = "host [012] \\(127\\.0\\.4\\.3[123]\\) still showed master host [012]"
                + " \\(127\\.0\\.4\\.3[123]\\) live"
                + " (3[6-9]|4[0-9])\\.\\d s after it stopped answering; the stack's window ends at 35\\.5 s"
                + " \\(1\\.05 T \\+ 25 s, manifest failover\\), and xapi never restarts its VMs while it is live";
        assertThat(r.stdout().lines().filter(l -> l.matches(sentence))).as(r.stdout()).hasSize(2);
        assertThat(r.stdout()).endsWith("\nfailed 2 tests\n");
    }
}
