package org.xcp.clusterstack.api.liveset;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.xcp.clusterstack.api.HaException;

/**
 * The document as xapi's XML library (xml-light) sees it: elements and text, nothing else. Comments
 * and processing instructions vanish but still separate the text around them; attributes are
 * dropped because xapi never looks at them. Parsing stops at the root's end tag, since xapi ignores
 * whatever follows it.
 */
final class XmlTree {
    sealed interface Node permits Element, Text {
    }

    record Text(String value) implements Node {
        /** xml-light drops text made only of whitespace, so such text never counts as a child. */
        boolean isBlank() {
            return XapiScalars.isBlank(value);
        }
    }

    record Element(String name, List<Node> children) implements Node {
        /** The children xapi sees: elements and non-blank text. */
        List<Node> significant() {
            List<Node> result = new ArrayList<>(children.size());
            for (Node child : children) {
                if (!(child instanceof Text text && text.isBlank())) {
                    result.add(child);
                }
            }
            return result;
        }

        List<Element> elements(String childName) {
            List<Element> result = new ArrayList<>();
            for (Node child : children) {
                if (child instanceof Element element && element.name.equals(childName)) {
                    result.add(element);
                }
            }
            return result;
        }

        Optional<Element> first(String childName) {
            return elements(childName).stream().findFirst();
        }

        boolean hasElementChildren() {
            return children.stream().anyMatch(Element.class::isInstance);
        }

        /** All text children joined, whitespace kept. */
        String text() {
            StringBuilder out = new StringBuilder();
            for (Node child : children) {
                if (child instanceof Text text) {
                    out.append(text.value);
                }
            }
            return out.toString();
        }
    }

    private XmlTree() {
    }

    /** @throws HaException (INTERNAL_BUG) if the text is not a well-formed element up to its end tag */
    static Element parse(String xml) {
        XMLStreamReader reader = null;
        try {
            reader = factory().createXMLStreamReader(new StringReader(xml == null ? "" : xml));
            return build(reader);
        } catch (XMLStreamException e) {
            throw LivesetReader.reject("not well-formed XML" + where(e.getLocation()) + ": " + oneLine(e));
        } catch (HaException e) {
            throw e;
        } catch (RuntimeException e) {
            // The JDK parser signals some malformations with unchecked exceptions; the caller must
            // still see only HaException.
            throw LivesetReader.reject("not well-formed XML: " + oneLine(e));
        } finally {
            close(reader);
        }
    }

    private static Element build(XMLStreamReader reader) throws XMLStreamException {
        Deque<Element> open = new ArrayDeque<>();
        StringBuilder pending = new StringBuilder();
        while (reader.hasNext()) {
            switch (reader.next()) {
                case XMLStreamConstants.START_ELEMENT -> {
                    flush(open, pending);
                    Element element = new Element(name(reader), new ArrayList<>());
                    if (!open.isEmpty()) {
                        open.peek().children().add(element);
                    }
                    open.push(element);
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    flush(open, pending);
                    Element closed = open.pop();
                    if (open.isEmpty()) {
                        return closed;
                    }
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (!open.isEmpty()) {
                        pending.append(reader.getText());
                    }
                }
                case XMLStreamConstants.COMMENT, XMLStreamConstants.PROCESSING_INSTRUCTION -> flush(open, pending);
                default -> {
                    // declaration, DTD, document end: nothing xapi keeps
                }
            }
        }
        throw LivesetReader.reject(open.isEmpty() ? "no root element" : "truncated inside <" + open.peek().name() + ">");
    }

    private static void flush(Deque<Element> open, StringBuilder pending) {
        if (pending.length() > 0 && !open.isEmpty()) {
            open.peek().children().add(new Text(pending.toString()));
        }
        pending.setLength(0);
    }

    /** xml-light knows no namespaces: {@code a:b} is simply a name that is not {@code b}. */
    private static String name(XMLStreamReader reader) {
        String prefix = reader.getPrefix();
        String local = reader.getLocalName();
        return prefix == null || prefix.isEmpty() ? local : prefix + ':' + local;
    }

    private static XMLInputFactory factory() {
        // The JDK's own parser, whatever else is on the class path; no DTDs, no external entities,
        // since a liveset never needs them and they are the classic XML attack surface.
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }

    private static String where(Location location) {
        return location == null ? "" : " at line " + location.getLineNumber() + ", column " + location.getColumnNumber();
    }

    /** StAX messages carry a "ParseError at ...\nMessage: ..." prefix; keep only the message, on one line. */
    private static String oneLine(Exception e) {
        String message = String.valueOf(e.getMessage());
        int at = message.lastIndexOf("Message: ");
        if (at >= 0) {
            message = message.substring(at + "Message: ".length());
        }
        return message.replaceAll("\\s+", " ").strip();
    }

    private static void close(XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException | RuntimeException ignored) {
                // Nothing was opened but a StringReader; a failure to close it changes nothing.
            }
        }
    }
}
