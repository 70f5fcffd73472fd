package org.reactorxmpp.xmpp.xml;

import java.nio.ByteBuffer;
import java.util.Objects;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;

import com.fasterxml.aalto.AsyncByteBufferFeeder;
import com.fasterxml.aalto.AsyncXMLInputFactory;
import com.fasterxml.aalto.AsyncXMLStreamReader;
import com.fasterxml.aalto.stax.InputFactoryImpl;
import org.codehaus.stax2.XMLInputFactory2;

/**
 * Parses an XMPP stream (RFC 6120 section 4) incrementally and without blocking: bytes are fed as they arrive,
 * in chunks cut anywhere, and each complete top-level element comes out as an {@link XmlElement}, the same model
 * and the same {@link XmlLimits} as {@link XmlReader} (depth counts the stream element, size is per top-level
 * element). Built on Aalto's asynchronous (feeder) StAX parser. The restricted XML of RFC 6120 section 11.1 is
 * enforced as in {@link XmlReader}.
 *
 * <p>Not thread-safe: one parser per connection, fed from one thread at a time (an event loop).
 *
 * <pre>{@code
 * XmlStreamParser parser = XmlStreamParser.create(XmlLimits.DEFAULTS);
 * parser.feed(ByteBuffer.wrap(bytes), new XmlStreamParser.Handler() {
 *     public void streamOpened(XmlElement header) { ... header.attribute("id") ... }
 *     public void element(XmlElement element) { ... a stanza, features, SASL ... }
 *     public void streamClosed() { ... </stream:stream> ... }
 * });
 * parser.restart(); // after STARTTLS or SASL success: a new stream header follows
 * }</pre>
 */
public final class XmlStreamParser {

    /** What the parser found. Called on the thread that feeds. */
    public interface Handler {
        /**
         * @param header the {@code stream:stream} start tag, as an element without children
         */
        void streamOpened(XmlElement header);

        /** @param element a complete top-level element of the stream */
        void element(XmlElement element);

        /** The stream's closing tag arrived; nothing after it is read. */
        void streamClosed();
    }

    private static final String STREAMS = "http://etherx.jabber.org/streams";
    private static final AsyncXMLInputFactory FACTORY = newFactory();

    private final XmlLimits limits;
    private final ElementAssembly tree;
    private AsyncXMLStreamReader<AsyncByteBufferFeeder> reader;
    private boolean inStream;
    private boolean ended;
    /** Bytes fed to the current reader. */
    private long fed;
    /** Where the open top-level element started (a byte offset of the current reader), or -1. */
    private long elementStart = -1;

    private XmlStreamParser(XmlLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.tree = new ElementAssembly(limits);
        this.reader = FACTORY.createAsyncForByteBuffer();
    }

    /**
     * @param limits the limits, as for {@link XmlReader}
     * @return a parser expecting a stream header
     */
    public static XmlStreamParser create(XmlLimits limits) {
        return new XmlStreamParser(limits);
    }

    /** Forgets the current stream: the next bytes start a new document with its own stream header. */
    public void restart() {
        reader = FACTORY.createAsyncForByteBuffer();
        tree.clear();
        inStream = false;
        ended = false;
        fed = 0;
        elementStart = -1;
    }

    /**
     * Parses the next bytes; calls the handler for everything they complete. The buffer is consumed entirely
     * (its position moves to its limit).
     *
     * @param input the next bytes of the stream
     * @param handler told what was found
     * @throws XmlException when the input is malformed, restricted or over a limit; the stream is unusable then
     */
    public void feed(ByteBuffer input, Handler handler) {
        if (ended) {
            input.position(input.limit());
            return;
        }
        try {
            fed += input.remaining();
            reader.getInputFeeder().feedInput(input);
            int event;
            while (!ended && (event = reader.next()) != AsyncXMLStreamReader.EVENT_INCOMPLETE) {
                onEvent(event, handler);
            }
            // Aalto reads the buffer by index; it is done with it (it asks for more input, or the stream ended)
            input.position(input.limit());
            if (elementStart >= 0 && fed - elementStart > limits.maxDocumentSize()) {
                throw sizeLimit();
            }
        } catch (XMLStreamException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage().split("\n", 2)[0];
            throw new XmlException(XmlException.Reason.MALFORMED, "malformed XML stream: " + message, e);
        }
    }

    private void onEvent(int event, Handler handler) throws XMLStreamException {
        switch (event) {
            case XMLStreamConstants.START_ELEMENT:
                startElement(handler);
                break;
            case XMLStreamConstants.END_ELEMENT:
                endElement(handler);
                break;
            case XMLStreamConstants.CHARACTERS:
            case XMLStreamConstants.CDATA:
            case XMLStreamConstants.SPACE:
                tree.text(reader);
                break;
            case XMLStreamConstants.START_DOCUMENT:
                String version = reader.getVersion();
                if (version != null && !"1.0".equals(version)) {
                    throw ElementAssembly.malformed("XML version " + version + " (only 1.0 is accepted)",
                        reader.getLocation());
                }
                break;
            case XMLStreamConstants.END_DOCUMENT:
                ended = true;
                break;
            case XMLStreamConstants.DTD:
                throw ElementAssembly.restricted("document type declaration", reader.getLocation());
            case XMLStreamConstants.ENTITY_REFERENCE:
                throw ElementAssembly.restricted("reference to entity '" + reader.getLocalName() + "'",
                    reader.getLocation());
            case XMLStreamConstants.PROCESSING_INSTRUCTION:
                throw ElementAssembly.restricted("processing instruction", reader.getLocation());
            case XMLStreamConstants.COMMENT:
                throw ElementAssembly.restricted("comment", reader.getLocation());
            default:
                throw ElementAssembly.restricted("XML event " + event, reader.getLocation());
        }
    }

    private void startElement(Handler handler) {
        if (!inStream) {
            if (!STREAMS.equals(reader.getNamespaceURI()) || !"stream".equals(reader.getLocalName())) {
                throw ElementAssembly.malformed("expected a stream header, got <" + reader.getLocalName() + ">",
                    reader.getLocation());
            }
            inStream = true;
            handler.streamOpened(ElementAssembly.startTag(reader, limits));
            return;
        }
        // the stream element counts as one level, as the BOSH body does for XmlReader
        if (tree.depth() + 1 >= limits.maxDepth()) {
            throw new XmlException(XmlException.Reason.DEPTH_LIMIT, "element nesting deeper than "
                + limits.maxDepth() + ElementAssembly.at(reader.getLocation()));
        }
        if (tree.depth() == 0) {
            elementStart = reader.getLocationInfo().getStartingByteOffset();
        }
        tree.start(reader);
    }

    private void endElement(Handler handler) throws XMLStreamException {
        if (tree.depth() == 0) {
            ended = true;
            handler.streamClosed();
            return;
        }
        XmlElement element = tree.end();
        if (tree.depth() > 0) {
            return;
        }
        long size = reader.getLocationInfo().getEndingByteOffset() - elementStart;
        elementStart = -1;
        if (size > limits.maxDocumentSize()) {
            throw sizeLimit();
        }
        handler.element(element);
    }

    private XmlException sizeLimit() {
        return new XmlException(XmlException.Reason.SIZE_LIMIT,
            "stream element larger than the limit of " + limits.maxDocumentSize() + " bytes");
    }

    private static AsyncXMLInputFactory newFactory() {
        AsyncXMLInputFactory f = new InputFactoryImpl();
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_VALIDATING, false);
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, false);
        f.setProperty(XMLInputFactory2.P_REPORT_PROLOG_WHITESPACE, false);
        return f;
    }
}
