package org.xcp.clusterstack.api.config;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/**
 * Writes {@code xhad.conf} as xapi writes it (spec §3.6, {@code xha_interface.ml}): two-space indentation,
 * one element per line, lower-case {@code encoding="utf-8"}, no trailing newline, every parameter xapi
 * writes. {@link DaemonConfigReader} reads the text back as an equal {@link DaemonConfig}.
 *
 * <p>Hosts come in index order (xapi lists them in its database's order, which means nothing to the
 * daemon). Elements xapi never writes appear only when they carry something the reader's default would
 * lose: {@code XapiLicenseCheckTimeout} when not 30, {@code WatchdogMode} when not HYPERVISOR.
 */
public final class DaemonConfigWriter {
    /** The {@code <parameters>} leaves xapi writes, whatever their values. */
    private static final Set<Parameter> WRITTEN_BY_XAPI =
            EnumSet.complementOf(EnumSet.of(Parameter.XAPI_LICENSE_CHECK_TIMEOUT));

    private final StringBuilder out = new StringBuilder(1536);

    private DaemonConfigWriter() {
    }

    /** The document, for a config the reader would give back unchanged. */
    public static String render(DaemonConfig config) {
        return new DaemonConfigWriter().document(config);
    }

    /** Writes the document to {@code path} (replacing it) and returns the path. */
    public static Path write(DaemonConfig config, Path path) throws IOException {
        return Files.writeString(path, render(config));
    }

    private String document(DaemonConfig c) {
        out.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        out.append("<xhad-config version=\"1.0\">\n");
        out.append("  <common-config>\n");
        leaf(4, "GenerationUUID", c.generation().dashed());
        leaf(4, "UDPport", Integer.toString(c.udpPort()));
        for (ConfiguredHost h : c.hosts()) {
            out.append("    <host>\n");
            leaf(6, "HostID", h.id().dashed());
            leaf(6, "IPaddress", numeric(h.address()));
            out.append("    </host>\n");
        }
        out.append("    <parameters>\n");
        for (Parameter p : Parameter.values()) {
            int value = c.parameters().get(p);
            if (WRITTEN_BY_XAPI.contains(p) || value != p.defaultValue()) {
                leaf(6, p.element(), Integer.toString(value));
            }
        }
        out.append("    </parameters>\n");
        out.append("  </common-config>\n");
        out.append("  <local-config>\n");
        out.append("    <localhost>\n");
        LocalHostConfig local = c.local();
        leaf(6, "HostID", local.hostId().dashed());
        leaf(6, "HeartbeatInterface", text("HeartbeatInterface", local.heartbeatInterface(),
                LocalHostConfig.MAX_INTERFACE_LENGTH, false));
        local.heartbeatPhysicalInterface().ifPresent(i -> leaf(6, "HeartbeatPhysicalInterface",
                text("HeartbeatPhysicalInterface", i, LocalHostConfig.MAX_INTERFACE_LENGTH, true)));
        leaf(6, "StateFile", text("StateFile", local.stateFile().toString(), Integer.MAX_VALUE, false));
        if (local.watchdogMode() != WatchdogMode.HYPERVISOR) {
            leaf(6, "WatchdogMode", local.watchdogMode().name());
        }
        out.append("    </localhost>\n");
        out.append("  </local-config>\n");
        out.append("</xhad-config>");
        return out.toString();
    }

    private void leaf(int indent, String element, String escapedValue) {
        out.append(" ".repeat(indent)).append('<').append(element).append('>').append(escapedValue)
                .append("</").append(element).append(">\n");
    }

    /** A zone suffix has no place in the file (the reader, like inet_pton, refuses one). */
    private static String numeric(InetAddress address) {
        if (address instanceof Inet6Address v6 && (v6.getScopeId() != 0 || v6.getScopedInterface() != null)) {
            throw new IllegalArgumentException("IPaddress " + address.getHostAddress()
                    + " has a zone, which xhad.conf cannot hold");
        }
        return address.getHostAddress();
    }

    /**
     * The value escaped for element text. Refused rather than written wrong: what the reader would cut,
     * reject as empty, or could not see again (characters XML 1.0 cannot carry).
     */
    private static String text(String element, String value, int maxLength, boolean mayBeEmpty) {
        if (value.isEmpty() && !mayBeEmpty) {
            throw new IllegalArgumentException(element + " is empty");
        }
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(element + " has " + value.length() + " characters; xhad keeps "
                    + maxLength);
        }
        StringBuilder escaped = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '\r' -> escaped.append("&#13;"); // a literal CR would be read back as LF
                default -> {
                    if (Character.isHighSurrogate(ch) && i + 1 < value.length()
                            && Character.isLowSurrogate(value.charAt(i + 1))) {
                        escaped.append(ch).append(value.charAt(++i));
                    } else if (!isXmlChar(ch)) {
                        throw new IllegalArgumentException(element + " holds character U+"
                                + String.format("%04X", (int) ch) + ", which XML cannot carry");
                    } else {
                        escaped.append(ch);
                    }
                }
            }
        }
        return escaped.toString();
    }

    /** XML 1.0's Char production within the basic plane, surrogates excluded (pairs are handled above). */
    private static boolean isXmlChar(char ch) {
        return ch == '\t' || ch == '\n' || (ch >= 0x20 && ch <= 0xD7FF) || (ch >= 0xE000 && ch <= 0xFFFD);
    }
}
