package org.xcp.clusterstack.api.journal;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.xcp.clusterstack.api.HaUuid;

/**
 * One line of a host's event journal: an event as the writer stamps it (when, which of this run's lines, which
 * stack, host and process). {@link #encode} is the format's one definition: a JSON object on one line with the
 * fields of {@link #FIELDS} in that order; the time is a UTC instant with milliseconds; evidence keeps its
 * insertion order. Strings are escaped per RFC 8259 (every control character as a backslash-u escape of four hex
 * digits); numbers JSON cannot hold (NaN, infinities) and values of no JSON type are written as strings. Readers
 * decode it with a JSON library; this module has none and needs none.
 */
public record JournalLine(Instant time, long seq, String stack, HaUuid host, int hostIndex, long pid,
        JournalEvent event) {
    public static final String TIME = "time";
    public static final String SEQ = "seq";
    public static final String STACK = "stack";
    public static final String HOST = "host";
    public static final String HOST_INDEX = "host_index";
    public static final String PID = "pid";
    public static final String KIND = "kind";
    public static final String SUMMARY = "summary";
    public static final String EVIDENCE = "evidence";
    /** The fields of every line, in the order they are written. */
    public static final List<String> FIELDS = List.of(TIME, SEQ, STACK, HOST, HOST_INDEX, PID, KIND, SUMMARY,
            EVIDENCE);

    /** {@code 2026-12-07T04:53:17.120Z}: always three digits of milliseconds, so that lines sort as text too. */
    public static final DateTimeFormatter TIME_FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private static final String HEX = "0123456789ABCDEF";

    public JournalLine {
        Objects.requireNonNull(stack);
        Objects.requireNonNull(host);
        Objects.requireNonNull(event);
        time = time.truncatedTo(ChronoUnit.MILLIS);
    }

    /** The line, without its newline. */
    public String encode() {
        StringBuilder b = new StringBuilder(160 + event.summary().length());
        b.append('{');
        field(b, TIME).append('"').append(TIME_FORMAT.format(time)).append('"');
        field(b.append(','), SEQ).append(seq);
        field(b.append(','), STACK);
        string(b, stack);
        field(b.append(','), HOST).append('"').append(host.dashed()).append('"');
        field(b.append(','), HOST_INDEX).append(hostIndex);
        field(b.append(','), PID).append(pid);
        field(b.append(','), KIND);
        string(b, event.kind().wire());
        field(b.append(','), SUMMARY);
        string(b, event.summary());
        field(b.append(','), EVIDENCE);
        value(b, event.evidence());
        return b.append('}').toString();
    }

    private static StringBuilder field(StringBuilder b, String name) {
        return b.append('"').append(name).append("\":");
    }

    private static void value(StringBuilder b, Object v) {
        if (v == null) {
            b.append("null");
        } else if (v instanceof Boolean) {
            b.append(v);
        } else if (v instanceof Byte || v instanceof Short || v instanceof Integer || v instanceof Long
                || v instanceof BigInteger || v instanceof BigDecimal) {
            b.append(v);
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isFinite(d)) {
                b.append(v);
            } else {
                string(b, v.toString());
            }
        } else if (v instanceof Map<?, ?> map) {
            b.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    b.append(',');
                }
                first = false;
                string(b, String.valueOf(e.getKey()));
                b.append(':');
                value(b, e.getValue());
            }
            b.append('}');
        } else if (v instanceof Iterable<?> items) {
            b.append('[');
            boolean first = true;
            for (Object item : items) {
                if (!first) {
                    b.append(',');
                }
                first = false;
                value(b, item);
            }
            b.append(']');
        } else if (v.getClass().isArray()) {
            b.append('[');
            for (int i = 0; i < Array.getLength(v); i++) {
                if (i > 0) {
                    b.append(',');
                }
                value(b, Array.get(v, i));
            }
            b.append(']');
        } else if (v instanceof Optional<?> o) {
            value(b, o.orElse(null));
        } else if (v instanceof HaUuid id) {
            string(b, id.dashed());
        } else {
            string(b, v.toString()); // a string, an enum, a duration, an instant: as it prints
        }
    }

    /** A JSON string: quote and backslash escaped, every control character as a backslash-u escape. */
    static void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append("\\u00").append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 0xF));
            } else {
                b.append(c);
            }
        }
        b.append('"');
    }
}
