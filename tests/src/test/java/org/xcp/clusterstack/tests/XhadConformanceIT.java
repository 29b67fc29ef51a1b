package org.xcp.clusterstack.tests;

/** The {@code xhad} stack passes verify's checks (3 hosts on 127.0.4.11-13). */
class XhadConformanceIT extends StackConformanceTests {
    @Override
    protected String stack() {
        return "xhad";
    }

    @Override
    protected String firstAddress() {
        return "127.0.4.11";
    }
}
