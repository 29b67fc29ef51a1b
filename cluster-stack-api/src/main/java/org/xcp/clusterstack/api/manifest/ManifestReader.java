package org.xcp.clusterstack.api.manifest;

import java.io.IOException;
import java.io.StringReader;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.HaScript;
import org.xcp.clusterstack.api.InputFile;
import org.xcp.clusterstack.api.OneLine;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads a stack manifest, validated against {@code stack-manifest.xsd}. Every failure is exit 7 with one
 * line naming the file, the line and what is wrong; no DTD is read (no entity ever expands).
 */
public final class ManifestReader {
    public static final String SCHEMA_RESOURCE = "stack-manifest.xsd";
    private static final Schema SCHEMA = loadSchema();

    private ManifestReader() {
    }

    /** A real manifest is about 2 KB. */
    static final long MAX_FILE_BYTES = 1 << 20;

    /**
     * Reads {@code file}: 6 if nothing is there, 7 if it is not a regular file of at most 1 MiB of UTF-8
     * (checked before it is opened, {@link InputFile}) or not a valid manifest.
     */
    public static ManifestDocument read(Path file) {
        return parse(InputFile.readUtf8(file, "a stack manifest", MAX_FILE_BYTES, ExitCode.CAN_NOT_READ_CONFIG_FILE,
                ExitCode.INVALID_CONFIG_FILE), file.toString());
    }

    /** @param where the file name for messages */
    public static ManifestDocument parse(String text, String where) {
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setNamespaceAware(true);
            f.setSchema(SCHEMA);
            var builder = f.newDocumentBuilder();
            builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
                @Override
                public void error(SAXParseException e) throws SAXParseException {
                    throw e;
                }
            });
            doc = builder.parse(new InputSource(new StringReader(text)));
        } catch (SAXParseException e) {
            throw invalid(where, e.getLineNumber(), simplify(e.getMessage()));
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw invalid(where, 0, e.getMessage());
        }
        try {
            return toDocument(doc.getDocumentElement());
        } catch (IllegalArgumentException e) {
            throw invalid(where, 0, e.getMessage());
        }
    }

    private static ManifestDocument toDocument(Element root) {
        Set<HaScript> optional = EnumSet.noneOf(HaScript.class);
        NodeList scripts = root.getElementsByTagName("script");
        for (int i = 0; i < scripts.getLength(); i++) {
            Element s = (Element) scripts.item(i);
            if (s.getParentNode().getNodeName().equals("scripts") && Boolean.parseBoolean(s.getAttribute("optional"))) {
                optional.add(script(s.getAttribute("name")));
            }
        }
        Element srs = child(root, "ha_supported_srs");
        List<String> types = new ArrayList<>();
        for (Node n = srs.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                types.add(e.getTextContent().strip());
            }
        }
        boolean any = Boolean.parseBoolean(srs.getAttribute("any"));
        if (any == !types.isEmpty()) {
            throw new IllegalArgumentException(any ? "ha_supported_srs says any=\"true\" and lists SR types"
                    : "ha_supported_srs lists no SR type: say any=\"true\" or list some");
        }
        Element t = child(root, "timeouts");
        return new ManifestDocument(text(root, "name"), text(root, "version"), text(root, "description"),
                text(root, "fencing"), optional, any ? Optional.empty() : Optional.of(types),
                new SuggestedTimeouts(Integer.parseInt(text(t, "ha-timeout")), Integer.parseInt(text(t, "start-daemon")),
                        Integer.parseInt(text(t, "script"))), optionalChild(root, "failover").map(f ->
                        new FailoverWindow(bound(child(f, "earliest")), bound(child(f, "latest")))));
    }

    private static FailoverWindow.Bound bound(Element e) {
        return new FailoverWindow.Bound(new java.math.BigDecimal(e.getAttribute("per-ha-timeout").strip()),
                Integer.parseInt(e.getAttribute("seconds").strip()));
    }

    private static Optional<Element> optionalChild(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    static HaScript script(String fileName) {
        for (HaScript s : HaScript.values()) {
            if (s.fileName().equals(fileName)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown script " + fileName);
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        throw new IllegalArgumentException("<" + name + "> missing");
    }

    private static String text(Element parent, String name) {
        return child(parent, name).getTextContent().strip().replaceAll("\\s+", " ");
    }

    private static HaException invalid(String where, int line, String message) {
        return new HaException(ExitCode.INVALID_CONFIG_FILE, where + (line > 0 ? ":" + line : "") + ": "
                + OneLine.of(message));
    }

    /** Xerces prefixes its messages with a code ("cvc-pattern-valid: "); people need only the sentence. */
    private static String simplify(String message) {
        return message == null ? "" : message.replaceFirst("^[a-zA-Z0-9.-]+: ", "");
    }

    private static Schema loadSchema() {
        URL xsd = ManifestReader.class.getResource(SCHEMA_RESOURCE);
        try {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return factory.newSchema(new javax.xml.transform.stream.StreamSource(xsd.openStream(), xsd.toString()));
        } catch (SAXException | IOException | NullPointerException e) {
            throw new IllegalStateException("the stack manifest schema cannot be loaded: " + e, e);
        }
    }

    /** For tests: the schema itself. */
    static Schema schema() {
        return SCHEMA;
    }
}
