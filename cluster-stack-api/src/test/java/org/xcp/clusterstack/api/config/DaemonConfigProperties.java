package org.xcp.clusterstack.api.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.xcp.clusterstack.api.HaUuid;

/**
 * Round trip through the reader: any valid pool written as xapi writes it (hosts in any order, any subset
 * of parameters, UUIDs in any case) reads back as that pool, host indexes following the sorted UUIDs.
 */
class DaemonConfigProperties {

    record Pool(List<String> hostIds, int localPosition, int udpPort, Map<Parameter, Integer> parameters,
            boolean upperCase) {
    }

    @Property(tries = 500)
    void aWrittenPoolReadsBackWithIndexesBySortedUuid(@ForAll("pools") Pool pool) {
        DaemonConfig config = DaemonConfigReader.parse(xml(pool).getBytes(StandardCharsets.UTF_8), "pool.conf");

        List<HaUuid> sorted = pool.hostIds().stream().map(HaUuid::parse).sorted(Comparator.naturalOrder()).toList();
        assertThat(config.hosts()).extracting(ConfiguredHost::id).containsExactlyElementsOf(sorted);
        HaUuid local = HaUuid.parse(pool.hostIds().get(pool.localPosition()));
        assertThat(config.localHost().index()).isEqualTo(sorted.indexOf(local));
        assertThat(config.udpPort()).isEqualTo(pool.udpPort());
        for (Parameter p : Parameter.values()) {
            assertThat(config.parameters().get(p)).isEqualTo(pool.parameters().getOrDefault(p, p.defaultValue()));
        }
    }

    @Provide
    Arbitrary<Pool> pools() {
        Arbitrary<List<String>> ids = Arbitraries.strings().withChars("0123456789abcdef").ofLength(32)
                .map(HaUuid::new).map(HaUuid::dashed).list().uniqueElements().ofMinSize(1).ofMaxSize(64);
        Arbitrary<Map<Parameter, Integer>> parameters = Arbitraries.maps(Arbitraries.of(Parameter.class),
                Arbitraries.integers().between(1, Parameter.MAX_VALUE)).ofMaxSize(Parameter.values().length)
                .map(m -> m.isEmpty() ? Map.of() : new EnumMap<>(m));
        return Combinators.combine(ids, Arbitraries.integers().between(0, 63),
                        Arbitraries.integers().between(1, 65535), parameters, Arbitraries.of(true, false))
                .as((hosts, local, port, params, upper) -> new Pool(hosts, local % hosts.size(), port, params, upper));
    }

    private static String xml(Pool pool) {
        StringBuilder hosts = new StringBuilder();
        List<String> ids = new ArrayList<>(pool.hostIds());
        for (int i = 0; i < ids.size(); i++) {
            String id = pool.upperCase() ? ids.get(i).toUpperCase() : ids.get(i);
            hosts.append("    <host>\n      <HostID>").append(id).append("</HostID>\n      <IPaddress>10.0.")
                    .append(i / 250).append('.').append(i % 250 + 1).append("</IPaddress>\n    </host>\n");
        }
        StringBuilder params = new StringBuilder();
        pool.parameters().forEach((p, v) -> params.append("      <").append(p.element()).append('>').append(v)
                .append("</").append(p.element()).append(">\n"));
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<xhad-config version=\"1.0\">\n  <common-config>\n"
                + "    <GenerationUUID>5f1c2e3a-7b84-4d6f-9a0b-1c2d3e4f5a60</GenerationUUID>\n"
                + "    <UDPport>" + pool.udpPort() + "</UDPport>\n" + hosts
                + "    <parameters>\n" + params + "    </parameters>\n  </common-config>\n  <local-config>\n"
                + "    <localhost>\n      <HostID>" + pool.hostIds().get(pool.localPosition()) + "</HostID>\n"
                + "      <HeartbeatInterface>xenbr0</HeartbeatInterface>\n"
                + "      <StateFile>/dev/sdb</StateFile>\n    </localhost>\n  </local-config>\n</xhad-config>";
    }
}
