package org.xcp.clusterstack.api.liveset;

import java.util.List;
import org.xcp.clusterstack.api.HaUuid;

/**
 * Prints a {@link Liveset} exactly as the C xhad's {@code ha_query_liveset} does (spec §4.1), so a
 * byte comparison with real xhad output is a meaningful test and xapi sees nothing new.
 */
public final class LivesetWriter {
    /** xhad indents list members deeper than the surrounding elements; keep it for byte equality. */
    private static final String LIST_MEMBER_INDENT = "          ";
    private static final String[] INDENT = {"", "  ", "    ", "      "};

    private LivesetWriter() {
    }

    public static String write(Liveset liveset) {
        StringBuilder out = new StringBuilder(liveset.status() == LivesetStatus.ONLINE ? 8192 : 256);
        write(liveset, out);
        return out.toString();
    }

    /**
     * Appends the document to {@code out}: a daemon rewriting its snapshot reuses one builder rather than
     * growing a new one (a 64-host Online document is about 1 MB, nearly all of it the raw lists).
     */
    public static void write(Liveset liveset, StringBuilder out) {
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.append("<ha_liveset_info version=\"1.0\">\n");
        leaf(out, 1, "status", liveset.status().text());
        out.append("  <localhost>\n");
        leaf(out, 2, "HostID", liveset.localHost());
        leaf(out, 2, "HostIndex", liveset.localHostIndex());
        out.append("  </localhost>\n");
        // xhad has nothing else to report until the local host is Online.
        if (liveset.status() == LivesetStatus.ONLINE) {
            liveset.hosts().forEach(host -> host(out, host));
            liveset.rawStatus().ifPresent(raw -> rawStatus(out, raw));
            liveset.timeouts().ifPresent(timeouts -> timeouts(out, timeouts));
            liveset.warnings().ifPresent(warnings -> warnings(out, warnings));
        }
        out.append("</ha_liveset_info>\n");
    }

    private static void host(StringBuilder out, HostEntry host) {
        out.append("  <host>\n");
        leaf(out, 2, "HostID", host.id());
        leaf(out, 2, "HostIndex", host.index());
        leaf(out, 2, "liveness", bool(host.live()));
        leaf(out, 2, "master", bool(host.master()));
        leaf(out, 2, "statefile_access", bool(host.statefileAccess()));
        leaf(out, 2, "statefile_corrupted", bool(host.statefileCorrupted()));
        leaf(out, 2, "excluded", bool(host.excluded()));
        out.append("  </host>\n");
    }

    private static void rawStatus(StringBuilder out, RawStatus raw) {
        out.append("  <raw_status_on_local_host>\n");
        latency(out, "statefile_latency", raw.statefile());
        latency(out, "heartbeat_latency", raw.heartbeat());
        latency(out, "Xapi_healthcheck_latency", raw.xapiHealthcheck());
        raw.hosts().forEach(host -> hostRawData(out, host));
        out.append("  </raw_status_on_local_host>\n");
    }

    private static void latency(StringBuilder out, String name, Latency latency) {
        leaf(out, 2, name, latency.last());
        leaf(out, 2, name + "_max", latency.max());
        leaf(out, 2, name + "_min", latency.min());
    }

    private static void hostRawData(StringBuilder out, HostRawData host) {
        out.append("    <host_raw_data>\n");
        leaf(out, 3, "HostID", host.id());
        leaf(out, 3, "HostIndex", host.index());
        leaf(out, 3, "time_since_last_update_on_statefile", host.msSinceStatefileUpdate());
        leaf(out, 3, "time_since_last_heartbeat", host.msSinceHeartbeat());
        leaf(out, 3, "time_since_xapi_restart_first_attempted", host.msSinceXapiRestartFirstAttempted());
        leaf(out, 3, "xapi_error_string", escapePrintable(host.xapiErrorString()));
        list(out, "heartbeat_active_list_on_heartbeat", host.heartbeatActiveOnHeartbeat());
        list(out, "heartbeat_active_list_on_statefile", host.heartbeatActiveOnStatefile());
        list(out, "statefile_active_list_on_heartbeat", host.statefileActiveOnHeartbeat());
        list(out, "statefile_active_list_on_statefile", host.statefileActiveOnStatefile());
        out.append("    </host_raw_data>\n");
    }

    /** Lists sit only inside {@code host_raw_data}; an empty one is still an open and a close line. */
    private static void list(StringBuilder out, String name, List<HaUuid> members) {
        out.append("      <").append(name).append(">\n");
        for (HaUuid member : members) {
            dashed(out.append(LIST_MEMBER_INDENT), member).append('\n');
        }
        out.append("      </").append(name).append(">\n");
    }

    private static void timeouts(StringBuilder out, Timeouts timeouts) {
        out.append("  <timeout>\n");
        leaf(out, 2, "T1", timeouts.t1Ms());
        leaf(out, 2, "T2", timeouts.t2Ms());
        leaf(out, 2, "T3", timeouts.t3Ms());
        leaf(out, 2, "Wh", timeouts.whMs());
        leaf(out, 2, "Ws", timeouts.wsMs());
        out.append("  </timeout>\n");
    }

    private static void warnings(StringBuilder out, Warnings warnings) {
        out.append("  <warning_on_local_host>\n");
        leaf(out, 2, "statefile_lost", bool(warnings.statefileLost()));
        leaf(out, 2, "heartbeat_approaching_timeout", bool(warnings.heartbeatApproachingTimeout()));
        leaf(out, 2, "statefile_approaching_timeout", bool(warnings.statefileApproachingTimeout()));
        leaf(out, 2, "Xapi_healthcheck_approaching_timeout", bool(warnings.xapiHealthcheckApproachingTimeout()));
        leaf(out, 2, "network_bonding_error", bool(warnings.networkBondingError()));
        out.append("  </warning_on_local_host>\n");
    }

    private static void leaf(StringBuilder out, int depth, String name, String text) {
        open(out, depth, name).append(text);
        close(out, name);
    }

    private static void leaf(StringBuilder out, int depth, String name, long value) {
        open(out, depth, name).append(value);
        close(out, name);
    }

    private static void leaf(StringBuilder out, int depth, String name, HaUuid id) {
        dashed(open(out, depth, name), id);
        close(out, name);
    }

    private static StringBuilder open(StringBuilder out, int depth, String name) {
        return out.append(INDENT[depth]).append('<').append(name).append('>');
    }

    private static void close(StringBuilder out, String name) {
        out.append("</").append(name).append(">\n");
    }

    /** {@link HaUuid#dashed()} without its six intermediate strings: the lists print 16,384 ids at 64 hosts. */
    private static StringBuilder dashed(StringBuilder out, HaUuid id) {
        String c = id.compact();
        return out.append(c, 0, 8).append('-').append(c, 8, 12).append('-').append(c, 12, 16).append('-')
                .append(c, 16, 20).append('-').append(c, 20, 32);
    }

    private static String bool(boolean value) {
        return value ? "TRUE" : "FALSE";
    }

    /**
     * xhad promises printable characters only (spec §4.1); anything else could make the document
     * ill-formed (control characters) or change under XML line-end normalisation, so it is dropped.
     * Printable means ASCII 0x20..0x7E, as C's isprint in the C locale.
     */
    static String escapePrintable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> {
                    if (c >= 0x20 && c <= 0x7E) {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
