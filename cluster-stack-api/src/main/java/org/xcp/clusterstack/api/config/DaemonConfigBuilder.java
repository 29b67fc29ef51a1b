package org.xcp.clusterstack.api.config;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.xcp.clusterstack.api.HaUuid;

/**
 * A pool's {@code xhad.conf} contents assembled by hand (tests, {@code verify}, the demo): the shared
 * common-config once, then one {@link DaemonConfig} per host. Hosts may be added in any order; indexes
 * follow the sorted UUIDs as the reader assigns them (spec §3.3). Unset parameters keep xhad's defaults,
 * the UDP port xapi's 694, the watchdog HYPERVISOR; the generation, the heartbeat interface and the
 * statefile must be given. Get one from {@link DaemonConfig#builder()}.
 */
public final class DaemonConfigBuilder {
    /** xapi's heartbeat port. */
    public static final int XAPI_UDP_PORT = 694;

    private HaUuid generation;
    private int udpPort = XAPI_UDP_PORT;
    private final TreeMap<HaUuid, InetAddress> hosts = new TreeMap<>();
    private final Map<Parameter, Integer> parameters = new EnumMap<>(Parameter.class);
    private String heartbeatInterface;
    private Optional<String> heartbeatPhysicalInterface = Optional.empty();
    private Path stateFile;
    private WatchdogMode watchdogMode = WatchdogMode.HYPERVISOR;

    DaemonConfigBuilder() {
    }

    public DaemonConfigBuilder generation(HaUuid generation) {
        this.generation = Objects.requireNonNull(generation);
        return this;
    }

    public DaemonConfigBuilder udpPort(int udpPort) {
        this.udpPort = udpPort;
        return this;
    }

    public DaemonConfigBuilder host(HaUuid id, InetAddress address) {
        Objects.requireNonNull(address);
        if (hosts.putIfAbsent(Objects.requireNonNull(id), address) != null) {
            throw new IllegalArgumentException("host " + id + " is added twice");
        }
        return this;
    }

    /** @param address a numeric IPv4 or IPv6 literal, as {@code IPaddress} must be (never looked up) */
    public DaemonConfigBuilder host(HaUuid id, String address) {
        return host(id, NumericAddress.parse(address).orElseThrow(() ->
                new IllegalArgumentException(address + " is not a numeric IPv4 or IPv6 address")));
    }

    public DaemonConfigBuilder parameter(Parameter p, int value) {
        parameters.put(p, value);
        return this;
    }

    /**
     * The eight timings xapi derives from its HA timeout {@code t} (spec §3.5, {@code Xapi_ha.Timeouts.derive});
     * the health-check leaves come from xapi.conf, not from T, and are left as they are.
     */
    public DaemonConfigBuilder haTimeout(int t) {
        if (t < 10) {
            throw new IllegalArgumentException("xapi refuses an HA timeout below 10, not " + t);
        }
        return parameter(Parameter.HEARTBEAT_INTERVAL, Math.min((t + 10) / 10, 3))
                .parameter(Parameter.HEARTBEAT_TIMEOUT, t)
                .parameter(Parameter.STATEFILE_INTERVAL, Math.max(2, t / 20))
                .parameter(Parameter.STATEFILE_TIMEOUT, t)
                .parameter(Parameter.HEARTBEAT_WATCHDOG_TIMEOUT, t)
                .parameter(Parameter.STATEFILE_WATCHDOG_TIMEOUT, t + 15)
                .parameter(Parameter.BOOT_JOIN_TIMEOUT, t + 60)
                .parameter(Parameter.ENABLE_JOIN_TIMEOUT, t + 60);
    }

    public DaemonConfigBuilder heartbeatInterface(String name) {
        this.heartbeatInterface = Objects.requireNonNull(name);
        return this;
    }

    public DaemonConfigBuilder heartbeatPhysicalInterface(String name) {
        this.heartbeatPhysicalInterface = Optional.of(name);
        return this;
    }

    public DaemonConfigBuilder stateFile(Path path) {
        this.stateFile = Objects.requireNonNull(path);
        return this;
    }

    public DaemonConfigBuilder watchdogMode(WatchdogMode mode) {
        this.watchdogMode = Objects.requireNonNull(mode);
        return this;
    }

    /** The config of host {@code localHost}, which must have been added. */
    public DaemonConfig build(HaUuid localHost) {
        if (generation == null || heartbeatInterface == null || stateFile == null) {
            throw new IllegalStateException("a config needs a generation, a heartbeat interface and a statefile");
        }
        List<ConfiguredHost> indexed = new ArrayList<>(hosts.size());
        hosts.forEach((id, address) -> indexed.add(new ConfiguredHost(id, indexed.size(), address)));
        return new DaemonConfig(generation, udpPort, indexed, new DaemonParameters(parameters),
                new LocalHostConfig(localHost, heartbeatInterface, heartbeatPhysicalInterface, stateFile, watchdogMode));
    }

    /** Every host's config, in index order: element {@code i} is the config of the host with index {@code i}. */
    public List<DaemonConfig> buildForEachHost() {
        return hosts.keySet().stream().map(this::build).toList();
    }
}
