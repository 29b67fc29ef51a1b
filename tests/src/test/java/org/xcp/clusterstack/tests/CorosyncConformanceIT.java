package org.xcp.clusterstack.tests;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.xcp.clusterstack.verify.StackConformanceTests;

/**
 * The {@code corosync} stack passes verify's checks on three lab hosts (tests/lab/conformance-pool), each a network
 * and mount namespace with its own real corosync; a crashed host loses its corosync too (lab_crash).
 */
class CorosyncConformanceIT extends StackConformanceTests {
    private LabConformancePool lab;

    @Override
    protected Path installStack(Path scratch) {
        lab = LabConformancePool.up("corosync", hosts());
        return lab.stackDir("corosync");
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
