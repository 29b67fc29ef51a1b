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
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.HostSet;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.config.DaemonConfigBuilder;
import org.xcp.clusterstack.api.config.WatchdogMode;
import org.xcp.clusterstack.whatif.Fault;
import org.xcp.clusterstack.whatif.PoolNow;
import org.xcp.clusterstack.whatif.Prediction;
import org.xcp.clusterstack.whatif.WhatIf;

/**
 * {@code simulate --json} against its published schema (docs/schemas/simulate-v1.json), validated by a JSON Schema
 * validator, on predictions of every kind of fault; the schema requires exactly what the code writes.
 */
class SimulateSchemaTest {
    private static final Path SCHEMA = PoolStatusSchemaTest.REPO.resolve("docs/schemas/simulate-v1.json");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static Schema schema() throws IOException {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(Files.readString(SCHEMA));
    }

    static Stream<Prediction> predictions() {
        return Stream.of(predict("xhad", 3, Fault.of(Fault.Kind.FAIL, 0)),
                predict("xhad", 3, Fault.of(Fault.Kind.HANG, 2), Fault.cut(0, 1)),
                predict("xhad", 2, Fault.of(Fault.Kind.ISOLATE, 1)),
                predict("xhad", 2, Fault.of(Fault.Kind.STATEFILE_LOST, 0), Fault.of(Fault.Kind.STATEFILE_LOST, 1)),
                predict("corosync", 3, Fault.of(Fault.Kind.ISOLATE, 2)));
    }

    @ParameterizedTest
    @MethodSource("predictions")
    void everyPredictionValidates(Prediction p) throws IOException {
        JsonNode json = MAPPER.valueToTree(SimulateCommand.json(p));
        assertThat(schema().validate(json)).as("%s", json).isEmpty();
    }

    @Test
    void aMissingFieldOrAnUnknownFaultDoesNot() throws IOException {
        JsonNode good = MAPPER.valueToTree(SimulateCommand.json(predict("xhad", 2, Fault.of(Fault.Kind.FAIL, 1))));
        JsonNode missing = good.deepCopy();
        ((ObjectNode) missing).remove("survivors");
        assertThat(schema().validate(missing)).isNotEmpty();
        JsonNode unknown = good.deepCopy();
        ((ObjectNode) unknown.get("faults").get(0)).put("kind", "reboot");
        assertThat(schema().validate(unknown)).isNotEmpty();
    }

    @Test
    void theSchemaRequiresExactlyWhatTheCodeWrites() throws IOException {
        JsonNode schema = MAPPER.readTree(Files.readString(SCHEMA));
        TreeSet<String> required = new TreeSet<>();
        schema.get("required").forEach(n -> required.add(n.asText()));
        TreeSet<String> written = new TreeSet<>(SimulateCommand.json(predict("xhad", 2)).keySet());
        assertThat(required).isEqualTo(written);
        TreeSet<String> kinds = new TreeSet<>();
        schema.at("/properties/faults/items/properties/kind/enum").forEach(n -> kinds.add(n.asText()));
        assertThat(kinds).isEqualTo(new TreeSet<>(Stream.of(Fault.Kind.values()).map(Fault.Kind::word).toList()));
    }

    private static Prediction predict(String stack, int hosts, Fault... faults) {
        DaemonConfigBuilder b = DaemonConfig.builder().generation(HaUuid.parse("5a1e0c3d-2b4f-4e6a-9c8d-7f6e5d4c3b2a"))
                .haTimeout(10).heartbeatInterface("lo").stateFile(Path.of("/nonexistent/statefile"))
                .watchdogMode(WatchdogMode.NONE);
        for (int i = 0; i < hosts; i++) {
            b.host(HaUuid.parse(String.format("%08x-0000-4000-8000-%012x", 0x10 * (i + 1), i + 1)), "127.0.0." + (11 + i));
        }
        PoolNow now = new PoolNow(b.buildForEachHost().get(0), stack, HostSet.firstN(hosts), Optional.of(0), "given");
        return WhatIf.predict(now, List.of(faults));
    }
}
