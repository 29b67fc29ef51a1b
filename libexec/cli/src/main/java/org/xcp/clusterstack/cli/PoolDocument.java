package org.xcp.clusterstack.cli;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.InputFile;
import org.xcp.clusterstack.selector.Cluster;
import org.xcp.clusterstack.selector.DriverTable;
import org.xcp.clusterstack.selector.PoolRecord;
import org.xcp.clusterstack.selector.PoolSnapshot;
import org.xcp.clusterstack.selector.Sr;

/**
 * The pool file the selector commands read (README, "The selector"): what xapi's database says about the
 * pool's storage and clustering, and the parameters of the call. Strict: every field has one type, unknown
 * fields are refused, references must resolve, and each failure is one line naming the field.
 *
 * <pre>{"srs": [{"ref", "uuid", "type", "attached_on_master"}], "sm": {"type": ["stack", ...]},
 *  "clusters": [{"ref", "uuid", "cluster_stack"}], "heartbeat_srs": ["ref"], "cluster_stack": "",
 *  "ha_enabled": false, "ha_cluster_stack": "xhad", "cluster_stack_root": "/dir"}</pre>
 *
 * Every field is optional: no SRs, no drivers, no Clusters, no heartbeat SR, automatic choice; the HA state
 * from the pool record; the root from xapi.conf.
 */
record PoolDocument(String source, PoolSnapshot pool, String clusterStack, List<String> heartbeatSrs,
        Optional<Boolean> haEnabled, Optional<String> haClusterStack, Optional<Path> clusterStackRoot) {
    static final String STDIN = "-";
    /** A pool of hundreds of SRs is tens of KB. */
    static final long MAX_BYTES = 16 << 20;
    private static final Set<String> FIELDS = Set.of("srs", "sm", "clusters", "heartbeat_srs", "cluster_stack",
            "ha_enabled", "ha_cluster_stack", "cluster_stack_root");
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Reads {@code FILE}, or standard input for {@code -}. */
    static PoolDocument read(String fileOrDash, InputStream stdin) {
        String source = fileOrDash.equals(STDIN) ? "<stdin>" : fileOrDash;
        byte[] bytes;
        try {
            if (fileOrDash.equals(STDIN)) {
                bytes = stdin.readNBytes((int) MAX_BYTES + 1); // `< /dev/zero` ends here, not in an OutOfMemoryError
                if (bytes.length > MAX_BYTES) {
                    throw new PoolInputException(source + ": more than the " + InputFile.bytes(MAX_BYTES)
                            + " a pool document can be");
                }
            } else { // a FIFO or a device is refused before it is opened: opening a FIFO blocks
                bytes = InputFile.read(Path.of(fileOrDash), "a pool document", MAX_BYTES, ExitCode.INVALID_PARAMETER,
                        ExitCode.INVALID_PARAMETER);
            }
        } catch (HaException e) {
            throw new PoolInputException(e.getMessage(), e);
        } catch (IOException | InvalidPathException e) {
            throw new PoolInputException(source + ": cannot read it: " + e.getMessage(), e);
        }
        return parse(source, bytes);
    }

    static PoolDocument parse(String source, byte[] bytes) {
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new PoolInputException(source + malformed(e), e);
        } catch (IOException e) {
            throw new PoolInputException(source + ": cannot read it: " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new PoolInputException(source + ": empty, expected a JSON object (the pool document)");
        }
        return new Reader(source).document(root);
    }

    /** The HA state the call sees: the document's fields where given, else the record's (read only then). */
    PoolRecord effectiveRecord(Supplier<PoolRecord> recorded) {
        if (haEnabled.isPresent() && haClusterStack.isPresent()) {
            return new PoolRecord(haEnabled.get(), haClusterStack.get());
        }
        PoolRecord record = recorded.get();
        return new PoolRecord(haEnabled.orElse(record.haEnabled()), haClusterStack.orElse(record.haClusterStack()));
    }

    /** The SR the option names, which must be in {@code srs}. */
    String requireSr(String option, String ref) {
        if (pool.sr(ref).isEmpty()) {
            throw new PoolInputException(source + ": " + option + " " + Reader.quote(ref) + ": no SR in srs has this ref");
        }
        return ref;
    }

    String requireCluster(String option, String ref) {
        if (pool.cluster(ref).isEmpty()) {
            throw new PoolInputException(source + ": " + option + " " + Reader.quote(ref)
                    + ": no Cluster in clusters has this ref");
        }
        return ref;
    }

    /** A JSON string literal: quoted and escaped, always one line. */
    static String quote(String s) {
        return Reader.quote(s);
    }

    /** {@code :LINE:COLUMN: malformed JSON near FIELD: what Jackson saw}, on one line. */
    private static String malformed(JsonProcessingException e) {
        String where = e.getLocation() == null ? ""
                : ":" + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr();
        String field = "";
        if (e instanceof JsonParseException pe && pe.getProcessor() != null) {
            JsonParser parser = pe.getProcessor();
            String path = path(parser.getParsingContext());
            field = path.isEmpty() ? "" : " near " + path;
        }
        return where + ": malformed JSON" + field + ": " + CommandLines.oneLine(e.getOriginalMessage());
    }

    /** {@code srs[1].type} for the parser's position. */
    private static String path(JsonStreamContext context) {
        List<String> parts = new ArrayList<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.add(0, "[" + Math.max(c.getCurrentIndex(), 0) + "]");
            } else if (c.getCurrentName() != null) {
                parts.add(0, (c.getParent() != null && c.getParent().inRoot() ? "" : ".") + c.getCurrentName());
            }
        }
        return String.join("", parts);
    }

    /** Walks the tree, naming each field as {@code srs[0].attached_on_master} when it is wrong. */
    private static final class Reader {
        private final String source;

        Reader(String source) {
            this.source = source;
        }

        PoolDocument document(JsonNode root) {
            if (!root.isObject()) {
                throw fail("", "expected a JSON object (the pool document), found " + kind(root));
            }
            for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!FIELDS.contains(name)) {
                    throw fail(name, "unknown field (known: " + String.join(", ", FIELDS.stream().sorted().toList()) + ")");
                }
            }
            List<Sr> srs = srs(root.get("srs"));
            DriverTable drivers = drivers(root.get("sm"));
            List<Cluster> clusters = clusters(root.get("clusters"));
            List<String> heartbeat = strings(root.get("heartbeat_srs"), "heartbeat_srs");
            Map<String, Integer> srIndex = new HashMap<>();
            for (int i = 0; i < srs.size(); i++) {
                srIndex.put(srs.get(i).ref(), i);
            }
            for (int i = 0; i < heartbeat.size(); i++) {
                if (!srIndex.containsKey(heartbeat.get(i))) {
                    throw fail("heartbeat_srs[" + i + "]", quote(heartbeat.get(i)) + " is not the ref of an SR in srs");
                }
            }
            Optional<Path> rootDir = optionalString(root, "cluster_stack_root").map(this::absolutePath);
            return new PoolDocument(source, PoolSnapshot.of(srs, drivers, clusters),
                    optionalString(root, "cluster_stack").orElse(""), heartbeat,
                    Optional.ofNullable(root.get("ha_enabled")).map(n -> bool(n, "ha_enabled")),
                    optionalString(root, "ha_cluster_stack"), rootDir);
        }

        private List<Sr> srs(JsonNode node) {
            List<Sr> srs = new ArrayList<>();
            Uniqueness unique = new Uniqueness("srs");
            for (int i = 0; node != null && i < array(node, "srs").size(); i++) {
                String at = "srs[" + i + "]";
                JsonNode sr = object(node.get(i), at, Set.of("ref", "uuid", "type", "attached_on_master"));
                String ref = nonEmpty(required(sr, at, "ref"), at + ".ref");
                String uuid = nonEmpty(required(sr, at, "uuid"), at + ".uuid");
                unique.check(i, ref, uuid);
                srs.add(new Sr(ref, uuid, string(required(sr, at, "type"), at + ".type"),
                        bool(required(sr, at, "attached_on_master"), at + ".attached_on_master")));
            }
            return srs;
        }

        private List<Cluster> clusters(JsonNode node) {
            List<Cluster> clusters = new ArrayList<>();
            Uniqueness unique = new Uniqueness("clusters");
            for (int i = 0; node != null && i < array(node, "clusters").size(); i++) {
                String at = "clusters[" + i + "]";
                JsonNode cluster = object(node.get(i), at, Set.of("ref", "uuid", "cluster_stack"));
                String ref = nonEmpty(required(cluster, at, "ref"), at + ".ref");
                String uuid = nonEmpty(required(cluster, at, "uuid"), at + ".uuid");
                unique.check(i, ref, uuid);
                clusters.add(new Cluster(ref, uuid, string(required(cluster, at, "cluster_stack"), at + ".cluster_stack")));
            }
            return clusters;
        }

        private DriverTable drivers(JsonNode node) {
            Map<String, List<String>> table = new LinkedHashMap<>();
            if (node == null) {
                return DriverTable.of(table);
            }
            if (!node.isObject()) {
                throw fail("sm", "expected an object of SR type to required_cluster_stack lists, found " + kind(node));
            }
            node.properties().forEach(e -> table.put(e.getKey(),
                    strings(e.getValue(), "sm." + e.getKey())));
            return DriverTable.of(table);
        }

        private List<String> strings(JsonNode node, String at) {
            List<String> out = new ArrayList<>();
            if (node == null) {
                return out;
            }
            for (int i = 0; i < array(node, at).size(); i++) {
                out.add(string(node.get(i), at + "[" + i + "]"));
            }
            return out;
        }

        private Optional<String> optionalString(JsonNode root, String field) {
            return Optional.ofNullable(root.get(field)).map(n -> string(n, field));
        }

        private Path absolutePath(String text) {
            try {
                Path path = Path.of(text);
                if (!path.isAbsolute()) {
                    throw fail("cluster_stack_root", quote(text) + " is not an absolute path");
                }
                return path;
            } catch (InvalidPathException e) {
                throw fail("cluster_stack_root", quote(text) + " is not a usable path: " + e.getReason());
            }
        }

        private JsonNode array(JsonNode node, String at) {
            if (!node.isArray()) {
                throw fail(at, "expected an array, found " + kind(node));
            }
            return node;
        }

        private JsonNode object(JsonNode node, String at, Set<String> fields) {
            if (!node.isObject()) {
                throw fail(at, "expected an object, found " + kind(node));
            }
            node.fieldNames().forEachRemaining(name -> {
                if (!fields.contains(name)) {
                    throw fail(at + "." + name, "unknown field (known: "
                            + String.join(", ", fields.stream().sorted().toList()) + ")");
                }
            });
            return node;
        }

        private JsonNode required(JsonNode object, String at, String field) {
            JsonNode value = object.get(field);
            if (value == null) {
                throw fail(at + "." + field, "missing");
            }
            return value;
        }

        private String string(JsonNode node, String at) {
            if (!node.isTextual()) {
                throw fail(at, "expected a string, found " + kind(node));
            }
            return node.textValue();
        }

        private String nonEmpty(JsonNode node, String at) {
            String value = string(node, at);
            if (value.isEmpty()) {
                throw fail(at, "must not be empty");
            }
            return value;
        }

        private boolean bool(JsonNode node, String at) {
            if (!node.isBoolean()) {
                throw fail(at, "expected true or false, found " + kind(node));
            }
            return node.booleanValue();
        }

        private PoolInputException fail(String field, String what) {
            return new PoolInputException(source + ": " + (field.isEmpty() ? "" : field + ": ") + what);
        }

        static String kind(JsonNode node) {
            if (node.isTextual()) {
                return "the string " + quote(node.textValue());
            }
            if (node.isNull()) {
                return "null";
            }
            if (node.isContainerNode()) {
                return node.isArray() ? "an array" : "an object";
            }
            return node.getNodeType().name().toLowerCase(Locale.ROOT) + " " + node;
        }

        static String quote(String s) {
            try {
                return CommandLines.oneLine(MAPPER.writeValueAsString(s));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Canonical order needs distinct refs and distinct uuids (compared in lower case). */
        private final class Uniqueness {
            private final String list;
            private final Map<String, Integer> refs = new HashMap<>();
            private final Map<String, Integer> uuids = new HashMap<>();

            Uniqueness(String list) {
                this.list = list;
            }

            void check(int index, String ref, String uuid) {
                Integer earlier = refs.putIfAbsent(ref, index);
                if (earlier != null) {
                    throw fail(list + "[" + index + "].ref", quote(ref) + " is also the ref of " + list + "[" + earlier + "]");
                }
                earlier = uuids.putIfAbsent(PoolSnapshot.canonicalKey(uuid), index);
                if (earlier != null) {
                    throw fail(list + "[" + index + "].uuid", quote(uuid) + " is also the uuid of " + list + "["
                            + earlier + "] (compared in lower case)");
                }
            }
        }
    }
}
