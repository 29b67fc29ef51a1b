package org.xcp.clusterstack.corosync.membership;

/** A corosync tool answered something this reader does not understand; the message is one line. */
final class MalformedOutput extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedOutput(String message) {
        super(message);
    }

    /** A line of tool output quoted in a detail: no longer than a log line should be. */
    static String quote(String line) {
        String s = line.strip();
        return "'" + (s.length() > 80 ? s.substring(0, 80) + "..." : s) + "'";
    }
}
