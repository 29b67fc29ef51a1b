package org.xcp.clusterstack.api.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.xcp.clusterstack.api.HaUuid;

/**
 * A parsed {@code xhad.conf} (spec §3): the pool-wide {@code common-config} and this host's
 * {@code local-config}. Hosts are listed in index order; read one with {@link DaemonConfigReader}.
 */
public record DaemonConfig(
        HaUuid generation,
        int udpPort,
        List<ConfiguredHost> hosts,
        DaemonParameters parameters,
        LocalHostConfig local) {

    /** Where xapi writes the file on every host. */
    /** xapi's place for it on every host, as text for option defaults. */
    public static final String DEFAULT_FILE = "/etc/xensource/xhad.conf";
    public static final Path DEFAULT_PATH = Path.of(DEFAULT_FILE);
    /** The statefile has room for 64 host sections. */
    public static final int MAX_HOSTS = 64;

    public DaemonConfig {
        Objects.requireNonNull(generation);
        Objects.requireNonNull(parameters);
        Objects.requireNonNull(local);
        hosts = List.copyOf(hosts);
        if (hosts.isEmpty() || hosts.size() > MAX_HOSTS) {
            throw new IllegalArgumentException("a pool has 1 to 64 hosts, not " + hosts.size());
        }
        for (int i = 0; i < hosts.size(); i++) {
            if (hosts.get(i).index() != i) {
                throw new IllegalArgumentException("hosts must be listed in index order");
            }
            if (i > 0 && hosts.get(i - 1).id().compareTo(hosts.get(i).id()) >= 0) {
                throw new IllegalArgumentException("host indexes must follow the sorted, distinct UUIDs");
            }
        }
        if (udpPort < 1 || udpPort > 65535) {
            throw new IllegalArgumentException("UDP port " + udpPort + " is outside 1..65535");
        }
        if (hosts.stream().noneMatch(h -> h.id().equals(local.hostId()))) {
            throw new IllegalArgumentException("the local host " + local.hostId() + " is not a configured host");
        }
    }

    /** A pool's configs assembled by hand; {@link DaemonConfigWriter} writes them as xapi would. */
    public static DaemonConfigBuilder builder() {
        return new DaemonConfigBuilder();
    }

    public Optional<ConfiguredHost> host(HaUuid id) {
        return hosts.stream().filter(h -> h.id().equals(id)).findFirst();
    }

    /** This host's entry in the host list. */
    public ConfiguredHost localHost() {
        return host(local.hostId()).orElseThrow();
    }

    public int hostCount() {
        return hosts.size();
    }
}
