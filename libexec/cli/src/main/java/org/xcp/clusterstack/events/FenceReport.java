package org.xcp.clusterstack.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.OneLine;
import org.xcp.clusterstack.api.journal.JournalLine;
import org.xcp.clusterstack.events.FenceInquiry.Finding;
import org.xcp.clusterstack.events.FenceInquiry.PeerView;
import org.xcp.clusterstack.events.FenceInquiry.Verdict;

/** A {@link Finding} as {@code why-fenced} prints it: sentences for people, or the JSON of docs/events.md. */
public final class FenceReport {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private FenceReport() {
    }

    /** The first line: the host, fenced or not, when, and how, in one sentence. */
    public static String headline(Finding f) {
        String at = JournalLine.TIME_FORMAT.format(f.time());
        String host = host(f.index(), f.uuid());
        return host + ": " + switch (f.verdict()) {
            case SELF_FENCE -> "fenced itself at " + at;
            case WATCHDOG_UNPETTED -> "stopped petting its watchdog at " + at + ", which then reset the host";
            case WATCHDOG_FIRED -> "its watchdog fired at " + at;
            case STOPPED_WHILE_ARMED -> "fenced: its daemon stopped recording at " + at + " while armed, with no"
                    + " daemon-ended record, so it died or hung and its watchdog reset the host";
            case ENDED_WHILE_ARMED -> "fenced: its daemon ended at " + at + " with fencing still armed, so its"
                    + " watchdog reset the host";
            case DROPPED_BY_PEERS -> "dropped by its peers from " + at + " (its own journal was not among those"
                    + " read: pass its log directory with --log-base to see why it fenced)";
            case ENDED_CLEANLY -> "not fenced: its daemon ended cleanly at " + at;
            case STOPPED_WHILE_DISARMED -> "not fenced: its daemon stopped recording at " + at + " while disarmed"
                    + " (no watchdog armed, so no fence): it died, or the host went down";
            case RUNNING -> "not fenced: its daemon has been running since " + at;
        };
    }

    public static List<String> text(Finding f) {
        List<String> out = new ArrayList<>();
        out.add(headline(f));
        f.record().ifPresent(r -> {
            out.add("  why: " + r.kind() + ": " + OneLine.of(r.summary()));
            out.addAll(EventText.evidence(r.evidence(), "    "));
        });
        for (JournalEntry then : f.then()) {
            out.add("  then, at " + EventText.time(then) + ": " + then.kind() + ": " + OneLine.of(then.summary()));
            out.addAll(EventText.evidence(then.evidence(), "    "));
        }
        if (!f.before().isEmpty()) {
            out.add("  before that, its last " + (f.before().size() == 1 ? "record" : f.before().size() + " records")
                    + ":");
            f.before().forEach(e -> out.add("    " + EventText.time(e) + " " + e.kind() + ": "
                    + OneLine.of(e.summary())));
        }
        if (!f.peers().isEmpty()) {
            out.add("  its peers:");
        }
        for (PeerView p : f.peers()) {
            String peer = "    host " + p.index() + "(" + p.uuid().dashed().substring(0, 8) + ")";
            if (p.dropped().isEmpty()) {
                out.add(peer + " recorded no drop of it" + (f.verdict() == Verdict.DROPPED_BY_PEERS ? ""
                        : " in that run's time"));
            } else {
                JournalEntry d = p.dropped().get();
                out.add(peer + " dropped it at " + EventText.time(d) + ": " + OneLine.of(d.summary()));
                out.addAll(EventText.evidence(d.evidence(), "      "));
            }
        }
        return out;
    }

    /** The JSON of docs/events.md: every journal line in it as it was written, decoded. */
    public static Map<String, Object> json(Finding f, List<Path> journals) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("host", hostView(f.index(), f.uuid()));
        view.put("fenced", f.verdict().fenced());
        view.put("verdict", f.verdict().wire());
        view.put("time", JournalLine.TIME_FORMAT.format(f.time()));
        view.put("summary", headline(f));
        view.put("record", f.record().map(FenceReport::line).orElse(null));
        view.put("then", f.then().stream().map(FenceReport::line).toList());
        view.put("before", f.before().stream().map(FenceReport::line).toList());
        view.put("peers", f.peers().stream().map(p -> {
            Map<String, Object> peer = new LinkedHashMap<>();
            peer.put("host", hostView(Optional.of(p.index()), Optional.of(p.uuid())));
            peer.put("dropped", p.dropped().map(FenceReport::line).orElse(null));
            return peer;
        }).toList());
        view.put("journals", journals.stream().map(Path::toString).toList());
        return view;
    }

    private static Map<String, Object> hostView(Optional<Integer> index, Optional<HaUuid> uuid) {
        Map<String, Object> host = new LinkedHashMap<>();
        host.put("index", index.orElse(null));
        host.put("uuid", uuid.map(HaUuid::dashed).orElse(null));
        return host;
    }

    private static String host(Optional<Integer> index, Optional<HaUuid> uuid) {
        return "host " + index.map(String::valueOf).orElse("?") + uuid.map(u -> " (" + u.dashed() + ")").orElse("");
    }

    private static JsonNode line(JournalEntry e) {
        try {
            return MAPPER.readTree(e.text());
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("a decoded line no longer decodes: " + e.where(), ex);
        }
    }
}
