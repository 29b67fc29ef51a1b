package org.xcp.clusterstack.api.config;

import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.xml.stream.XMLStreamException;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.InputFile;

/**
 * Reads {@code xhad.conf} with xhad's rules (spec §3): a missing file is exit 6, anything else wrong is
 * exit 7 with one line naming the file, the line and the element.
 *
 * <p>Elements are taken in document order, as xhad does: hosts are collected as they come, the local
 * {@code HostID} must name a host listed <em>before</em> it (so {@code local-config} ahead of
 * {@code common-config} fails), a later single-valued element replaces an earlier one, unknown elements
 * are skipped. Stricter than xhad where xhad would fail later or misbehave (each a SHOULD of §3.4 or a
 * value xapi can never write): hosts without {@code IPaddress}, duplicate or malformed host UUIDs,
 * non-hex UUIDs, an unknown {@code WatchdogMode}, empty required strings, out-of-range numbers.
 */
public final class DaemonConfigReader {
    /** A real xhad.conf is 1.5 KB (64 hosts: about 10 KB); anything far larger is not one. */
    static final int MAX_FILE_BYTES = 1 << 20;

    private static final Pattern DECIMAL = Pattern.compile("[+-]?[0-9]+");

    private final ConfigCursor xml;

    private HaUuid generation;
    private Integer udpPort;
    private final List<PendingHost> hosts = new ArrayList<>();
    private final Map<Parameter, Integer> parameters = new EnumMap<>(Parameter.class);
    private boolean sawCommon;
    private boolean sawLocal;
    private boolean sawLocalhost;
    private HaUuid localId;
    private String heartbeatInterface;
    private String physicalInterface;
    private String stateFile;
    private WatchdogMode watchdogMode = WatchdogMode.HYPERVISOR;

    private record PendingHost(HaUuid id, InetAddress address, int line) {
    }

    private DaemonConfigReader(ConfigCursor xml) {
        this.xml = xml;
    }

    /**
     * Reads {@code path}: exit 6 if nothing is there, exit 7 if it is not a regular file (a FIFO, a device, a
     * directory: refused before it is opened, {@link InputFile}), is larger than 1 MiB, cannot be read or is not
     * valid.
     */
    public static DaemonConfig read(Path path) {
        byte[] bytes = InputFile.read(path, "an xhad.conf", MAX_FILE_BYTES, ExitCode.CAN_NOT_READ_CONFIG_FILE,
                ExitCode.INVALID_CONFIG_FILE);
        return parse(bytes, path.toString());
    }

    /** Parses a document; {@code source} names it in messages. Only ever throws {@link HaException} 7. */
    public static DaemonConfig parse(byte[] document, String source) {
        if (document.length > MAX_FILE_BYTES) {
            throw ConfigCursor.invalid(source, "is larger than 1 MiB; not an xhad.conf");
        }
        try (ConfigCursor xml = ConfigCursor.open(document, source)) {
            try {
                return new DaemonConfigReader(xml).document();
            } catch (XMLStreamException e) {
                throw xml.notWellFormed(e);
            }
        }
    }

    private DaemonConfig document() throws XMLStreamException {
        xml.toRoot();
        if (!xml.name().equals("xhad-config")) {
            throw xml.invalidHere("the root element is <" + xml.name() + ">, not <xhad-config>");
        }
        String version = xml.attribute("version");
        if (version == null) {
            throw xml.invalidHere("<xhad-config> has no version attribute (must be \"1.0\")");
        }
        if (!version.equals("1.0")) {
            throw xml.invalidHere("<xhad-config> version is \"" + version + "\", only \"1.0\" is supported");
        }
        while (xml.nextChild()) {
            switch (xml.name()) {
                case "common-config" -> commonConfig();
                case "local-config" -> localConfig();
                default -> xml.skipElement();
            }
        }
        xml.toEnd();
        return build();
    }

    private void commonConfig() throws XMLStreamException {
        sawCommon = true;
        while (xml.nextChild()) {
            switch (xml.name()) {
                case "GenerationUUID" -> generation = uuid("GenerationUUID", xml.text());
                case "UDPport" -> udpPort = number("UDPport", xml.text(), 1, 65535);
                case "host" -> host();
                case "parameters" -> parameters();
                default -> xml.skipElement();
            }
        }
    }

    private void host() throws XMLStreamException {
        int line = xml.line();
        if (hosts.size() == DaemonConfig.MAX_HOSTS) {
            throw xml.invalidHere("a 65th <host>: a pool has at most 64 hosts");
        }
        HaUuid id = null;
        InetAddress address = null;
        while (xml.nextChild()) {
            switch (xml.name()) {
                case "HostID" -> id = uuid("HostID", xml.text());
                case "IPaddress" -> address = address(xml.text());
                default -> xml.skipElement();
            }
        }
        if (id == null) {
            throw xml.invalidAt(line, "<host> has no <HostID>");
        }
        if (address == null) {
            throw xml.invalidAt(line, "<host> " + id + " has no <IPaddress>");
        }
        for (PendingHost h : hosts) {
            if (h.id().equals(id)) {
                throw xml.invalidAt(line, "<host> " + id + " is listed twice (first at line " + h.line() + ")");
            }
        }
        hosts.add(new PendingHost(id, address, line));
    }

    private void parameters() throws XMLStreamException {
        while (xml.nextChild()) {
            Optional<Parameter> p = Parameter.byElement(xml.name());
            if (p.isPresent()) {
                parameters.put(p.get(), number(p.get().element(), xml.text(), p.get().minimum(), Parameter.MAX_VALUE));
            } else {
                xml.skipElement(); // e.g. the obsolete XapiRestartRetry
            }
        }
    }

    private void localConfig() throws XMLStreamException {
        sawLocal = true;
        while (xml.nextChild()) {
            if (xml.name().equals("localhost")) {
                localhost();
            } else {
                xml.skipElement();
            }
        }
    }

    private void localhost() throws XMLStreamException {
        sawLocalhost = true;
        while (xml.nextChild()) {
            switch (xml.name()) {
                case "HostID" -> localId = localHostId();
                case "HeartbeatInterface" -> heartbeatInterface = nonEmpty("HeartbeatInterface",
                        truncate(xml.text(), LocalHostConfig.MAX_INTERFACE_LENGTH));
                case "HeartbeatPhysicalInterface" -> physicalInterface =
                        truncate(xml.text(), LocalHostConfig.MAX_INTERFACE_LENGTH);
                case "StateFile" -> stateFile = nonEmpty("StateFile", xml.text());
                case "WatchdogMode" -> watchdogMode = watchdogMode();
                default -> xml.skipElement();
            }
        }
    }

    private HaUuid localHostId() throws XMLStreamException {
        int line = xml.line();
        HaUuid id = uuid("HostID", xml.text());
        if (hosts.stream().noneMatch(h -> h.id().equals(id))) {
            throw xml.invalidAt(line, "<localhost> <HostID> " + id + " is not one of the "
                    + hosts.size() + " <host> entries listed before it in <common-config>");
        }
        return id;
    }

    private WatchdogMode watchdogMode() throws XMLStreamException {
        int line = xml.line();
        String value = truncate(xml.text(), LocalHostConfig.MAX_WATCHDOG_MODE_LENGTH);
        return WatchdogMode.fromConfigValue(value).orElseThrow(() -> xml.invalidAt(line,
                "<WatchdogMode> is " + ConfigCursor.quote(value) + ", expected HYPERVISOR, USER or NONE"));
    }

    private DaemonConfig build() {
        if (!sawCommon) {
            throw xml.invalid("<xhad-config> has no <common-config>");
        }
        requirePresent(generation, "<common-config> has no <GenerationUUID>");
        requirePresent(udpPort, "<common-config> has no <UDPport>");
        if (hosts.isEmpty()) {
            throw xml.invalid("<common-config> lists no <host>");
        }
        if (!sawLocal) {
            throw xml.invalid("<xhad-config> has no <local-config>");
        }
        if (!sawLocalhost) {
            throw xml.invalid("<local-config> has no <localhost>");
        }
        requirePresent(localId, "<localhost> has no <HostID>");
        requirePresent(heartbeatInterface, "<localhost> has no <HeartbeatInterface>");
        requirePresent(stateFile, "<localhost> has no <StateFile>");

        List<PendingHost> sorted = new ArrayList<>(hosts);
        sorted.sort(Comparator.comparing(PendingHost::id)); // byte-wise on the 32-digit form, spec §3.3
        List<ConfiguredHost> indexed = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            indexed.add(new ConfiguredHost(sorted.get(i).id(), i, sorted.get(i).address()));
        }
        Path statefilePath;
        try {
            statefilePath = Path.of(stateFile);
        } catch (java.nio.file.InvalidPathException e) {
            throw xml.invalid("<StateFile> " + ConfigCursor.quote(stateFile) + " is not a valid path: " + e.getReason());
        }
        LocalHostConfig local = new LocalHostConfig(localId, heartbeatInterface,
                Optional.ofNullable(physicalInterface), statefilePath, watchdogMode);
        return new DaemonConfig(generation, udpPort, indexed, new DaemonParameters(parameters), local);
    }

    // ---- leaves ----

    private HaUuid uuid(String element, String value) {
        try {
            return HaUuid.parse(value);
        } catch (IllegalArgumentException e) {
            throw xml.invalidHere("<" + element + "> " + ConfigCursor.quote(value) + " " + e.getMessage());
        }
    }

    private InetAddress address(String value) {
        return NumericAddress.parse(value).orElseThrow(() ->
                xml.invalidHere("<IPaddress> " + ConfigCursor.quote(value) + " is not a numeric IPv4 or IPv6 address"));
    }

    /**
     * xhad reads numbers with strtol and requires that nothing follows the digits: leading blanks and a
     * sign are allowed, trailing characters are not.
     */
    private int number(String element, String value, int min, int max) {
        String s = value.stripLeading();
        if (!DECIMAL.matcher(s).matches()) {
            throw xml.invalidHere("<" + element + "> " + ConfigCursor.quote(value) + " is not a decimal integer");
        }
        BigInteger v = new BigInteger(s.startsWith("+") ? s.substring(1) : s);
        if (v.compareTo(BigInteger.valueOf(min)) < 0 || v.compareTo(BigInteger.valueOf(max)) > 0) {
            throw xml.invalidHere("<" + element + "> " + ConfigCursor.abbreviate(s) + " is outside " + min + ".." + max);
        }
        return v.intValueExact();
    }

    private String nonEmpty(String element, String value) {
        if (value.isEmpty()) {
            throw xml.invalidHere("<" + element + "> is empty");
        }
        return value;
    }

    private static String truncate(String value, int max) {
        return value.length() > max ? value.substring(0, max) : value;
    }

    private void requirePresent(Object value, String message) {
        if (value == null) {
            throw xml.invalid(message);
        }
    }
}
