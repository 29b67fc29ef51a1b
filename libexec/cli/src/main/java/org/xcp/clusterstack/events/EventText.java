package org.xcp.clusterstack.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.xcp.clusterstack.api.OneLine;
import org.xcp.clusterstack.api.journal.JournalLine;

/**
 * Journal entries for people: one line per event, {@code TIME HOST-INDEX(short uuid) STACK KIND summary}, and its
 * evidence below as {@code key=value} lines in the order the core wrote them, whatever the keys are (strings as they
 * are, lists and maps as compact JSON).
 */
public final class EventText {
    /** The longest kind's name, so that summaries line up. */
    static final int KIND_WIDTH = 17;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private EventText() {
    }

    public static String line(JournalEntry e) {
        return String.format("%s %-12s %-8s %-" + KIND_WIDTH + "s %s", time(e), e.hostLabel(), e.stack(), e.kind(),
                OneLine.of(e.summary()));
    }

    public static String time(JournalEntry e) {
        return JournalLine.TIME_FORMAT.format(e.time());
    }

    /** The evidence as {@code indent + key=value} lines; none when it is empty. */
    public static List<String> evidence(Map<String, Object> evidence, String indent) {
        List<String> lines = new ArrayList<>();
        evidence.forEach((k, v) -> lines.add(indent + OneLine.of(k) + "=" + value(v)));
        return lines;
    }

    /** One value as the evidence lines show it. */
    public static String value(Object v) {
        if (v instanceof String s) {
            return OneLine.of(s);
        }
        if (v instanceof Map<?, ?> || v instanceof List<?>) {
            try {
                return MAPPER.writeValueAsString(v);
            } catch (JsonProcessingException e) {
                return String.valueOf(v);
            }
        }
        return String.valueOf(v);
    }
}
