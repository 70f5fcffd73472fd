package org.reactorxmpp.xmpp.xml;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Objects;

import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLResolver;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;

import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.exc.WstxLazyException;
import com.ctc.wstx.stax.WstxInputFactory;
import org.codehaus.stax2.XMLInputFactory2;
import org.codehaus.stax2.XMLStreamReader2;
import org.jspecify.annotations.Nullable;

/**
 * Reads one UTF-8 XML document into an {@link XmlElement} tree, secure by construction: a document in memory
 * (a byte array or buffer) straight from its bytes with a scanner of our own, a stream with Woodstox, both with
 * the same checks, limits and typed failures.
 *
 * <p>Only the restricted XML that RFC 6120 section 11.1 allows is accepted: a document type
 * declaration, a reference to any entity other than the five predefined ones, a processing
 * instruction or a comment fails with {@link XmlException.Reason#RESTRICTED}; nothing external is
 * ever resolved and no entity is ever expanded. Input over the {@link XmlLimits} fails with the
 * matching reason ({@code DEPTH_LIMIT}, {@code ATTRIBUTE_LIMIT}, {@code TEXT_LIMIT},
 * {@code SIZE_LIMIT}) as soon as the limit is crossed, without reading the rest. Anything else that is
 * not a well-formed, namespace-well-formed UTF-8 XML 1.0 document is
 * {@link XmlException.Reason#MALFORMED}; a failing input stream is {@link XmlException.Reason#IO}.
 *
 * <p>The tree keeps the content as it is: whitespace-only text is kept, CDATA sections become text,
 * namespace declarations are not attributes, attribute names keep their source prefix as a hint.
 *
 * <p>An {@code XmlReader} is immutable and thread-safe; create one and share it.
 *
 * <pre>{@code
 * XmlReader reader = XmlReader.create(XmlLimits.builder().maxDocumentSize(1 << 20).build());
 * XmlElement body = reader.read(httpResponseBytes);
 * }</pre>
 */
public final class XmlReader {

    /*
     * Why IS_REPLACING_ENTITY_REFERENCES is true: without a DTD (refused at its event, before any
     * element) only the predefined entities and character references can be replaced. With the
     * property false, Woodstox silently drops an undeclared reference inside an attribute value; with
     * it true, any such reference fails as "Undeclared general entity", reported as RESTRICTED.
     */

    private static final XMLResolver REFUSING_RESOLVER = (publicId, systemId, baseUri, namespace) -> {
        throw new XMLStreamException("external entity or DTD refused: " + systemId);
    };

    /** One assembly per thread, reused from document to document (a read never starts another on its thread). */
    private static final ThreadLocal<ElementAssembly> ASSEMBLY =
        ThreadLocal.withInitial(() -> new ElementAssembly(XmlLimits.DEFAULTS));

    /** One scanner per thread for documents in memory, reused likewise (its name table stays warm). */
    private static final ThreadLocal<XmlScanner> SCANNER = ThreadLocal.withInitial(XmlScanner::new);

    private final XmlLimits limits;
    private final XMLInputFactory2 factory;

    private XmlReader(XmlLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.factory = newFactory(limits);
    }

    /** @return a reader with {@link XmlLimits#DEFAULTS} */
    public static XmlReader create() {
        return new XmlReader(XmlLimits.DEFAULTS);
    }

    /**
     * A reader with the given limits.
     *
     * @param limits the limits
     * @return a reader
     */
    public static XmlReader create(XmlLimits limits) {
        return new XmlReader(limits);
    }

    /** @return the limits in force */
    public XmlLimits limits() {
        return limits;
    }

    /**
     * Reads one document from a stream. At most {@link XmlLimits#maxDocumentSize()} + 1 bytes are
     * taken from it.
     *
     * @param in UTF-8 bytes of one document; not closed
     * @return its root element
     * @throws XmlException when the input is refused or cannot be read
     */
    public XmlElement read(InputStream in) {
        Objects.requireNonNull(in, "in");
        BoundedInputStream bounded = new BoundedInputStream(in, limits.maxDocumentSize());
        XMLStreamReader2 r = null;
        try {
            r = (XMLStreamReader2) factory.createXMLStreamReader(bounded);
            return parse(r);
        } catch (XMLStreamException e) {
            throw translate(e, r);
        } catch (WstxLazyException e) {
            throw translateLazy(e, r);
        } finally {
            close(r);
        }
    }

    /**
     * Reads one document from a byte array.
     *
     * @param bytes UTF-8 bytes of one document
     * @return its root element
     * @throws XmlException when the input is refused
     */
    public XmlElement read(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return read(bytes, 0, bytes.length);
    }

    /**
     * Reads one document from a buffer, from its position to its limit. The buffer's position is
     * left unchanged.
     *
     * @param buffer UTF-8 bytes of one document
     * @return its root element
     * @throws XmlException when the input is refused
     */
    public XmlElement read(ByteBuffer buffer) {
        Objects.requireNonNull(buffer, "buffer");
        if (buffer.hasArray()) {
            return read(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
        }
        checkSize(buffer.remaining());
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return read(copy, 0, copy.length);
    }

    private XmlElement read(byte[] bytes, int offset, int length) {
        checkSize(length);
        return SCANNER.get().read(bytes, offset, length, limits);
    }

    private void checkSize(long length) {
        if (length > limits.maxDocumentSize()) {
            throw new XmlException(XmlException.Reason.SIZE_LIMIT,
                "document of " + length + " bytes is over the limit of " + limits.maxDocumentSize() + " bytes");
        }
    }

    private XmlElement parse(XMLStreamReader2 r) throws XMLStreamException {
        checkDeclaration(r);
        ElementAssembly tree = ASSEMBLY.get().reset(limits);
        try {
            return parse(r, tree);
        } finally {
            tree.clear();
        }
    }

    private XmlElement parse(XMLStreamReader2 r, ElementAssembly tree) throws XMLStreamException {
        XmlElement root = null;
        while (true) {
            int event = r.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT: {
                    if (root != null) {
                        throw ElementAssembly.malformed("a second root element", r.getLocation());
                    }
                    if (tree.depth() >= limits.maxDepth()) {
                        throw new XmlException(XmlException.Reason.DEPTH_LIMIT,
                            "element nesting deeper than " + limits.maxDepth() + ElementAssembly.at(r.getLocation()));
                    }
                    tree.start(r);
                    break;
                }
                case XMLStreamConstants.END_ELEMENT: {
                    XmlElement element = tree.end();
                    if (tree.depth() == 0) {
                        root = element;
                    }
                    break;
                }
                case XMLStreamConstants.CHARACTERS:
                case XMLStreamConstants.CDATA:
                case XMLStreamConstants.SPACE:
                    tree.text(r);
                    break;
                case XMLStreamConstants.END_DOCUMENT:
                    if (root == null) {
                        throw ElementAssembly.malformed("no root element", r.getLocation());
                    }
                    return root;
                case XMLStreamConstants.DTD:
                    throw ElementAssembly.restricted("document type declaration", r.getLocation());
                case XMLStreamConstants.ENTITY_REFERENCE:
                    throw ElementAssembly.restricted("reference to entity '" + r.getLocalName() + "'", r.getLocation());
                case XMLStreamConstants.PROCESSING_INSTRUCTION:
                    throw ElementAssembly.restricted("processing instruction", r.getLocation());
                case XMLStreamConstants.COMMENT:
                    throw ElementAssembly.restricted("comment", r.getLocation());
                default:
                    throw ElementAssembly.restricted("XML event " + event, r.getLocation());
            }
        }
    }

    private static void checkDeclaration(XMLStreamReader2 r) {
        String version = r.getVersion();
        if (version != null && !"1.0".equals(version)) {
            throw ElementAssembly.malformed("XML version " + version + " (only 1.0 is accepted)", r.getLocation());
        }
        String declared = r.getCharacterEncodingScheme();
        if (declared != null && !"UTF-8".equalsIgnoreCase(declared)) {
            throw ElementAssembly.malformed("declared encoding " + declared + " (only UTF-8 is accepted)", r.getLocation());
        }
        String detected = r.getEncoding();
        if (detected != null && !"UTF-8".equalsIgnoreCase(detected)) {
            throw ElementAssembly.malformed("input encoding " + detected + " (only UTF-8 is accepted)", r.getLocation());
        }
    }

    private XmlException translateLazy(WstxLazyException e, @Nullable XMLStreamReader2 r) {
        return e.getCause() instanceof XMLStreamException
            ? translate((XMLStreamException) e.getCause(), r)
            : new XmlException(XmlException.Reason.MALFORMED, "malformed XML: " + firstLine(e.getMessage()), e);
    }

    /** Maps a Woodstox failure (or one of our input stream's) to a typed exception. */
    private XmlException translate(XMLStreamException e, @Nullable XMLStreamReader2 r) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BoundedInputStream.SizeLimitExceeded) {
                return new XmlException(XmlException.Reason.SIZE_LIMIT, t.getMessage(), e);
            }
            if (t instanceof BoundedInputStream.SourceFailure) {
                Throwable source = t.getCause();
                return new XmlException(XmlException.Reason.IO, "reading the XML input failed: "
                    + (source != null ? source : t), source != null ? source : t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        String message = firstLine(e.getMessage());
        // Woodstox's limit violations carry no location: the reader's current one is close enough
        String where = ElementAssembly.at(e.getLocation() != null ? e.getLocation() : r != null ? currentLocation(r) : null);
        String lower = message.toLowerCase(java.util.Locale.ROOT);
        XmlException.Reason reason;
        String text;
        if (lower.contains("element depth limit")) {
            reason = XmlException.Reason.DEPTH_LIMIT;
            text = "element nesting deeper than " + limits.maxDepth();
        } else if (lower.startsWith("attribute limit")) {
            reason = XmlException.Reason.ATTRIBUTE_LIMIT;
            text = "more than " + limits.maxAttributes() + " attributes on one element";
        } else if (lower.contains("text size limit") || lower.contains("attribute size limit")) {
            reason = XmlException.Reason.TEXT_LIMIT;
            text = "text or attribute value longer than " + limits.maxTextLength() + " characters";
        } else if (lower.contains("document characters limit")) {
            reason = XmlException.Reason.SIZE_LIMIT;
            text = "document longer than " + limits.maxDocumentSize() + " characters";
        } else if (lower.contains("undeclared general entity") || lower.contains("entity expansion")
            || lower.contains("external entity") || lower.contains("dtd")) {
            reason = XmlException.Reason.RESTRICTED;
            text = message + " (RFC 6120 section 11.1 restricted XML)";
        } else {
            reason = XmlException.Reason.MALFORMED;
            text = "malformed XML: " + message;
        }
        return new XmlException(reason, text + where, e);
    }

    private static @Nullable Location currentLocation(XMLStreamReader2 r) {
        try {
            return r.getLocation();
        } catch (RuntimeException ignored) {
            return null;
        }
    }

    private static String firstLine(@Nullable String message) {
        if (message == null) {
            return "unknown error";
        }
        int nl = message.indexOf('\n');
        return (nl >= 0 ? message.substring(0, nl) : message).trim();
    }

    private static void close(@Nullable XMLStreamReader2 r) {
        if (r != null) {
            try {
                r.closeCompletely();
            } catch (XMLStreamException | RuntimeException ignored) {
                // nothing was held but the input, which belongs to the caller (and is not closed)
            }
        }
    }

    private static XMLInputFactory2 newFactory(XmlLimits limits) {
        XMLInputFactory2 f = new WstxInputFactory();
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_VALIDATING, false);
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, true);
        f.setProperty(XMLInputFactory.IS_COALESCING, false);
        f.setProperty(XMLInputFactory.RESOLVER, REFUSING_RESOLVER);
        f.setProperty(WstxInputProperties.P_DTD_RESOLVER, REFUSING_RESOLVER);
        f.setProperty(WstxInputProperties.P_ENTITY_RESOLVER, REFUSING_RESOLVER);
        f.setProperty(WstxInputProperties.P_UNDECLARED_ENTITY_RESOLVER, null);
        f.setProperty(XMLInputFactory2.P_LAZY_PARSING, false);
        f.setProperty(XMLInputFactory2.P_AUTO_CLOSE_INPUT, false);
        f.setProperty(XMLInputFactory2.P_REPORT_PROLOG_WHITESPACE, false);
        f.setProperty(XMLInputFactory2.P_PRESERVE_LOCATION, true);
        f.setProperty(WstxInputProperties.P_ALLOW_XML11_ESCAPED_CHARS_IN_XML10, false);
        f.setProperty(WstxInputProperties.P_MAX_ELEMENT_DEPTH, limits.maxDepth());
        f.setProperty(WstxInputProperties.P_MAX_ATTRIBUTES_PER_ELEMENT, limits.maxAttributes());
        f.setProperty(WstxInputProperties.P_MAX_ATTRIBUTE_SIZE, limits.maxTextLength());
        f.setProperty(WstxInputProperties.P_MAX_TEXT_LENGTH, limits.maxTextLength());
        f.setProperty(WstxInputProperties.P_MAX_CHARACTERS, limits.maxDocumentSize());
        f.setProperty(WstxInputProperties.P_MAX_ENTITY_COUNT, 1);
        f.setProperty(WstxInputProperties.P_MAX_ENTITY_DEPTH, 1);
        f.setProperty(WstxInputProperties.P_MAX_DTD_DEPTH, 1);
        return f;
    }

    /**
     * Counts the bytes read and fails as soon as more than the limit have been read, so that an
     * endless input is never read past the limit; failures of the source are marked so that they are
     * told apart from Woodstox's own (invalid UTF-8 is also an {@link IOException} there).
     */
    static final class BoundedInputStream extends InputStream {
        private final InputStream in;
        private final long limit;
        private long count;

        BoundedInputStream(InputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        /** @return the bytes read so far */
        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n <= 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            // never ask for more than one byte past the limit
            int max = (int) Math.min(len, limit - count + 1);
            int n;
            try {
                n = in.read(b, off, max);
            } catch (IOException e) {
                throw new SourceFailure(e);
            }
            if (n > 0) {
                count += n;
                if (count > limit) {
                    throw new SizeLimitExceeded(limit);
                }
            }
            return n;
        }

        @Override
        public void close() {
            // the caller owns the source
        }

        static final class SizeLimitExceeded extends IOException {
            private static final long serialVersionUID = 1L;

            SizeLimitExceeded(long limit) {
                super("document larger than the limit of " + limit + " bytes");
            }
        }

        static final class SourceFailure extends IOException {
            private static final long serialVersionUID = 1L;

            SourceFailure(IOException cause) {
                super(cause.getMessage(), cause);
            }
        }
    }
}
