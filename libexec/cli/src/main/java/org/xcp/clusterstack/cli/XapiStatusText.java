package org.xcp.clusterstack.cli;

import static org.xcp.clusterstack.control.XapiStatusField.COMMAND;
import static org.xcp.clusterstack.control.XapiStatusField.ERROR;
import static org.xcp.clusterstack.control.XapiStatusField.FAILED_IN_A_ROW;
import static org.xcp.clusterstack.control.XapiStatusField.HEALTH_CHECK;
import static org.xcp.clusterstack.control.XapiStatusField.LAST_CHECK;
import static org.xcp.clusterstack.control.XapiStatusField.LAST_CHECK_AGE_MS;
import static org.xcp.clusterstack.control.XapiStatusField.LAST_CHECK_AT;
import static org.xcp.clusterstack.control.XapiStatusField.LAST_CHECK_DETAIL;
import static org.xcp.clusterstack.control.XapiStatusField.LAST_CHECK_MS;
import static org.xcp.clusterstack.control.XapiStatusField.RESTARTS_ALLOWED;
import static org.xcp.clusterstack.control.XapiStatusField.RESTARTS_USED;
import static org.xcp.clusterstack.control.XapiStatusField.SELF_FENCE;
import static org.xcp.clusterstack.control.XapiStatusField.SELF_FENCE_AT;
import static org.xcp.clusterstack.control.XapiStatusField.SELF_FENCE_IN_MS;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.xcp.clusterstack.api.spi.StackSettings;
import org.xcp.clusterstack.control.XapiStatusField;

/**
 * {@code status}'s lines for xapi's health check, from the daemon's {@code xapi.*} lines: on and what it runs (or
 * why it is off), then the last check, the failures in a row, the restarts used of those allowed in a day, a
 * self-fence pending (loudly, and whether it would only be logged) and xapi's error string. It answers "is this
 * host about to fence itself for xapi?".
 */
final class XapiStatusText {
    private XapiStatusText() {
    }

    /** {@code xapi} is the daemon's {@code xapi} group, {@code fencing} its fencing field. */
    static String text(Map<?, ?> xapi, Object fencing, Path settingsFile) {
        StringBuilder out = new StringBuilder();
        if (!"on".equals(get(xapi, HEALTH_CHECK))) {
            return out.append(String.format("%-8s health check off: no xapi health check installed or configured (%s"
                    + " is not installed and %s is not set in %s)%n", "xapi", get(xapi, COMMAND),
                    StackSettings.XAPI_HEALTH_CHECK_COMMAND, settingsFile)).toString();
        }
        out.append(String.format("%-8s health check on: %s%n", "xapi", get(xapi, COMMAND)));
        if (get(xapi, RESTARTS_ALLOWED) == null) {
            return out.toString(); // the engine has no view yet
        }
        line(out, "last check", get(xapi, LAST_CHECK) == null ? "none yet (every tXapi from Online on)"
                : lastCheck(xapi) + ", " + duration(get(xapi, LAST_CHECK_AGE_MS)) + " ago (" + get(xapi, LAST_CHECK_AT)
                + ")");
        line(out, "failures", get(xapi, FAILED_IN_A_ROW) + " in a row");
        line(out, "restarts", get(xapi, RESTARTS_USED) + " of " + get(xapi, RESTARTS_ALLOWED) + " used"
                + " (XapiRestartAttempts, counted since the last restart that worked, for a day)");
        line(out, "self-fence", !"pending".equals(get(xapi, SELF_FENCE)) ? "none pending"
                : "PENDING in " + duration(get(xapi, SELF_FENCE_IN_MS)) + " (" + get(xapi, SELF_FENCE_AT) + ")"
                + ("armed".equals(fencing) ? "" : ": fencing is not armed here, so it is only logged"));
        if (get(xapi, ERROR) != null) {
            line(out, "error", String.valueOf(get(xapi, ERROR)));
        }
        return out.toString();
    }

    private static String lastCheck(Map<?, ?> xapi) {
        Object result = get(xapi, LAST_CHECK);
        String took = " in " + duration(get(xapi, LAST_CHECK_MS));
        if (result.equals("passed")) {
            return "passed" + took;
        }
        return result.equals("failed") ? "failed (" + get(xapi, LAST_CHECK_DETAIL) + ")" + took
                : String.valueOf(get(xapi, LAST_CHECK_DETAIL));
    }

    private static Object get(Map<?, ?> xapi, XapiStatusField field) {
        return xapi.get(field.jsonName());
    }

    private static void line(StringBuilder out, String label, String value) {
        out.append(String.format("  %-13s %s%n", label, value));
    }

    /** Milliseconds for people: "120 ms", "12.3 s". */
    private static String duration(Object ms) {
        if (!(ms instanceof Long n)) {
            return String.valueOf(ms);
        }
        return n < 1000 ? n + " ms" : String.format(Locale.ROOT, "%.1f s", n / 1000.0);
    }
}
