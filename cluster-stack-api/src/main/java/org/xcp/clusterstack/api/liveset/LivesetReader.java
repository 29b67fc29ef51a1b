package org.xcp.clusterstack.api.liveset;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.liveset.XmlTree.Element;
import org.xcp.clusterstack.api.liveset.XmlTree.Node;
import org.xcp.clusterstack.api.liveset.XmlTree.Text;

/**
 * Reads a liveset document with xapi's rules (spec §4.3): it accepts exactly what xapi's parser
 * accepts, and its rejections are what would make xapi fail on the document. A stack uses it to
 * check its own output, so a rejection is an {@link ExitCode#INTERNAL_BUG}: the stack printed
 * something xapi cannot read.
 */
public final class LivesetReader {
    private static final int QUOTE_LIMIT = 48;

    private LivesetReader() {
    }

    /** @throws HaException with {@link ExitCode#INTERNAL_BUG} and a one-line reason, and nothing else */
    public static Liveset read(String xml) {
        Element root = XmlTree.parse(xml);
        if (!root.name().equals("ha_liveset_info")) {
            throw reject("root element is <" + root.name() + ">, not <ha_liveset_info>");
        }
        LivesetStatus status = status(root);
        HaUuid localHost = localHostId(root);
        int localHostIndex = root.first("localhost")
                .map(localhost -> LeafTable.of(localhost, "<localhost>").optionalIndex("HostIndex"))
                .orElse(-1);
        List<HostEntry> hosts = hosts(root);
        Optional<RawStatus> rawStatus = root.first("raw_status_on_local_host").map(RawStatusReader::read);
        Optional<Warnings> warnings = root.first("warning_on_local_host").map(LivesetReader::warnings);
        Optional<Timeouts> timeouts = root.first("timeout").flatMap(LivesetReader::timeouts);
        return new Liveset(status, localHost, localHostIndex, hosts, rawStatus, timeouts, warnings);
    }

    /** xapi takes the first {@code status} as is: one text node, not trimmed, any letter case. */
    private static LivesetStatus status(Element root) {
        Element status = root.first("status").orElseThrow(() -> reject("no <status>"));
        String text = onlyText(status).orElseThrow(() -> reject("<status> does not hold exactly one text"));
        return switch (XapiScalars.lowerAscii(text)) {
            case "online" -> LivesetStatus.ONLINE;
            case "offline" -> LivesetStatus.OFFLINE;
            case "starting" -> LivesetStatus.STARTING;
            default -> throw reject("<status> is " + quote(text) + ", not Online, Offline or Starting");
        };
    }

    /** xapi matches {@code localhost} by position: its first child must be HostID, untrimmed. */
    private static HaUuid localHostId(Element root) {
        Element localhost = root.first("localhost").orElseThrow(() -> reject("no <localhost>"));
        List<Node> children = localhost.significant();
        if (children.isEmpty() || !(children.get(0) instanceof Element first) || !first.name().equals("HostID")) {
            throw reject("<localhost> does not start with <HostID>");
        }
        String text = onlyText(first).orElseThrow(() -> reject("<localhost> <HostID> does not hold exactly one text"));
        return XapiScalars.uuid(text)
                .orElseThrow(() -> reject("<localhost> <HostID> is " + quote(text) + ", not a UUID"));
    }

    /** Every {@code host}, duplicates included: xapi keeps them all. */
    private static List<HostEntry> hosts(Element root) {
        List<HostEntry> hosts = new ArrayList<>();
        for (Element host : root.elements("host")) {
            LeafTable table = LeafTable.of(host, "<host> #" + (hosts.size() + 1));
            hosts.add(new HostEntry(
                    table.requireUuid("HostID"),
                    table.optionalIndex("HostIndex"),
                    table.requireBool("liveness"),
                    table.requireBool("master"),
                    table.requireBool("statefile_access"),
                    table.requireBool("statefile_corrupted"),
                    table.requireBool("excluded")));
        }
        return hosts;
    }

    private static Warnings warnings(Element element) {
        LeafTable table = LeafTable.of(element, "<warning_on_local_host>");
        return new Warnings(
                table.requireExactTrue("statefile_lost"),
                table.requireExactTrue("heartbeat_approaching_timeout"),
                table.requireExactTrue("statefile_approaching_timeout"),
                table.requireExactTrue("Xapi_healthcheck_approaching_timeout"),
                table.requireExactTrue("network_bonding_error"));
    }

    /** xapi ignores {@code timeout}; an unusable one is simply absent. */
    private static Optional<Timeouts> timeouts(Element element) {
        LeafTable table = LeafTable.of(element, "<timeout>");
        OptionalLong[] values = {
            table.optionalInt("T1"), table.optionalInt("T2"), table.optionalInt("T3"),
            table.optionalInt("Wh"), table.optionalInt("Ws"),
        };
        for (OptionalLong value : values) {
            if (value.isEmpty()) {
                return Optional.empty();
            }
        }
        return Optional.of(new Timeouts(values[0].getAsLong(), values[1].getAsLong(), values[2].getAsLong(),
                values[3].getAsLong(), values[4].getAsLong()));
    }

    /** The element's text when it is exactly one text node and nothing else (blank text aside). */
    private static Optional<String> onlyText(Element element) {
        List<Node> children = element.significant();
        return children.size() == 1 && children.get(0) instanceof Text text
                ? Optional.of(text.value())
                : Optional.empty();
    }

    static HaException reject(String problem) {
        return new HaException(ExitCode.INTERNAL_BUG, "liveset: " + problem);
    }

    /** A value for a one-line message: quoted, control characters made visible, long values cut. */
    static String quote(String value) {
        StringBuilder out = new StringBuilder("'");
        for (int i = 0; i < value.length() && i < QUOTE_LIMIT; i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c != 0x7F) {
                out.append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.append(value.length() > QUOTE_LIMIT ? "...'" : "'").toString();
    }
}
