package org.xcp.clusterstack.melio;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.xcp.clusterstack.api.HaUuid;

/**
 * One answer of {@code melio-cluster status}, version 1 (CONTRACT.md "status"): {@code key=value} lines, one
 * {@code member=} line per host of the local partition. Parsing is strict: a service that says something
 * this stack does not understand is not trusted with the pool's membership.
 *
 * @param quorate the local host is in the partition that survives (M2)
 * @param members the pool hosts in the local partition, by host UUID (M1)
 * @param fenceWindow W_f as the service states it (M3, M11)
 * @param tieBreak the service's rule for an even split, for the log (M2)
 * @param fencingArmed the service can fence this host now (M4, M8)
 */
public record MelioStatus(boolean quorate, Set<HaUuid> members, Duration fenceWindow, String tieBreak,
        boolean fencingArmed) {
    public static final String VERSION = "1";
    static final List<String> KEYS = List.of("version", "quorate", "member", "fence_window_ms", "tie_break",
            "fencing_armed");
    private static final int MAX_TEXT = 200;

    public MelioStatus {
        members = Set.copyOf(members);
        Objects.requireNonNull(fenceWindow);
        Objects.requireNonNull(tieBreak);
    }

    /** The answer is not a version 1 status for this pool; the message says exactly why. */
    public static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }

    private record Line(int number, String key, String value) {
    }

    /**
     * @param poolHosts the hosts of xhad.conf: every member must be one
     * @param localHost this host: a quorate answer must list it
     */
    public static MelioStatus parse(String text, Set<HaUuid> poolHosts, HaUuid localHost) throws Malformed {
        if (text.length() > ServiceCommand.MAX_OUTPUT) {
            throw new Malformed("more than " + ServiceCommand.MAX_OUTPUT + " bytes of output");
        }
        List<Line> lines = lines(text);
        Map<String, Line> single = new LinkedHashMap<>();
        Set<HaUuid> members = new LinkedHashSet<>();
        Line version = lines.stream().filter(l -> l.key().equals("version")).findFirst()
                .orElseThrow(() -> new Malformed("no version line (expected version=" + VERSION + " first)"));
        if (!version.value().equals(VERSION)) {
            throw new Malformed("version=" + cut(version.value()) + " on line " + version.number()
                    + ": this stack speaks version " + VERSION + " only");
        }
        for (Line l : lines) {
            if (!KEYS.contains(l.key())) {
                throw new Malformed("unknown key '" + cut(l.key()) + "' on line " + l.number());
            }
            if (l.key().equals("member")) {
                HaUuid host = member(l, poolHosts);
                if (!members.add(host)) {
                    throw new Malformed("member " + host + " listed twice (again on line " + l.number() + ")");
                }
                continue;
            }
            Line earlier = single.putIfAbsent(l.key(), l);
            if (earlier != null) {
                throw new Malformed("'" + l.key() + "' given twice (lines " + earlier.number() + " and "
                        + l.number() + ")");
            }
        }
        List<String> missing = new ArrayList<>();
        for (String key : KEYS) {
            if (!key.equals("member") && !single.containsKey(key)) {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            throw new Malformed("missing " + String.join(", ", missing));
        }
        boolean quorate = yesNo(single.get("quorate"));
        if (quorate && !members.contains(localHost)) {
            throw new Malformed("quorate=yes but the local host " + localHost + " is not among the members");
        }
        return new MelioStatus(quorate, members, window(single.get("fence_window_ms")),
                text(single.get("tie_break")), yesNo(single.get("fencing_armed")));
    }

    /** The answer as a version 1 service prints it (members in UUID order). */
    public String render() {
        StringBuilder out = new StringBuilder("version=" + VERSION + "\n");
        out.append("quorate=").append(quorate ? "yes" : "no").append('\n');
        for (HaUuid m : new TreeSet<>(members)) {
            out.append("member=").append(m.dashed()).append('\n');
        }
        out.append("fence_window_ms=").append(fenceWindow.toMillis()).append('\n');
        out.append("tie_break=").append(tieBreak).append('\n');
        out.append("fencing_armed=").append(fencingArmed ? "yes" : "no").append('\n');
        return out.toString();
    }

    private static List<Line> lines(String text) throws Malformed {
        List<Line> lines = new ArrayList<>();
        String[] all = text.split("\n", -1);
        for (int n = 0; n < all.length; n++) {
            String line = all[n];
            if (line.isEmpty()) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new Malformed("line " + (n + 1) + " is not key=value: '" + cut(line) + "'");
            }
            lines.add(new Line(n + 1, line.substring(0, eq), line.substring(eq + 1)));
        }
        return lines;
    }

    private static HaUuid member(Line l, Set<HaUuid> poolHosts) throws Malformed {
        HaUuid host;
        try {
            host = HaUuid.parse(l.value());
        } catch (IllegalArgumentException e) {
            throw new Malformed("member '" + cut(l.value()) + "' on line " + l.number() + " is not a host UUID: it "
                    + e.getMessage());
        }
        if (!poolHosts.contains(host)) {
            throw new Malformed("member " + host + " on line " + l.number() + " is not a host of this pool");
        }
        return host;
    }

    private static boolean yesNo(Line l) throws Malformed {
        switch (l.value()) {
            case "yes":
                return true;
            case "no":
                return false;
            default:
                throw new Malformed(l.key() + "='" + cut(l.value()) + "' on line " + l.number()
                        + ": expected yes or no");
        }
    }

    private static Duration window(Line l) throws Malformed {
        if (!l.value().matches("[0-9]{1,10}") || Long.parseLong(l.value()) == 0) {
            throw new Malformed(l.key() + "='" + cut(l.value()) + "' on line " + l.number()
                    + ": expected a positive whole number of milliseconds");
        }
        return Duration.ofMillis(Long.parseLong(l.value()));
    }

    private static String text(Line l) throws Malformed {
        String v = l.value();
        if (v.isBlank() || v.length() > MAX_TEXT || v.chars().anyMatch(Character::isISOControl)) {
            throw new Malformed(l.key() + " on line " + l.number() + ": expected 1 to " + MAX_TEXT
                    + " printable characters");
        }
        return v;
    }

    private static String cut(String s) {
        String printable = s.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "..." : printable;
    }
}
