package org.xcp.clusterstack.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cluster-stack verify --hosts 3} as a packager runs it on the xhad stack we ship: xapi's normal life on
 * three hosts (every group on three hosts is {@link XhadConformanceIT}'s). A class of its own, beside {@link
 * VerifyIT}'s one-host run, so that the two pools wait out their timeouts at the same time.
 */
class VerifyThreeHostsIT {
    @TempDir
    Path base;

    @Test
    void theXhadStackPassesXapisNormalLifeOnThreeHosts() {
        InstalledStack xhad = InstalledStack.install(base, "xhad");

        Cli.Result three = Cli.runWithin(VerifyIT.VERIFY_BOUND_S, "verify", xhad.dir, "--hosts", "3", "-o", "address=127.0.4.61", "-o", VerifyIT.LIFECYCLE)
                .succeeded();

        assertThat(three.stdout()).isEqualTo("Testing stack xhad in " + xhad.dir
                + " (3 hosts on 127.0.4.61-127.0.4.63, T = 10 s)\npassed all tests\n");
    }
}
