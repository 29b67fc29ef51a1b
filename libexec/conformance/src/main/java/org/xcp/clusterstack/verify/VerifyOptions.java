package org.xcp.clusterstack.verify;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.HaUuid;

/**
 * How {@code cluster-stack verify} builds its private pool: {@code hosts} hosts heartbeating on
 * {@code address}, {@code address}+1, ... at {@code port}, xapi's timeouts for HA timeout {@code timeout},
 * and a {@code watchdog} mode that never resets the machine (NONE, or USER: a process, not the host). A stack
 * on an external manager needs the pool to be the manager's: {@code hostIds} are then the UUIDs its
 * membership names (otherwise fresh ones), and {@code settings} the stack's settings file, given to every host
 * ({@code {host}} in its name: each host its own). A pool whose hosts are not this machine's processes says how
 * to reach them ({@link HostTemplates}); {@code groups}, when not empty, limits the lifecycle to those groups
 * (and what they stand on).
 */
public record VerifyOptions(int hosts, String address, int port, int timeout, String watchdog, List<String> hostIds,
        Optional<String> settings, HostTemplates templates, Set<Check.Group> groups) {
    public static final String KEYS = "address=IPV4 (first host's; default 127.0.0.1), port=N (694),"
            + " timeout=T (10), watchdog=NONE|USER (NONE), host-ids=UUID,... (the manager's hosts; default new"
            + " ones), settings=FILE (the stack's settings file for every host; {host} in it: each host's own),"
            + " host-exec=COMMAND (a prefix that runs a command on host {host}; default: here),"
            + " host-crash=COMMAND (crashes host {host} at once; default: SIGKILL of its daemon and its children),"
            + " run-base=DIR (host {host}'s daemons' run-time base as seen from here; default: the stack's),"
            + " checks=GROUP,... (only these groups: static no-daemon start liveset master shutdown starting excluded"
            + " statefile-change failover statefile-loss pool-state config; default all)";
    private static final String KNOWN = "address|port|timeout|watchdog|host-ids|settings|host-exec|host-crash|run-base"
            + "|checks";

    public VerifyOptions(int hosts, String address, int port, int timeout, String watchdog) {
        this(hosts, address, port, timeout, watchdog, List.of(), Optional.empty(), HostTemplates.LOCAL, Set.of());
    }

    public VerifyOptions {
        if (hosts < 1 || hosts > 64) {
            throw bad("--hosts must be 1 to 64, not " + hosts);
        }
        if (port < 1 || port > 65535) {
            throw bad("-o port must be 1 to 65535, not " + port);
        }
        if (timeout < 10) {
            throw bad("-o timeout must be at least 10 (xapi refuses a smaller HA timeout), not " + timeout);
        }
        if (!watchdog.equals("NONE") && !watchdog.equals("USER")) {
            throw bad("-o watchdog must be NONE or USER (verify never arms a watchdog that resets the machine), not "
                    + watchdog);
        }
        hostIds = List.copyOf(hostIds);
        if (!hostIds.isEmpty() && hostIds.size() != hosts) {
            throw bad("-o host-ids names " + hostIds.size() + " hosts but --hosts is " + hosts);
        }
        for (String id : hostIds) {
            try {
                HaUuid.parse(id);
            } catch (IllegalArgumentException | HaException e) {
                throw bad("-o host-ids: '" + id + "' is not a host UUID");
            }
        }
        if (hostIds.stream().map(id -> id.replace("-", "").toLowerCase(java.util.Locale.ROOT)).distinct().count()
                != hostIds.size()) {
            throw bad("-o host-ids names a host twice");
        }
        Objects.requireNonNull(templates);
        groups = groups.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(groups));
        for (int i = 0; i < hosts; i++) {
            int host = i;
            settings.map(f -> Path.of(f.replace("{host}", Integer.toString(host)))).ifPresent(f -> {
                if (!Files.isRegularFile(f)) {
                    throw bad("-o settings: " + f + " is not a file");
                }
            });
        }
        byte[] first = ipv4(address);
        if ((first[3] & 0xff) + hosts - 1 > 254) {
            throw bad("-o address " + address + " leaves no room for " + hosts + " hosts in its /24");
        }
    }

    /** @param settings the {@code -o key=value} pairs; an unknown key is exit 1 naming it */
    public static VerifyOptions of(int hosts, Map<String, String> settings) {
        for (String key : settings.keySet()) {
            if (!key.matches(KNOWN)) {
                throw bad("unknown -o key '" + key + "' (known: " + KEYS + ")");
            }
        }
        return new VerifyOptions(hosts, settings.getOrDefault("address", "127.0.0.1"),
                integer("port", settings.getOrDefault("port", "694")),
                integer("timeout", settings.getOrDefault("timeout", "10")),
                settings.getOrDefault("watchdog", "NONE").toUpperCase(java.util.Locale.ROOT),
                Optional.ofNullable(settings.get("host-ids")).map(v -> List.of(v.split(",", -1))).orElse(List.of()),
                Optional.ofNullable(settings.get("settings")),
                new HostTemplates(template(settings, "host-exec"), template(settings, "host-crash"),
                        template(settings, "run-base")),
                Optional.ofNullable(settings.get("checks")).map(VerifyOptions::groups).orElse(Set.of()));
    }

    /** Host {@code i}'s settings file, if the pool has one. */
    public Optional<Path> settings(int i) {
        return settings.map(f -> Path.of(f.replace("{host}", Integer.toString(i))));
    }

    /** Whether the lifecycle runs {@code group}'s checks. */
    public boolean runs(Check.Group group) {
        return groups.isEmpty() || groups.contains(group);
    }

    private static Optional<String> template(Map<String, String> settings, String key) {
        String value = settings.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value.isBlank()) {
            throw bad("-o " + key + " needs a command or a path");
        }
        if (!value.contains("{host}") && !value.contains("{uuid}")) {
            throw bad("-o " + key + " must name the host as {host} (its index) or {uuid}, in '" + value + "'");
        }
        return Optional.of(value.strip());
    }

    private static Set<Check.Group> groups(String value) {
        Set<Check.Group> groups = EnumSet.noneOf(Check.Group.class);
        for (String word : value.split(",", -1)) {
            try {
                groups.add(Check.Group.valueOf(word.strip().toUpperCase(java.util.Locale.ROOT).replace('-', '_')));
            } catch (IllegalArgumentException e) {
                throw bad("-o checks: unknown group '" + word + "' (known: " + java.util.Arrays.stream(
                        Check.Group.values()).map(g -> g.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
                        .collect(java.util.stream.Collectors.joining(" ")) + ")");
            }
        }
        return groups;
    }

    /** Host {@code i}'s heartbeat address. */
    public String address(int i) {
        byte[] a = ipv4(address);
        return (a[0] & 0xff) + "." + (a[1] & 0xff) + "." + (a[2] & 0xff) + "." + ((a[3] & 0xff) + i);
    }

    private static int integer(String key, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw bad("-o " + key + " must be a decimal integer, not '" + value + "'");
        }
    }

    private static byte[] ipv4(String text) {
        if (!text.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            throw bad("-o address must be a numeric IPv4 address, not '" + text + "'");
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            throw bad("-o address must be a numeric IPv4 address, not '" + text + "'");
        }
    }

    private static HaException bad(String message) {
        return new HaException(ExitCode.INVALID_PARAMETER, message);
    }
}
