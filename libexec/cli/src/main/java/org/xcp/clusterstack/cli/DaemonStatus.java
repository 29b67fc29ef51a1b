package org.xcp.clusterstack.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.xcp.clusterstack.control.XapiStatusField;

/**
 * What {@code status} shows of a daemon's STATUS reply: the daemon host's fields ({@code stack}, {@code pid},
 * {@code state}, {@code fencing}, {@code run_dir}) and whatever {@code key=value} lines its engine adds (the xhad
 * engine's {@code heartbeat_*} and {@code fence_requests_ignored}). JSON gets every line: digits as numbers,
 * {@code name.part=v} grouped under {@code name}, {@code heartbeat_keys} as its ids; the text shows the daemon's
 * fields as a table, where the daemon logs ({@code log.*}: the file, its level, a system log it cannot reach),
 * where its event journal is and how many lines it lost ({@code journal.*}), xapi's health check ({@code xapi.*}:
 * {@link XapiStatusText}; {@link XapiStatusField} says which are numbers), and the heartbeat lines in words,
 * loudly when heartbeats are not authenticated.
 */
final class DaemonStatus {
    private static final List<String> HOST_FIELDS = List.of("stack", "host_id", "pid", "state", "fencing", "run_dir");
    /** The process hygiene's steps, as the daemon names them in {@code hygiene_<step>} (docs/operators.md). */
    private static final List<String> HYGIENE_STEPS = List.of("cgroup", "realtime", "memory", "oom_score_adj");

    private final Map<String, Object> view;
    private final Path settingsFile;

    /** The view when no daemon answers; {@code settingsFile} is where the text tells to set the key. */
    DaemonStatus(String stack, String hostId, String runDir, Path settingsFile) {
        this.settingsFile = settingsFile;
        view = new LinkedHashMap<>();
        view.put("stack", stack);
        view.put("host_id", hostId);
        view.put("pid", null);
        view.put("state", "absent");
        view.put("fencing", "disarmed");
        view.put("run_dir", runDir);
    }

    /** Takes the daemon's reply: its {@code key=value} lines; anything else is ignored. */
    DaemonStatus reply(String stdout) {
        stdout.lines().map(l -> l.split("=", 2)).filter(kv -> kv.length == 2 && !kv[0].isBlank())
                .forEach(kv -> put(kv[0].strip(), kv[1].strip()));
        return this;
    }

    private void put(String key, String value) {
        if (key.equals("host_id")) {
            return; // ours, from the config; a daemon only answers on its own host's socket
        }
        if (HOST_FIELDS.contains(key)) {
            view.put(key, key.equals("pid") ? number(value) : value);
        } else if (key.equals("heartbeat_keys")) {
            view.put(key, ids(value));
        } else if (key.contains(".")) {
            String[] parts = key.split("\\.", 2);
            Object group = view.computeIfAbsent(parts[0], k -> new LinkedHashMap<String, Object>());
            if (group instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                Map<String, Object> m = (Map<String, Object>) map;
                m.put(parts[1], XapiStatusField.byKey(key).map(f -> f.number() ? number(value) : value)
                        .orElseGet(() -> number(value)));
            }
        } else {
            view.put(key, number(value));
        }
    }

    /** {@code current=1a2b3c4d next=...} as a map of ids. */
    private static Map<String, Object> ids(String value) {
        Map<String, Object> ids = new LinkedHashMap<>();
        for (String word : value.split("\\s+")) {
            String[] kv = word.split("=", 2);
            if (kv.length == 2) {
                ids.put(kv[0], kv[1]);
            }
        }
        return ids;
    }

    private static Object number(String value) {
        return value.matches("[0-9]{1,18}") ? (Object) Long.valueOf(value) : value;
    }

    Map<String, Object> json() {
        return view;
    }

    String text() {
        StringBuilder out = new StringBuilder();
        for (String field : HOST_FIELDS) {
            Object v = view.get(field);
            out.append(String.format("%-8s %s%n", field, v == null ? "-" : v));
        }
        if (view.get("log") instanceof Map<?, ?> log && log.get("file") != null) {
            Object lost = log.get("lines_lost");
            out.append(String.format("%-8s %s (%s and above%s)%n", "log", log.get("file"), log.get("level"),
                    lost == null || Long.valueOf(0).equals(lost) ? "" : "; " + lost + " lines could not be written"));
            Object syslog = log.get("syslog_state");
            if (syslog != null && !syslog.equals("connected")) {
                out.append(String.format("%-8s %s %s: lines go to the log file only%n", "syslog", log.get("syslog"),
                        syslog));
            }
        }
        if (view.get("journal") instanceof Map<?, ?> journal && journal.get("file") != null) {
            Object lost = journal.get("failures");
            out.append(String.format("%-8s %s%s%n", "journal", journal.get("file"), lost == null
                    || Long.valueOf(0).equals(lost) ? "" : " (" + lost + " lines could not be written: see the log)"));
        }
        Object hygiene = view.get("hygiene");
        if (hygiene != null) {
            out.append(String.format("%-8s %s%n", "hygiene", hygiene));
            for (String step : HYGIENE_STEPS) {
                Object outcome = view.get("hygiene_" + step);
                if (outcome != null) {
                    out.append(String.format("  %-13s %s%n", step.replace('_', ' '), outcome));
                }
            }
        }
        if (view.get(XapiStatusField.GROUP) instanceof Map<?, ?> xapi) {
            out.append(XapiStatusText.text(xapi, view.get("fencing"), settingsFile));
        }
        Object auth = view.get("heartbeat_auth");
        if (auth == null) {
            return out.toString(); // no daemon, or an engine without heartbeats of its own
        }
        if (auth.equals("none")) {
            out.append("heartbeats: NOT authenticated (anyone who can send to this pool's heartbeat port can fence"
                    + " it: set " + KeyCommand.SETTING + " in " + settingsFile + " on every host,"
                    + " docs/heartbeat-auth.md)\n");
        } else if (auth.equals("hmac-sha256")) {
            out.append("heartbeats: authenticated (HMAC-SHA-256, " + words(view.get("heartbeat_keys")) + ")\n");
        } else {
            out.append("heartbeats: " + auth + "\n");
        }
        if (view.get("heartbeat_accepted") != null) {
            out.append("heartbeats accepted: " + view.get("heartbeat_accepted") + "\n");
        }
        if (view.get("heartbeat_dropped") instanceof Map<?, ?> dropped) {
            String nonZero = dropped.entrySet().stream().filter(e -> !Long.valueOf(0).equals(e.getValue()))
                    .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
            if (!nonZero.isEmpty()) {
                out.append("heartbeats dropped: " + nonZero + "\n");
            }
        }
        Object ignored = view.get("fence_requests_ignored");
        if (ignored != null && !Long.valueOf(0).equals(ignored)) {
            out.append("fence requests ignored (from hosts outside this host's view): " + ignored + "\n");
        }
        return out.toString();
    }

    private static String words(Object ids) {
        if (ids instanceof Map<?, ?> map && !map.isEmpty()) {
            return map.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
        }
        return "no key ids reported";
    }
}
