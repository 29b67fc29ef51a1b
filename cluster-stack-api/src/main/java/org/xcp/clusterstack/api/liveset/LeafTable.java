package org.xcp.clusterstack.api.liveset;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.liveset.XmlTree.Element;
import org.xcp.clusterstack.api.liveset.XmlTree.Node;
import org.xcp.clusterstack.api.liveset.XmlTree.Text;

/**
 * xapi's view of an element's children as name → value: the value is the child's first text,
 * trimmed, or "" when the child is empty; a child that starts with an element is left out; when a
 * name repeats, the last one wins. {@code where} names the parent in rejection messages.
 */
final class LeafTable {
    private final Map<String, String> values;
    private final String where;

    private LeafTable(Map<String, String> values, String where) {
        this.values = values;
        this.where = where;
    }

    static LeafTable of(Element parent, String where) {
        Map<String, String> values = new HashMap<>();
        for (Node child : parent.children()) {
            if (child instanceof Element element) {
                Optional<Node> first = element.significant().stream().findFirst();
                if (first.isEmpty()) {
                    values.put(element.name(), "");
                } else if (first.get() instanceof Text text) {
                    values.put(element.name(), XapiScalars.trim(text.value()));
                }
            }
        }
        return new LeafTable(values, where);
    }

    String require(String name) {
        String value = values.get(name);
        if (value == null) {
            throw LivesetReader.reject(where + " has no <" + name + ">");
        }
        return value;
    }

    HaUuid requireUuid(String name) {
        String value = require(name);
        return XapiScalars.uuid(value).orElseThrow(() -> invalid(name, value, "a UUID"));
    }

    boolean requireBool(String name) {
        String value = require(name);
        return XapiScalars.bool(value).orElseThrow(() -> invalid(name, value, "true or false"));
    }

    long requireInt(String name) {
        String value = require(name);
        return XapiScalars.ocamlInt(value).orElseThrow(() -> invalid(name, value, "an integer"));
    }

    List<HaUuid> requireUuidList(String name) {
        String value = require(name);
        return XapiScalars.uuidList(value).orElseThrow(() -> invalid(name, value, "a list of UUIDs"));
    }

    /** Warning flags: xapi tests for exactly TRUE and reads anything else as false. */
    boolean requireExactTrue(String name) {
        return require(name).equals("TRUE");
    }

    // Fields xapi ignores: read when usable so that write → read round-trips, otherwise a default.

    int optionalIndex(String name) {
        OptionalLong parsed = optionalInt(name);
        return parsed.isPresent() && parsed.getAsLong() >= 0 && parsed.getAsLong() <= 63
                ? (int) parsed.getAsLong()
                : -1;
    }

    OptionalLong optionalInt(String name) {
        String value = values.get(name);
        return value == null ? OptionalLong.empty() : XapiScalars.ocamlInt(value);
    }

    List<HaUuid> optionalUuidList(String name) {
        String value = values.get(name);
        return value == null ? List.of() : XapiScalars.uuidList(value).orElse(List.of());
    }

    private HaException invalid(String name, String value, String expected) {
        return LivesetReader.reject(where + " <" + name + "> is " + LivesetReader.quote(value) + ", not " + expected);
    }
}
