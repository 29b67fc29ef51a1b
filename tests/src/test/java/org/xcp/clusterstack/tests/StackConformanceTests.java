package org.xcp.clusterstack.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.xcp.clusterstack.verify.Check;
import org.xcp.clusterstack.verify.StackVerifier;
import org.xcp.clusterstack.verify.VerifyOptions;
import org.xcp.clusterstack.verify.VerifyReport;

/**
 * {@code cluster-stack verify}'s checks as a JUnit suite, written once: a stack we ship passes it through a
 * tiny {@code <Stack>ConformanceIT} that names the stack and its private pool's first address. The stack is
 * installed by {@code cluster-stack install} and its lifecycle run once; each test is one group of checks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StackConformanceTests {
    private Path base;
    private VerifyReport report;

    /** The stack's directory name under the root. */
    protected abstract String stack();

    /** The private pool's first heartbeat address (each suite its own, so suites may run side by side). */
    protected abstract String firstAddress();

    protected int hosts() {
        return 3;
    }

    @BeforeAll
    void installAndVerify() throws IOException {
        base = Files.createTempDirectory("conformance");
        InstalledStack installed = InstalledStack.install(base, stack());
        report = StackVerifier.verify(installed.dir, VerifyOptions.of(hosts(), Map.of("address", firstAddress())),
                c -> { });
    }

    @AfterAll
    void remove() throws IOException {
        try (var files = Files.walk(base)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
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
