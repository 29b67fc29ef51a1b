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
 * private pool's first address. The lifecycle runs once; each test is one group of checks.
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

    @BeforeAll
    void installAndVerify(@TempDir Path scratch) throws IOException {
        report = StackVerifier.verify(installStack(scratch), VerifyOptions.of(hosts(), Map.of("address",
                firstAddress())), c -> { });
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
}
