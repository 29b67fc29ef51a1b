package org.xcp.clusterstack.tests;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.xcp.clusterstack.verify.StackConformanceTests;

/**
 * Verify's checks for a stack on real corosync, on three lab hosts (tests/lab/conformance-pool): each a network
 * and mount namespace with its own corosync, so a crashed host loses its corosync too (lab_crash). A subclass names
 * the stack.
 */
abstract class LabStackConformance extends StackConformanceTests {
    private LabConformancePool lab;

    /** The stack under test, as {@code cluster-stack install} names its directory. */
    abstract String stack();

    @Override
    protected Path installStack(Path scratch) {
        lab = LabConformancePool.up(stack(), hosts());
        return lab.stackDir(stack());
    }

    @Override
    protected String firstAddress() {
        return "10.77.0.1";
    }

    @Override
    protected Map<String, String> options(Path stackDir, Path scratch) {
        return lab.options();
    }

    @AfterAll
    void labDown() {
        if (lab != null) {
            lab.close();
        }
    }
}
