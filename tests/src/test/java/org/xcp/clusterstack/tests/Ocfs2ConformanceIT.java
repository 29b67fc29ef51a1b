package org.xcp.clusterstack.tests;

/** The {@code ocfs2} stack (OCFS2 on its user stack) passes verify's checks on three lab hosts with real corosync. */
class Ocfs2ConformanceIT extends LabStackConformance {
    @Override
    String stack() {
        return "ocfs2";
    }
}
