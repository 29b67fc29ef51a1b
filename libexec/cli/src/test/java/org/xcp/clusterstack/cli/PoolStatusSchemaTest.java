package org.xcp.clusterstack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.xcp.clusterstack.poolstatus.LocalDaemonReading;
import org.xcp.clusterstack.poolstatus.PoolFixture;
import org.xcp.clusterstack.poolstatus.PoolPicture;
import org.xcp.clusterstack.poolstatus.QuorumRule;
import org.xcp.clusterstack.poolstatus.WarningCode;

/**
 * {@code pool status --json} against its published schema (docs/schemas/pool-status-v1.json), validated by a JSON
 * Schema validator, on pictures of healthy and degraded pools; and the schema, the docs and the code name the same
 * warning codes and host properties.
 */
class PoolStatusSchemaTest {
    static final Path REPO = Path.of("").toAbsolutePath().getParent().getParent();
    static final Path SCHEMA = REPO.resolve("docs/schemas/pool-status-v1.json");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static Schema schema() throws IOException {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(Files.readString(SCHEMA));
    }

    static Stream<PoolPicture> pictures() {
        return Stream.of(PoolFixture.of(3, 1).master(0).picture(),
                PoolFixture.of(2, 0).storage(Duration.ofSeconds(60)).fencer("sbd", "pid 9").picture(),
                PoolFixture.of(4, 3).stopped(0).stopped(3).section(3, s -> s.excluded(true)).picture(),
                PoolFixture.of(3, 2).local(new LocalDaemonReading("Starting", OptionalLong.of(5), "disarmed",
                        Optional.of(PoolFixture.NOW.minusSeconds(300)))).picture(),
                PoolFixture.of(3, 0).rule(QuorumRule.unknown("no corosync-quorumtool")).picture());
    }

    @ParameterizedTest
    @MethodSource("pictures")
    void everyOutputValidates(PoolPicture picture) throws IOException {
        JsonNode json = MAPPER.readTree(MAPPER.writeValueAsString(PoolStatusView.json(picture)));
        List<Error> errors = schema().validate(json);
        assertThat(errors).as("%s", json).isEmpty();
    }

    @Test
    void anOutputMissingAFieldOrWithAnUnknownStateDoesNot() throws IOException {
        Map<String, Object> view = PoolStatusView.json(PoolFixture.of(3, 1).picture());
        JsonNode good = MAPPER.valueToTree(view);
        ((com.fasterxml.jackson.databind.node.ObjectNode) good).remove("survives_failures");
        assertThat(schema().validate(good)).isNotEmpty();
        JsonNode bad = MAPPER.valueToTree(view);
        ((com.fasterxml.jackson.databind.node.ObjectNode) bad.get("hosts").get(0)).put("state", "fenced");
        assertThat(schema().validate(bad)).isNotEmpty();
    }

    @Test
    void theSchemaTheDocsAndTheCodeNameTheSameWarningCodes() throws IOException {
        TreeSet<String> code = new TreeSet<>(Arrays.stream(WarningCode.values()).map(WarningCode::code).toList());
        JsonNode schema = MAPPER.readTree(Files.readString(SCHEMA));
        String described = schema.at("/properties/warnings/items/properties/code/description").asText();
        assertThat(backticked(described, "(?<![a-z-])([a-z]+(?:-[a-z]+)+)(?![a-z-])")).isEqualTo(code);
        String operators = Files.readString(REPO.resolve("docs/operators.md"));
        String table = operators.substring(operators.indexOf("| code | when | fix it names |"));
        table = table.substring(0, table.indexOf("\n\n"));
        assertThat(backticked(table, "^\\| `([a-z-]+)` \\|")).isEqualTo(code);
    }

    @Test
    void theSchemaRequiresEveryPropertyTheCodeWritesAndTheDocsListThem() throws IOException {
        Map<String, Object> view = PoolStatusView.json(PoolFixture.of(3, 1).picture());
        JsonNode schema = MAPPER.readTree(Files.readString(SCHEMA));
        assertThat(names(schema.get("required"))).containsExactlyInAnyOrderElementsOf(view.keySet());
        @SuppressWarnings("unchecked")
        Map<String, Object> host = ((List<Map<String, Object>>) view.get("hosts")).get(0);
        assertThat(names(schema.at("/properties/hosts/items/required"))).containsExactlyInAnyOrderElementsOf(
                host.keySet());
        String operators = Files.readString(REPO.resolve("docs/operators.md")).replace("\n", " ");
        String json = operators.substring(operators.indexOf("**`--json`** prints one object"));
        json = json.substring(0, json.indexOf("Within version 1"));
        for (String key : view.keySet()) {
            assertThat(json).as("operators.md names " + key).contains("`" + key + "`");
        }
        for (String key : host.keySet()) {
            assertThat(json).as("operators.md names " + key).contains("`" + key + "`");
        }
        assertThat(schema.at("/properties/version/const").asInt()).isEqualTo(PoolStatusView.VERSION);
        assertThat(schema.at("/properties/schema/const").asText()).isEqualTo(PoolStatusView.SCHEMA);
    }

    private static List<String> names(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static TreeSet<String> backticked(String text, String regex) {
        TreeSet<String> out = new TreeSet<>();
        Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
