package org.xcp.clusterstack.tests;

/** The {@code corosync} stack passes verify's checks on three lab hosts, each with its own real corosync. */
class CorosyncConformanceIT extends LabStackConformance {
    @Override
    String stack() {
        return "corosync";
    }
}
