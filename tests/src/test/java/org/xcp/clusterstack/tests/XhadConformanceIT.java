package org.xcp.clusterstack.tests;

import java.nio.file.Path;
import org.xcp.clusterstack.verify.StackConformanceTests;

/** The {@code xhad} stack, as {@code cluster-stack install} lays it out, passes verify's checks (3 hosts on 127.0.4.11-13). */
class XhadConformanceIT extends StackConformanceTests {
    @Override
    protected Path installStack(Path scratch) {
        return InstalledStack.install(scratch, "xhad").dir;
    }

    @Override
    protected String firstAddress() {
        return "127.0.4.11";
    }
}
