package org.xcp.clusterstack.api.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.HaUuid;

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

    private static final XMLInputFactory FACTORY = newFactory();
    private static final Pattern DECIMAL = Pattern.compile("[+-]?[0-9]+");

    private final String source;
    private final XMLStreamReader xml;

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

    private DaemonConfigReader(String source, XMLStreamReader xml) {
        this.source = source;
        this.xml = xml;
    }

    /** Reads {@code path}: exit 6 if it does not exist, exit 7 if it cannot be read or is not valid. */
    public static DaemonConfig read(Path path) {
        if (!Files.exists(path)) {
            throw new HaException(ExitCode.CAN_NOT_READ_CONFIG_FILE, path + ": config file does not exist");
        }
        byte[] bytes;
        try {
            if (Files.size(path) > MAX_FILE_BYTES) {
                throw invalid(path.toString(), "is larger than 1 MiB; not an xhad.conf");
            }
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw invalid(path.toString(), "cannot be read: " + describe(e));
        }
        return parse(bytes, path.toString());
    }

    /** Parses a document; {@code source} names it in messages. Only ever throws {@link HaException} 7. */
    public static DaemonConfig parse(byte[] document, String source) {
        if (document.length > MAX_FILE_BYTES) {
            throw invalid(source, "is larger than 1 MiB; not an xhad.conf");
        }
        XMLStreamReader xml;
        try {
            xml = FACTORY.createXMLStreamReader(new ByteArrayInputStream(document));
        } catch (XMLStreamException | RuntimeException e) {
            throw invalid(source, "is not well-formed XML: " + describe(e));
        }
        try {
            return new DaemonConfigReader(source, xml).document();
        } catch (XMLStreamException e) {
            throw invalid(source + lineOf(e), "is not well-formed XML: " + describe(e));
        } catch (IllegalStateException | IllegalArgumentException | java.util.NoSuchElementException e) {
            // the JDK's StAX parser reports some malformed input (bad encodings) this way
            throw invalid(source, "is not well-formed XML: " + describe(e));
        } finally {
            try {
                xml.close();
            } catch (XMLStreamException ignored) {
                // nothing to release for an in-memory document
            }
        }
    }

    private DaemonConfig document() throws XMLStreamException {
        while (xml.next() != XMLStreamConstants.START_ELEMENT) {
            // prolog: comments, processing instructions, a DOCTYPE (its entities are never expanded)
        }
        if (!xml.getLocalName().equals("xhad-config")) {
            throw invalidHere("the root element is <" + xml.getLocalName() + ">, not <xhad-config>");
        }
        String version = xml.getAttributeValue(null, "version");
        if (version == null) {
            throw invalidHere("<xhad-config> has no version attribute (must be \"1.0\")");
        }
        if (!version.equals("1.0")) {
            throw invalidHere("<xhad-config> version is \"" + version + "\", only \"1.0\" is supported");
        }
        while (nextChild()) {
            switch (xml.getLocalName()) {
                case "common-config" -> commonConfig();
                case "local-config" -> localConfig();
                default -> skipElement();
            }
        }
        while (xml.hasNext()) {
            xml.next(); // the parser checks that nothing but comments and PIs follow the root
        }
        return build();
    }

    private void commonConfig() throws XMLStreamException {
        sawCommon = true;
        while (nextChild()) {
            switch (xml.getLocalName()) {
                case "GenerationUUID" -> generation = uuid("GenerationUUID", text());
                case "UDPport" -> udpPort = number("UDPport", text(), 1, 65535);
                case "host" -> host();
                case "parameters" -> parameters();
                default -> skipElement();
            }
        }
    }

    private void host() throws XMLStreamException {
        int line = line();
        if (hosts.size() == DaemonConfig.MAX_HOSTS) {
            throw invalidHere("a 65th <host>: a pool has at most 64 hosts");
        }
        HaUuid id = null;
        InetAddress address = null;
        while (nextChild()) {
            switch (xml.getLocalName()) {
                case "HostID" -> id = uuid("HostID", text());
                case "IPaddress" -> address = address(text());
                default -> skipElement();
            }
        }
        if (id == null) {
            throw invalidAt(line, "<host> has no <HostID>");
        }
        if (address == null) {
            throw invalidAt(line, "<host> " + id + " has no <IPaddress>");
        }
        for (PendingHost h : hosts) {
            if (h.id().equals(id)) {
                throw invalidAt(line, "<host> " + id + " is listed twice (first at line " + h.line() + ")");
            }
        }
        hosts.add(new PendingHost(id, address, line));
    }

    private void parameters() throws XMLStreamException {
        while (nextChild()) {
            Optional<Parameter> p = Parameter.byElement(xml.getLocalName());
            if (p.isPresent()) {
                parameters.put(p.get(), number(p.get().element(), text(), p.get().minimum(), Parameter.MAX_VALUE));
            } else {
                skipElement(); // e.g. the obsolete XapiRestartRetry
            }
        }
    }

    private void localConfig() throws XMLStreamException {
        sawLocal = true;
        while (nextChild()) {
            if (xml.getLocalName().equals("localhost")) {
                localhost();
            } else {
                skipElement();
            }
        }
    }

    private void localhost() throws XMLStreamException {
        sawLocalhost = true;
        while (nextChild()) {
            switch (xml.getLocalName()) {
                case "HostID" -> localId = localHostId();
                case "HeartbeatInterface" -> heartbeatInterface = nonEmpty("HeartbeatInterface",
                        truncate(text(), LocalHostConfig.MAX_INTERFACE_LENGTH));
                case "HeartbeatPhysicalInterface" -> physicalInterface =
                        truncate(text(), LocalHostConfig.MAX_INTERFACE_LENGTH);
                case "StateFile" -> stateFile = nonEmpty("StateFile", text());
                case "WatchdogMode" -> watchdogMode = watchdogMode();
                default -> skipElement();
            }
        }
    }

    private HaUuid localHostId() throws XMLStreamException {
        int line = line();
        HaUuid id = uuid("HostID", text());
        if (hosts.stream().noneMatch(h -> h.id().equals(id))) {
            throw invalidAt(line, "<localhost> <HostID> " + id + " is not one of the "
                    + hosts.size() + " <host> entries listed before it in <common-config>");
        }
        return id;
    }

    private WatchdogMode watchdogMode() throws XMLStreamException {
        int line = line();
        String value = truncate(text(), LocalHostConfig.MAX_WATCHDOG_MODE_LENGTH);
        return WatchdogMode.fromConfigValue(value).orElseThrow(() -> invalidAt(line,
                "<WatchdogMode> is " + quote(value) + ", expected HYPERVISOR, USER or NONE"));
    }

    private DaemonConfig build() {
        if (!sawCommon) {
            throw invalid(source, "<xhad-config> has no <common-config>");
        }
        requirePresent(generation, "<common-config> has no <GenerationUUID>");
        requirePresent(udpPort, "<common-config> has no <UDPport>");
        if (hosts.isEmpty()) {
            throw invalid(source, "<common-config> lists no <host>");
        }
        if (!sawLocal) {
            throw invalid(source, "<xhad-config> has no <local-config>");
        }
        if (!sawLocalhost) {
            throw invalid(source, "<local-config> has no <localhost>");
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
            throw invalid(source, "<StateFile> " + quote(stateFile) + " is not a valid path: " + e.getReason());
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
            throw invalidHere("<" + element + "> " + quote(value) + " " + e.getMessage());
        }
    }

    private InetAddress address(String value) {
        return NumericAddress.parse(value).orElseThrow(() ->
                invalidHere("<IPaddress> " + quote(value) + " is not a numeric IPv4 or IPv6 address"));
    }

    /**
     * xhad reads numbers with strtol and requires that nothing follows the digits: leading blanks and a
     * sign are allowed, trailing characters are not.
     */
    private int number(String element, String value, int min, int max) {
        String s = value.stripLeading();
        if (!DECIMAL.matcher(s).matches()) {
            throw invalidHere("<" + element + "> " + quote(value) + " is not a decimal integer");
        }
        BigInteger v = new BigInteger(s.startsWith("+") ? s.substring(1) : s);
        if (v.compareTo(BigInteger.valueOf(min)) < 0 || v.compareTo(BigInteger.valueOf(max)) > 0) {
            throw invalidHere("<" + element + "> " + abbreviate(s) + " is outside " + min + ".." + max);
        }
        return v.intValueExact();
    }

    private String nonEmpty(String element, String value) {
        if (value.isEmpty()) {
            throw invalidHere("<" + element + "> is empty");
        }
        return value;
    }

    private static String truncate(String value, int max) {
        return value.length() > max ? value.substring(0, max) : value;
    }

    private void requirePresent(Object value, String message) {
        if (value == null) {
            throw invalid(source, message);
        }
    }

    // ---- navigation ----

    /** Advances to the next child element of the current element; false at its end tag. */
    private boolean nextChild() throws XMLStreamException {
        while (true) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                return true;
            }
            if (event == XMLStreamConstants.END_ELEMENT) {
                return false;
            }
        }
    }

    /** The text of a leaf element; a child element inside it is an error. */
    private String text() throws XMLStreamException {
        String element = xml.getLocalName();
        int line = line();
        StringBuilder value = new StringBuilder();
        while (true) {
            int event = xml.next();
            switch (event) {
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE,
                        XMLStreamConstants.ENTITY_REFERENCE -> value.append(xml.getText());
                case XMLStreamConstants.END_ELEMENT -> {
                    return value.toString();
                }
                case XMLStreamConstants.START_ELEMENT -> throw invalidAt(line,
                        "<" + element + "> must hold only text, found <" + xml.getLocalName() + ">");
                default -> {
                    // comments and processing instructions inside a value are ignored
                }
            }
        }
    }

    private void skipElement() throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

    private int line() {
        return xml.getLocation().getLineNumber();
    }

    private HaException invalidHere(String message) {
        return invalidAt(line(), message);
    }

    private HaException invalidAt(int line, String message) {
        return invalid(source + (line > 0 ? ":" + line : ""), message);
    }

    private static HaException invalid(String where, String message) {
        return new HaException(ExitCode.INVALID_CONFIG_FILE, where + ": " + message);
    }

    private static String lineOf(XMLStreamException e) {
        return e.getLocation() != null && e.getLocation().getLineNumber() > 0
                ? ":" + e.getLocation().getLineNumber() : "";
    }

    /** The parser's own message without its "ParseError at [row,col]" prefix and on one line. */
    private static String describe(Exception e) {
        String m = String.valueOf(e.getMessage());
        int cut = m.indexOf("Message: ");
        if (cut >= 0) {
            m = m.substring(cut + "Message: ".length());
        }
        return abbreviate(m.replaceAll("\\s+", " ").strip());
    }

    /** A value from the file, quoted for a one-line message: control characters escaped, long ones cut. */
    static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        value.codePoints().limit(80).forEach(c -> {
            if (c == '"' || c == '\\') {
                out.append('\\').appendCodePoint(c);
            } else if (c < 0x20 || c == 0x7f || Character.getType(c) == Character.LINE_SEPARATOR
                    || Character.getType(c) == Character.PARAGRAPH_SEPARATOR) {
                out.append(String.format("\\x%02x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.append(value.codePointCount(0, value.length()) > 80 ? "...\"" : "\"").toString();
    }

    private static String abbreviate(String s) {
        return s.length() > 120 ? s.substring(0, 117) + "..." : s;
    }

    private static XMLInputFactory newFactory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, true);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        return f;
    }
}
