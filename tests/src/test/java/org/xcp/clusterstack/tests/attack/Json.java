package org.xcp.clusterstack.tests.attack;

import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/** Just enough JSON for the attacker's one-line record (the tool runs with the codec's jars only). */
final class Json {
    /** Text that is already JSON. */
    record Raw(String json) {
    }

    private Json() {
    }

    static Raw raw(String json) {
        return new Raw(json);
    }

    static String object(Map<String, ?> map) {
        return map.entrySet().stream().map(e -> quote(e.getKey()) + ":" + value(e.getValue()))
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static String value(Object v) {
        if (v instanceof Raw r) {
            return r.json();
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        if (v instanceof Collection<?> c) {
            return c.stream().map(Json::value).collect(Collectors.joining(",", "[", "]"));
        }
        return quote(String.valueOf(v));
    }

    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
