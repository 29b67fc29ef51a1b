package org.xcp.clusterstack.ocfs2.o2cb;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.config.ConfiguredHost;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.spi.StackSettings;

/**
 * o2cb node number ↔ xapi host UUID, for the liveset. Given by the settings {@code o2cb.node.<number> =
 * <host uuid>}; without any, the o2cb node number is the host's index in {@code xhad.conf}, because xapi's
 * OCFS2 design assigns o2cb numbers from 0 upwards (stacks.md §3.2) as xhad.conf assigns indexes, in host
 * UUID order.
 */
public final class NodeMap {
    public static final String KEY_PREFIX = "o2cb.node.";
    private static final Pattern KEY = Pattern.compile(Pattern.quote(KEY_PREFIX) + "(0|[1-9][0-9]{0,2})");

    private final Map<Integer, HaUuid> hosts;
    private final boolean explicit;

    private NodeMap(Map<Integer, HaUuid> hosts, boolean explicit) {
        this.hosts = Map.copyOf(hosts);
        this.explicit = explicit;
    }

    /** Node {@code i} is the host of index {@code i}. */
    public static NodeMap byHostIndex(DaemonConfig config) {
        Map<Integer, HaUuid> hosts = new TreeMap<>();
        for (ConfiguredHost h : config.hosts()) {
            hosts.put(h.index(), h.id());
        }
        return new NodeMap(hosts, false);
    }

    /** The {@code o2cb.node.<n>} settings if any is set, else {@link #byHostIndex}. Exit 7 for a bad one. */
    public static NodeMap from(StackSettings settings, DaemonConfig config) {
        Map<Integer, HaUuid> hosts = new TreeMap<>();
        Map<HaUuid, String> keys = new TreeMap<>();
        for (String key : new TreeMap<>(settings.asMap()).keySet()) {
            if (!key.startsWith(KEY_PREFIX)) {
                continue;
            }
            int number = number(settings, key);
            String value = settings.get(key).orElseThrow();
            HaUuid host;
            try {
                host = HaUuid.parse(value);
            } catch (IllegalArgumentException e) {
                throw settings.invalid(key, "'" + value + "' " + e.getMessage());
            }
            if (config.host(host).isEmpty()) {
                throw settings.invalid(key, host + " is not a host of the pool's xhad.conf");
            }
            String other = keys.putIfAbsent(host, key);
            if (other != null) {
                throw settings.invalid(key, host + " is already o2cb node " + other.substring(KEY_PREFIX.length()));
            }
            hosts.put(number, host);
        }
        return hosts.isEmpty() ? byHostIndex(config) : new NodeMap(hosts, true);
    }

    /** The node number of an {@code o2cb.node.<n>} key; exit 7 when it is not 0..254. */
    public static int number(StackSettings settings, String key) {
        Matcher m = KEY.matcher(key);
        if (!m.matches() || Integer.parseInt(m.group(1)) > O2cbNode.MAX_NUMBER) {
            throw settings.invalid(key, "expected o2cb.node.<number> with an o2cb node number from 0 to 254");
        }
        return Integer.parseInt(m.group(1));
    }

    public Optional<HaUuid> host(int number) {
        return Optional.ofNullable(hosts.get(number));
    }

    public OptionalInt number(HaUuid host) {
        return hosts.entrySet().stream().filter(e -> e.getValue().equals(host)).mapToInt(Map.Entry::getKey)
                .findFirst();
    }

    /** True when the mapping came from {@code o2cb.node.<n>} settings. */
    public boolean explicit() {
        return explicit;
    }

    public Map<Integer, HaUuid> asMap() {
        return new TreeMap<>(hosts);
    }

    @Override
    public String toString() {
        return (explicit ? "o2cb.node settings " : "host index ") + asMap();
    }
}
