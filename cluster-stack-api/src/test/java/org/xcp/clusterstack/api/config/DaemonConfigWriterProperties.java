package org.xcp.clusterstack.api.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.xcp.clusterstack.api.HaUuid;

/** Write then read gives back the same config, for any config the writer accepts. */
class DaemonConfigWriterProperties {

    @Property(tries = 500)
    void writeThenReadIsTheSameConfig(@ForAll("configs") DaemonConfig config) {
        String text = DaemonConfigWriter.render(config);

        assertThat(DaemonConfigReader.parse(text.getBytes(StandardCharsets.UTF_8), "xhad.conf")).isEqualTo(config);
    }

    @Provide
    Arbitrary<DaemonConfig> configs() {
        Arbitrary<List<HaUuid>> ids = Arbitraries.strings().withChars("0123456789abcdef").ofLength(32)
                .map(HaUuid::new).list().uniqueElements().ofMinSize(1).ofMaxSize(64);
        Arbitrary<Map<Parameter, Integer>> parameters = Arbitraries.maps(Arbitraries.of(Parameter.class),
                Arbitraries.integers().between(0, Parameter.MAX_VALUE)).ofMaxSize(Parameter.values().length)
                .map(m -> {
                    m.replaceAll((p, v) -> Math.max(v, p.minimum()));
                    return m;
                });
        Arbitrary<String> iface = text().ofMinLength(1).ofMaxLength(LocalHostConfig.MAX_INTERFACE_LENGTH);
        Arbitrary<Optional<String>> physical = text().ofMaxLength(LocalHostConfig.MAX_INTERFACE_LENGTH)
                .optional();
        Arbitrary<Path> stateFile = text().ofMaxLength(80).map(s -> Path.of("/" + s));
        Arbitrary<LocalHostConfig> locals = Combinators.combine(iface, physical, stateFile,
                Arbitraries.of(WatchdogMode.class))
                .as((i, p, s, w) -> new LocalHostConfig(HaUuid.parse("00000000000000000000000000000000"), i, p, s, w));
        return Combinators.combine(ids, Arbitraries.integers().between(0, 63), Arbitraries.integers().between(1, 65535),
                        parameters, locals, addresses().list().ofSize(64))
                .as((hosts, localAt, port, params, local, addresses) -> {
                    DaemonConfigBuilder b = DaemonConfig.builder().generation(hosts.get(0)).udpPort(port)
                            .heartbeatInterface(local.heartbeatInterface()).stateFile(local.stateFile())
                            .watchdogMode(local.watchdogMode());
                    local.heartbeatPhysicalInterface().ifPresent(b::heartbeatPhysicalInterface);
                    params.forEach(b::parameter);
                    for (int i = 0; i < hosts.size(); i++) {
                        b.host(hosts.get(i), addresses.get(i));
                    }
                    return b.build(hosts.get(localAt % hosts.size()));
                });
    }

    /** Any text XML can carry, markup characters and CR included. */
    private static net.jqwik.api.arbitraries.StringArbitrary text() {
        return Arbitraries.strings().withChars("\t\n\r&<>\"' ]").withCharRange(' ', '\u00ff')
                .withCharRange('\u0100', '\uD7FF').withCharRange('\uE000', '\uFFFD');
    }

    private static Arbitrary<InetAddress> addresses() {
        return Arbitraries.oneOf(Arbitraries.bytes().array(byte[].class).ofSize(4),
                Arbitraries.bytes().array(byte[].class).ofSize(16)).map(bytes -> {
                    try {
                        return InetAddress.getByAddress(bytes);
                    } catch (UnknownHostException e) {
                        throw new AssertionError(e);
                    }
                });
    }
}
