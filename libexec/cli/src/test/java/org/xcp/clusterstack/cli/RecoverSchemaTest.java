package org.xcp.clusterstack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xcp.clusterstack.recover.Diagnosis;
import org.xcp.clusterstack.recover.DiagnosisCode;
import org.xcp.clusterstack.recover.Evidence;
import org.xcp.clusterstack.recover.Finding;
import org.xcp.clusterstack.recover.RecoveryAction;
import org.xcp.clusterstack.recover.RecoveryFix;

/**
 * {@code recover --json} against its published schema (docs/schemas/recover-v1.json): every diagnosis, applied or
 * not, nothing wrong and cannot diagnose validate; the schema requires exactly what the code writes, names every
 * diagnosis code, and operators.md lists every property.
 */
class RecoverSchemaTest {
    static final Path REPO = Path.of("").toAbsolutePath().getParent().getParent();
    static final Path SCHEMA = REPO.resolve("docs/schemas/recover-v1.json");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<Evidence> EVIDENCE = List.of(new Evidence("run dir /run/cluster-stack/xhad/ab",
            "pid file: 4242"), new Evidence("statefile /dev/sdb", "pool state ACTIVE"));

    static Schema schema() throws IOException {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(Files.readString(SCHEMA));
    }

    static Stream<Map<String, Object>> outputs() {
        List<Map<String, Object>> all = new ArrayList<>();
        for (DiagnosisCode code : DiagnosisCode.values()) {
            all.add(RecoverCommand.json(new Diagnosis(code, EVIDENCE, RecoveryFix.advice("what to do")), false,
                    Optional.empty(), Optional.empty()));
        }
        all.add(RecoverCommand.json(new Diagnosis(DiagnosisCode.STALE_PID, EVIDENCE, RecoveryFix.applying(
                RecoveryAction.REMOVE_STALE_PID, "remove it")), true, Optional.of("removed /run/x/pid"),
                Optional.of(Path.of("/var/log/cluster-stack/xhad/h/events.jsonl"))));
        all.add(RecoverCommand.json(new Finding.Healthy("a daemon runs", EVIDENCE), false, Optional.empty(),
                Optional.empty()));
        all.add(RecoverCommand.json(new Finding.Undiagnosed("the last run ended with 12", EVIDENCE,
                List.of("daemon.log")), false, Optional.empty(), Optional.empty()));
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("outputs")
    void everyOutputValidates(Map<String, Object> view) throws IOException {
        JsonNode json = MAPPER.valueToTree(view);
        assertThat(schema().validate(json)).as("%s", json).isEmpty();
    }

    @Test
    void anOutputMissingAFieldOrWithAnUnknownDiagnosisDoesNot() throws IOException {
        Map<String, Object> view = outputs().findFirst().orElseThrow();
        ObjectNode missing = MAPPER.valueToTree(view);
        missing.remove("applied");
        assertThat(schema().validate(missing)).isNotEmpty();
        ObjectNode unknown = MAPPER.valueToTree(view);
        unknown.put("diagnosis", "disk-on-fire");
        assertThat(schema().validate(unknown)).isNotEmpty();
    }

    @Test
    void theSchemaRequiresWhatTheCodeWritesNamesEveryCodeAndTheDocsListEveryProperty() throws IOException {
        Map<String, Object> view = outputs().findFirst().orElseThrow();
        JsonNode schema = MAPPER.readTree(Files.readString(SCHEMA));
        List<String> required = new ArrayList<>();
        schema.get("required").forEach(n -> required.add(n.asText()));
        assertThat(required).containsExactlyInAnyOrderElementsOf(view.keySet());
        List<String> codes = new ArrayList<>();
        schema.at("/properties/diagnosis/enum").forEach(n -> {
            if (!n.isNull()) {
                codes.add(n.asText());
            }
        });
        assertThat(codes).containsExactlyInAnyOrderElementsOf(Arrays.stream(DiagnosisCode.values())
                .map(DiagnosisCode::code).toList());
        assertThat(schema.at("/properties/schema/const").asText()).isEqualTo(RecoverCommand.SCHEMA);
        assertThat(schema.at("/properties/version/const").asInt()).isEqualTo(RecoverCommand.VERSION);
        String operators = Files.readString(REPO.resolve("docs/operators.md")).replace("\n", " ");
        String json = operators.substring(operators.indexOf("`--json` prints one object: `schema` (`cluster-stack/recover`)"));
        json = json.substring(0, json.indexOf("On the one-host pool above"));
        for (String key : view.keySet()) {
            assertThat(json).as("operators.md names " + key).contains("`" + key + "`");
        }
        for (DiagnosisCode code : DiagnosisCode.values()) {
            assertThat(operators).as("operators.md tables " + code.code()).contains("| `" + code.code() + "`");
        }
    }
}
