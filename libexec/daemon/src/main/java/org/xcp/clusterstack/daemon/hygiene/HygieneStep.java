package org.xcp.clusterstack.daemon.hygiene;

/** The four steps, in the order the daemon takes them, each with its line in the STATUS reply. */
public enum HygieneStep {
    CGROUP("hygiene_cgroup", "leaving the caller's cgroup"),
    OOM_SCORE_ADJ("hygiene_oom_score_adj", "oom_score_adj -1000"),
    REALTIME("hygiene_realtime", "real-time scheduling"),
    MEMORY("hygiene_memory", "locking memory");

    private final String statusKey;
    private final String what;

    HygieneStep(String statusKey, String what) {
        this.statusKey = statusKey;
        this.what = what;
    }

    public String statusKey() {
        return statusKey;
    }

    /** The step in words, for logs and the reason of a refused start. */
    public String what() {
        return what;
    }
}
