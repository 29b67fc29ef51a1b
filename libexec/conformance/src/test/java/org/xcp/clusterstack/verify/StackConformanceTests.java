package org.xcp.clusterstack.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cluster-stack verify}'s checks as a JUnit suite, written once and published in this module's test-jar
 * ({@code cluster-stack-conformance}, type {@code test-jar}), so that a stack's own build can run it: a tiny
 * subclass installs the stack (its package, or {@code cluster-stack install}) and names its directory and its
 * private pool's first address. The lifecycle runs once; each test is one group of checks. The failure
 * groups need at least 3 hosts (a dead master leaves two survivors, one of which then loses the statefile).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class StackConformanceTests {
    private VerifyReport report;

    /**
     * Installs the stack under test in {@code scratch} (empty, removed afterwards) and returns its directory,
     * {@code <root>/<stack>/}, holding the eight {@code ha_*} scripts.
     */
    protected abstract Path installStack(Path scratch) throws IOException;

    /** The private pool's first heartbeat address (each suite its own, so suites may run side by side). */
    protected abstract String firstAddress();

    protected int hosts() {
        return 3;
    }

    /**
     * verify's {@code -o} settings besides the address: a stack whose hosts are not this machine's processes
     * names how to reach them here ({@code host-exec}, {@code host-crash}, {@code run-base}, {@code host-ids},
     * {@code settings}; see {@link VerifyOptions#KEYS}).
     */
    protected Map<String, String> options(Path stackDir, Path scratch) throws IOException {
        return Map.of();
    }

    @BeforeAll
    void installAndVerify(@TempDir Path scratch) throws IOException {
        Path dir = installStack(scratch);
        Map<String, String> options = new java.util.LinkedHashMap<>(options(dir, scratch));
        options.putIfAbsent("address", firstAddress());
        report = StackVerifier.verify(dir, VerifyOptions.of(hosts(), options), c -> { });
    }

    @Test
    void manifestScriptsAndSupportedSrs() {
        passes(Check.Group.STATIC);
    }

    @Test
    void answersWithNoDaemon() {
        passes(Check.Group.NO_DAEMON);
    }

    @Test
    void initStartOnEveryHostAndASecondStartIs15() {
        passes(Check.Group.START);
    }

    @Test
    void theLivesetParsesAsXapiParsesItAndListsEveryHost() {
        passes(Check.Group.LIVESET);
        assertThat(report.checks().stream().filter(c -> c.group() == Check.Group.LIVESET)).hasSize(hosts());
    }

    @Test
    void proposeMasterOnEveryHostGivesExactlyOneTrue() {
        passes(Check.Group.MASTER);
    }

    @Test
    void disarmStopExcludedAndASecondStop() {
        passes(Check.Group.SHUTDOWN);
    }

    @Test
    void aHostStartedAloneUnderInitSaysStartingAnswersProposeWith17AndNeverGoesOnline() {
        passes(Check.Group.STARTING);
    }

    @Test
    void setExcludedEndsARunningDaemonAndAnExcludedHostAloneCannotStart() {
        passes(Check.Group.EXCLUDED);
    }

    @Test
    void aNewStatefileVersionOrGenerationEndsTheDaemonsAndAStartIs9Or10() {
        passes(Check.Group.STATEFILE_CHANGE);
    }

    @Test
    void aDeadMasterIsDroppedWithinTheStacksWindowStillMasterAndOneSurvivorBecomesMaster() {
        passes(Check.Group.FAILOVER);
    }

    @Test
    void aSlaveThatLosesTheStatefileStillShowsTheLiveMasterOrIsFenced() {
        passes(Check.Group.STATEFILE_LOSS);
    }

    @Test
    void initWrittenUnderRunningDaemonsEndsThem() {
        passes(Check.Group.POOL_STATE);
    }

    @Test
    void aMissingAndAMalformedConfigAre6And7() {
        passes(Check.Group.CONFIG);
    }

    @Test
    void theWholeReportSaysPassedAllTests() {
        assertThat(report.summary()).isEqualTo("passed all tests");
    }

    private void passes(Check.Group group) {
        assertThat(report.checks()).as("checks of %s ran", group).anyMatch(c -> c.group() == group);
        assertThat(report.failures(group)).as(group.name()).isEmpty();
    }

    /** Every check, for a failing test's message. */
    protected final VerifyReport report() {
        return report;
    }
}
