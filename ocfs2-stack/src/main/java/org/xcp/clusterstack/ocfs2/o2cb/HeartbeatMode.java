package org.xcp.clusterstack.ocfs2.o2cb;

/** configfs {@code heartbeat/mode} (stacks.md §3.4, "Local vs global heartbeat"). */
public enum HeartbeatMode {
    /** One region per mounted OCFS2 volume; the kernel fences when any region's writes time out. */
    LOCAL("local"),
    /** A fixed list of dedicated regions; the kernel fences only when half of them or more fail. */
    GLOBAL("global");

    private final String text;

    HeartbeatMode(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
