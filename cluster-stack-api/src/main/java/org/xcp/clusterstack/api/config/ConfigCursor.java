package org.xcp.clusterstack.api.config;

import java.io.StringReader;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;

/**
 * A walk over the elements of an {@code xhad.conf}, with the file name and line ready for messages. Every
 * problem it reports is exit 7 ({@link ExitCode#INVALID_CONFIG_FILE}) as one line.
 */
final class ConfigCursor implements AutoCloseable {
    private static final XMLInputFactory FACTORY = newFactory();

    private final String source;
    private final XMLStreamReader xml;

    private ConfigCursor(String source, XMLStreamReader xml) {
        this.source = source;
        this.xml = xml;
    }

    static ConfigCursor open(byte[] document, String source) {
        try {
            String text = DocumentText.decode(document, source);
            return new ConfigCursor(source, FACTORY.createXMLStreamReader(new StringReader(text)));
        } catch (XMLStreamException e) {
            throw notWellFormed(source, e);
        }
    }

    /** Moves past the prolog (comments, processing instructions, a DOCTYPE whose entities never expand). */
    void toRoot() throws XMLStreamException {
        while (xml.next() != XMLStreamConstants.START_ELEMENT) {
            // nothing to look at before the root
        }
    }

    String name() {
        return xml.getLocalName();
    }

    String attribute(String name) {
        return xml.getAttributeValue(null, name);
    }

    /** Advances to the next child element of the current element; false at its end tag. */
    boolean nextChild() throws XMLStreamException {
        while (true) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                return true;
            }
            if (event == XMLStreamConstants.END_ELEMENT) {
                return false;
            }
            // text between elements is ignored, as xhad ignores it
        }
    }

    /** The text of a leaf element; a child element inside it is an error. */
    String text() throws XMLStreamException {
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

    void skipElement() throws XMLStreamException {
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

    /** Reads to the end so that the parser checks that nothing but comments and PIs follow the root. */
    void toEnd() throws XMLStreamException {
        while (xml.hasNext()) {
            xml.next();
        }
    }

    int line() {
        return xml.getLocation().getLineNumber();
    }

    HaException invalidHere(String message) {
        return invalidAt(line(), message);
    }

    HaException invalidAt(int line, String message) {
        return invalid(source + (line > 0 ? ":" + line : ""), message);
    }

    HaException invalid(String message) {
        return invalid(source, message);
    }

    HaException notWellFormed(XMLStreamException e) {
        return notWellFormed(source, e);
    }

    @Override
    public void close() {
        try {
            xml.close();
        } catch (XMLStreamException ignored) {
            // nothing to release for an in-memory document
        }
    }

    static HaException invalid(String where, String message) {
        return new HaException(ExitCode.INVALID_CONFIG_FILE, where + ": " + message);
    }

    private static HaException notWellFormed(String source, XMLStreamException e) {
        String line = e.getLocation() != null && e.getLocation().getLineNumber() > 0
                ? ":" + e.getLocation().getLineNumber() : "";
        return invalid(source + line, "is not well-formed XML: " + describe(e));
    }

    /** An exception's message on one line, without the StAX "ParseError at [row,col]" prefix. */
    static String describe(Exception e) {
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

    static String abbreviate(String s) {
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
