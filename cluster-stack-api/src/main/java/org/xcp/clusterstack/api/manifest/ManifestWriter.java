package org.xcp.clusterstack.api.manifest;

import org.xcp.clusterstack.api.HaScript;

/** Writes a {@link ManifestDocument} as {@code manifest.xml}; {@link ManifestReader} reads back the same value. */
public final class ManifestWriter {
    private ManifestWriter() {
    }

    public static String render(ManifestDocument m) {
        StringBuilder b = new StringBuilder();
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        b.append("<stack-manifest version=\"1.0\">\n");
        leaf(b, "  ", "name", m.name());
        leaf(b, "  ", "version", m.version());
        leaf(b, "  ", "description", m.description());
        leaf(b, "  ", "fencing", m.fencing());
        b.append("  <scripts>\n");
        for (HaScript s : HaScript.values()) {
            b.append("    <script name=\"").append(s.fileName()).append('"')
                    .append(m.isOptional(s) ? " optional=\"true\"" : "").append("/>\n");
        }
        b.append("  </scripts>\n");
        if (m.supportedSrs().isEmpty()) {
            b.append("  <ha_supported_srs any=\"true\"/>\n");
        } else {
            b.append("  <ha_supported_srs>\n");
            m.supportedSrs().get().forEach(t -> leaf(b, "    ", "sr-type", t));
            b.append("  </ha_supported_srs>\n");
        }
        b.append("  <timeouts>\n");
        leaf(b, "    ", "ha-timeout", Integer.toString(m.timeouts().haTimeout()));
        leaf(b, "    ", "start-daemon", Integer.toString(m.timeouts().startDaemon()));
        leaf(b, "    ", "script", Integer.toString(m.timeouts().script()));
        b.append("  </timeouts>\n");
        m.failover().ifPresent(f -> {
            b.append("  <failover>\n");
            bound(b, "earliest", f.earliest());
            bound(b, "latest", f.latest());
            b.append("  </failover>\n");
        });
        b.append("</stack-manifest>\n");
        return b.toString();
    }

    private static void bound(StringBuilder b, String name, FailoverWindow.Bound bound) {
        b.append("    <").append(name).append(" per-ha-timeout=\"").append(bound.perHaTimeout().toPlainString())
                .append("\" seconds=\"").append(bound.seconds()).append("\"/>\n");
    }

    private static void leaf(StringBuilder b, String indent, String name, String value) {
        b.append(indent).append('<').append(name).append('>').append(escape(value)).append("</").append(name)
                .append(">\n");
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
