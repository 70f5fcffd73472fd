package org.reactorxmpp.xmpp.extension;

import java.io.ByteArrayInputStream;
import java.util.Objects;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import com.ctc.wstx.stax.WstxInputFactory;
import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlName;
import org.reactorxmpp.xmpp.xml.XmlWriter;

/**
 * Helpers for writing {@link ExtensionCodec}s against a StAX {@link XMLStreamReader}, and the bridge
 * that decodes an {@link XmlElement} with a codec while enforcing the codec contract.
 *
 * <pre>{@code
 * public Delay decode(XMLStreamReader r) throws XMLStreamException {
 *     String stamp = r.getAttributeValue(null, "stamp");
 *     String text = XmlStreams.readText(r);      // leaves r at </delay>
 *     return new Delay(Instant.parse(stamp), null, text);
 * }
 * }</pre>
 */
public final class XmlStreams {

    private XmlStreams() {
    }

    /**
     * Skips the element the reader is on, with everything inside it.
     *
     * @param reader positioned at a {@code START_ELEMENT}
     * @throws XMLStreamException when the reader is elsewhere or reading fails
     */
    public static void skipElement(XMLStreamReader reader) throws XMLStreamException {
        requireStart(reader);
        int depth = 1;
        while (depth > 0) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (event == XMLStreamConstants.END_DOCUMENT) {
                throw new XMLStreamException("document ended inside an element", reader.getLocation());
            }
        }
    }

    /**
     * Reads the text content of a text-only element such as {@code <body>hi</body>}.
     *
     * @param reader positioned at a {@code START_ELEMENT}; on return it is at the matching {@code END_ELEMENT}
     * @return the concatenated text, empty when there is none
     * @throws XMLStreamException when the element has a child element, or reading fails
     */
    public static String readText(XMLStreamReader reader) throws XMLStreamException {
        requireStart(reader);
        String element = reader.getLocalName();
        StringBuilder sb = null;
        String single = "";
        while (true) {
            int event = reader.next();
            switch (event) {
                case XMLStreamConstants.CHARACTERS:
                case XMLStreamConstants.CDATA:
                case XMLStreamConstants.SPACE:
                    String t = reader.getText();
                    if (sb == null && single.isEmpty()) {
                        single = t;
                    } else {
                        if (sb == null) {
                            sb = new StringBuilder(single);
                        }
                        sb.append(t);
                    }
                    break;
                case XMLStreamConstants.END_ELEMENT:
                    return sb == null ? single : sb.toString();
                case XMLStreamConstants.START_ELEMENT:
                    throw new XMLStreamException("element <" + element + "/> must hold text only, found <"
                        + reader.getLocalName() + "/>", reader.getLocation());
                case XMLStreamConstants.END_DOCUMENT:
                    throw new XMLStreamException("document ended inside <" + element + "/>", reader.getLocation());
                default:
                    break; // comments and processing instructions cannot come from our writer
            }
        }
    }

    /**
     * The value of an attribute in no namespace on the current start tag.
     *
     * @param reader positioned at a {@code START_ELEMENT}
     * @param localName the attribute name
     * @return its value, or {@code null} when absent
     */
    public static @Nullable String attribute(XMLStreamReader reader, String localName) {
        return reader.getAttributeValue(XMLConstants.NULL_NS_URI, localName);
    }

    /**
     * The qualified name of the current start or end tag.
     *
     * @param reader positioned at a {@code START_ELEMENT} or {@code END_ELEMENT}
     * @return its name
     */
    public static XmlName name(XMLStreamReader reader) {
        String ns = reader.getNamespaceURI();
        return XmlName.of(ns == null ? "" : ns, reader.getLocalName());
    }

    /**
     * Opens a reader over an element, positioned at its {@code START_ELEMENT}. The element is
     * serialized and read back with a Woodstox factory that supports no DTD and no external entity.
     *
     * @param element the element
     * @return a reader at the element's start tag; close it when done
     */
    public static XMLStreamReader open(XmlElement element) {
        byte[] bytes = XmlWriter.toBytes(element);
        try {
            XMLStreamReader reader = Factory.INSTANCE.createXMLStreamReader(new ByteArrayInputStream(bytes), "UTF-8");
            reader.nextTag();
            return reader;
        } catch (XMLStreamException e) {
            // cannot happen for output of XmlWriter; report it with the element rather than lose it
            throw new ExtensionDecodeException(element.name(), "cannot re-read element " + element.name()
                + ": " + e.getMessage(), e);
        }
    }

    /**
     * Decodes an element with a codec and checks the {@link ExtensionCodec} contract: the codec must
     * leave the reader at the element's matching end tag.
     *
     * @param codec the codec for {@code element}'s name
     * @param element the extension element
     * @param <T> the value type
     * @return the decoded value
     * @throws ExtensionDecodeException when the element does not match the codec, the codec fails,
     *     returns {@code null}, or leaves the reader anywhere but at the matching end tag
     */
    public static <T> T decode(ExtensionCodec<T> codec, XmlElement element) {
        Objects.requireNonNull(codec, "codec");
        if (!codec.name().equals(element.name())) {
            throw new ExtensionDecodeException(element.name(), "codec " + describe(codec) + " handles "
                + codec.name() + ", not " + element.name());
        }
        XMLStreamReader reader = open(element);
        try {
            T value;
            try {
                value = codec.decode(reader);
            } catch (XMLStreamException | RuntimeException e) {
                if (e instanceof ExtensionDecodeException) {
                    throw (ExtensionDecodeException) e;
                }
                throw new ExtensionDecodeException(element.name(), "codec " + describe(codec)
                    + " failed to decode " + element.name() + ": " + e.getMessage(), e);
            }
            if (value == null) {
                throw new ExtensionDecodeException(element.name(), "codec " + describe(codec)
                    + " returned null for " + element.name());
            }
            checkAtMatchingEnd(codec, element.name(), reader);
            if (!codec.type().isInstance(value)) {
                throw new ExtensionDecodeException(element.name(), "codec " + describe(codec) + " returned a "
                    + value.getClass().getName() + ", not a " + codec.type().getName());
            }
            return value;
        } finally {
            try {
                reader.close();
            } catch (XMLStreamException ignored) {
                // in-memory input: nothing to release
            }
        }
    }

    private static void checkAtMatchingEnd(ExtensionCodec<?> codec, XmlName name, XMLStreamReader reader) {
        boolean ok;
        String where;
        try {
            int event = reader.getEventType();
            where = describeEvent(reader, event);
            // the element is the document root: its matching end tag is the one followed by the document's end
            ok = event == XMLStreamConstants.END_ELEMENT && name.equals(name(reader))
                && reader.next() == XMLStreamConstants.END_DOCUMENT;
        } catch (XMLStreamException | IllegalStateException e) {
            ok = false;
            where = "an unreadable position (" + e.getMessage() + ")";
        }
        if (!ok) {
            throw new ExtensionDecodeException(name, "codec " + describe(codec)
                + " broke the decode contract: it must return at the end tag of " + name + " but left the reader at "
                + where);
        }
    }

    private static String describeEvent(XMLStreamReader reader, int event) {
        switch (event) {
            case XMLStreamConstants.START_ELEMENT:
                return "start tag " + name(reader);
            case XMLStreamConstants.END_ELEMENT:
                return "end tag " + name(reader) + " (line " + reader.getLocation().getLineNumber() + ", column "
                    + reader.getLocation().getColumnNumber() + ")";
            case XMLStreamConstants.END_DOCUMENT:
                return "the end of the document";
            case XMLStreamConstants.CHARACTERS:
                return "text";
            default:
                return "event " + event;
        }
    }

    static String describe(ExtensionCodec<?> codec) {
        return codec.getClass().getName() + " (" + codec.name() + ")";
    }

    private static void requireStart(XMLStreamReader reader) throws XMLStreamException {
        if (reader.getEventType() != XMLStreamConstants.START_ELEMENT) {
            throw new XMLStreamException("reader must be at a start tag, is at event " + reader.getEventType(),
                reader.getLocation());
        }
    }

    /** A secure, shared (thread-safe once configured) Woodstox input factory. */
    private static final class Factory {
        static final XMLInputFactory INSTANCE = create();

        private static XMLInputFactory create() {
            XMLInputFactory f = new WstxInputFactory();
            f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
            f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
            f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
            f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
            f.setProperty(XMLInputFactory.IS_COALESCING, true);
            f.setXMLResolver((publicId, systemId, baseUri, ns) -> {
                throw new XMLStreamException("external entities are not allowed: " + systemId);
            });
            return f;
        }
    }
}
