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
import org.jspecify.annotations.Nullable;

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
 *
 * <p>For a message-framed transport (XMPP over WebSocket, RFC 7395: one complete element per message and no
 * stream element), {@link #forMessages} makes a parser that reads message after message with one incremental
 * reader, instead of setting up a new document parser per message:
 *
 * <pre>{@code
 * XmlStreamParser messages = XmlStreamParser.forMessages(XmlLimits.DEFAULTS);
 * XmlElement open = messages.readMessage(ByteBuffer.wrap(frameBytes)); // exactly one element, else XmlException
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
    /** What a message parser reads first: the element its messages are the children of (never reported). */
    private static final byte[] MESSAGES_PARENT = "<messages>".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final XmlLimits limits;
    /** Parses messages ({@link #forMessages}): no stream header, each message one element. */
    private final boolean messages;
    /** Levels above the elements reported: the stream element counts against the depth limit, messages have none. */
    private final int levelsAbove;
    private @Nullable MessageCatcher catcher;
    private final ElementAssembly tree;
    private AsyncXMLStreamReader<AsyncByteBufferFeeder> reader;
    private boolean inStream;
    private boolean ended;
    /** Bytes fed to the current reader. */
    private long fed;
    /** Where the open top-level element started (a byte offset of the current reader), or -1. */
    private long elementStart = -1;

    private XmlStreamParser(XmlLimits limits, boolean messages) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.messages = messages;
        this.levelsAbove = messages ? 0 : 1;
        this.tree = new ElementAssembly(limits);
        this.reader = FACTORY.createAsyncForByteBuffer();
        if (messages) {
            catcher = new MessageCatcher();
            feed(ByteBuffer.wrap(MESSAGES_PARENT), catcher);
        }
    }

    /**
     * @param limits the limits, as for {@link XmlReader}
     * @return a parser expecting a stream header
     */
    public static XmlStreamParser create(XmlLimits limits) {
        return new XmlStreamParser(limits, false);
    }

    /**
     * A parser for messages that each hold exactly one complete element (RFC 7395 section 3.3.3), read with
     * {@link #readMessage}; the depth limit counts from each message's element, as {@link XmlReader} counts from a
     * document's root.
     *
     * @param limits the limits, as for {@link XmlReader} (size per message)
     * @return a parser expecting a message
     */
    public static XmlStreamParser forMessages(XmlLimits limits) {
        return new XmlStreamParser(limits, true);
    }

    /**
     * Reads one message of a {@link #forMessages} parser: it must hold exactly one complete element (an XML
     * declaration in front of it is skipped). The buffer is consumed entirely.
     *
     * @param message the message's bytes
     * @return its element
     * @throws XmlException when the message is malformed, restricted, over a limit, or not exactly one element;
     *     the parser is unusable then
     */
    public XmlElement readMessage(ByteBuffer message) {
        MessageCatcher c = catcher;
        if (c == null) {
            throw new IllegalStateException("not a message parser: use XmlStreamParser.forMessages");
        }
        skipDeclaration(message);
        c.element = null;
        c.count = 0;
        feed(message, c);
        XmlElement element = c.element;
        if (c.count != 1 || element == null || tree.depth() != 0) {
            ended = true;
            throw new XmlException(XmlException.Reason.MALFORMED, "a message must hold exactly one complete element, "
                + "this one " + (c.count > 1 ? "holds " + c.count : tree.depth() != 0 ? "ends inside one" : "holds none"));
        }
        c.element = null;
        return element;
    }

    /** Moves past an XML declaration ({@code <?xml ... ?>}) at the start of a message. */
    private static void skipDeclaration(ByteBuffer message) {
        int p = message.position();
        int end = message.limit();
        if (end - p < 5 || message.get(p) != '<' || message.get(p + 1) != '?' || message.get(p + 2) != 'x'
            || message.get(p + 3) != 'm' || message.get(p + 4) != 'l') {
            return;
        }
        for (int i = p + 5; i + 1 < end; i++) {
            if (message.get(i) == '?' && message.get(i + 1) == '>') {
                message.position(i + 2);
                return;
            }
        }
    }

    /** Forgets the current stream: the next bytes start a new document with its own stream header. */
    public void restart() {
        reader = FACTORY.createAsyncForByteBuffer();
        tree.clear();
        inStream = false;
        ended = false;
        fed = 0;
        elementStart = -1;
        MessageCatcher c = catcher;
        if (c != null) {
            feed(ByteBuffer.wrap(MESSAGES_PARENT), c);
        }
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
                if (messages && tree.depth() == 0 && !reader.isWhiteSpace()) {
                    throw ElementAssembly.malformed("text outside the message's element", reader.getLocation());
                }
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
            if (messages) {
                inStream = true; // the parent of the messages, fed by this parser itself
                return;
            }
            if (!STREAMS.equals(reader.getNamespaceURI()) || !"stream".equals(reader.getLocalName())) {
                throw ElementAssembly.malformed("expected a stream header, got <" + reader.getLocalName() + ">",
                    reader.getLocation());
            }
            inStream = true;
            handler.streamOpened(ElementAssembly.startTag(reader, limits));
            return;
        }
        // the stream element counts as one level, as the BOSH body does for XmlReader
        if (tree.depth() + levelsAbove >= limits.maxDepth()) {
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

    /** Takes a message's element(s) for {@link #readMessage}. */
    private static final class MessageCatcher implements Handler {
        @Nullable XmlElement element;
        int count;

        @Override
        public void streamOpened(XmlElement header) {
            // never called: a message parser has no stream header
        }

        @Override
        public void element(XmlElement e) {
            element = e;
            count++;
        }

        @Override
        public void streamClosed() {
            throw new XmlException(XmlException.Reason.MALFORMED, "malformed XML: an end tag without its start tag");
        }
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
