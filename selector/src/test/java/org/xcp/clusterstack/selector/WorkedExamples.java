package org.xcp.clusterstack.selector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Named;
import org.xcp.clusterstack.xapiconf.StackName;

/**
 * The table of selector.md §11 ({@code worked-examples.json}, see its "about") in library terms: the
 * shorthand {@code S2:gfs2@M} becomes an {@link Sr}, the fixture's stacks become a real stack root. Published
 * in the selector's test-jar: the process tests run the same table, with the same names and stack roots,
 * through the CLI.
 */
public final class WorkedExamples {
    static final ObjectMapper JSON = new ObjectMapper();
    public static final JsonNode TABLE = load();
    public static final JsonNode FIXTURE = TABLE.get("fixture");

    private WorkedExamples() {
    }

    public static Stream<Named<JsonNode>> rows() {
        return StreamSupport.stream(TABLE.get("examples").spliterator(), false)
                .map(row -> Named.of("#" + row.get("case").asText() + " " + row.get("title").asText(), row));
    }

    static DriverTable drivers() {
        Map<String, List<String>> table = new LinkedHashMap<>();
        FIXTURE.get("drivers").properties().forEach(e -> table.put(e.getKey(), strings(e.getValue())));
        return DriverTable.of(table);
    }

    /** SRs in reverse order of the row, so only canonical (uuid) order can give the spec's answers. */
    static List<Sr> srs(JsonNode row) {
        List<Sr> srs = new ArrayList<>();
        for (String s : strings(row.path("srs"))) {
            String[] nameType = s.split(":", 2);
            String[] typeWhere = nameType[1].split("@", 2);
            srs.add(new Sr(ref(nameType[0]), uuid(nameType[0]), typeWhere[0], typeWhere[1].equals("M")));
        }
        Collections.reverse(srs);
        return srs;
    }

    static List<Cluster> clusters(JsonNode row) {
        List<Cluster> clusters = new ArrayList<>();
        for (String c : strings(row.path("clusters"))) {
            clusters.add(cluster(c));
        }
        Collections.reverse(clusters);
        return clusters;
    }

    static Cluster cluster(String shorthand) {
        String[] nameStack = shorthand.split(":", 2);
        return new Cluster(ref(nameStack[0]), uuid(nameStack[0]), nameStack[1]);
    }

    static PoolSnapshot pool(JsonNode row) {
        return PoolSnapshot.of(srs(row), drivers(), clusters(row));
    }

    public static String ref(String name) {
        return "OpaqueRef:" + name;
    }

    /** The number in the name orders the uuid: S1 before S2 before S10; a name without one is 0. */
    public static String uuid(String name) {
        String digits = name.replaceAll("\\D", "");
        long n = digits.isEmpty() ? 0 : Long.parseLong(digits);
        return String.format("%08x-5e1e-4c70-8a2b-%012x", n, name.hashCode() & 0xffffffffL);
    }

    public static StackName defaultStack(JsonNode row) {
        return StackName.of(row.path("default").asText(FIXTURE.get("cluster_stack_default").asText()));
    }

    /** The fixture's stacks, with the row's overrides, as directories under {@code root}. */
    public static Path stackRoot(JsonNode row, Path root) {
        try {
            Files.createDirectories(root);
            ObjectNode stacks = FIXTURE.get("stacks").deepCopy();
            if (row.has("stacks")) {
                stacks.setAll((ObjectNode) row.get("stacks"));
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = stacks.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> stack = it.next();
                Path dir = Files.createDirectories(root.resolve(stack.getKey()));
                if (!stack.getValue().isNull()) {
                    Files.writeString(dir.resolve("ha_supported_srs"), stack.getValue().asText());
                }
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static JsonNode error(SelectorError e) {
        ObjectNode node = JSON.createObjectNode().put("error", e.code().name());
        e.params().forEach(node.putArray("params")::add);
        if (e.params().isEmpty()) {
            node.putArray("params");
        }
        return node;
    }

    private static JsonNode load() {
        try (InputStream in = WorkedExamples.class.getResourceAsStream("/worked-examples.json")) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
