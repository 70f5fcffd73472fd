package org.reactorxmpp.xmpp.extension;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlName;

/**
 * Decodes and encodes one extension element, identified by its qualified {@link #name()}, to and
 * from an immutable value of type {@code T}. Implementations must be stateless and thread-safe.
 *
 * <p><b>Decoding contract.</b> {@link #decode(XMLStreamReader)} is called with the reader positioned
 * at the extension's {@code START_ELEMENT} (whose name is {@link #name()}). It must consume the
 * element entirely, including any children it does not understand (see
 * {@link XmlStreams#skipElement(XMLStreamReader)}), and return with the reader positioned at the
 * <em>matching</em> {@code END_ELEMENT}: not before it and not after it. Callers such as
 * {@link XmlStreams#decode(ExtensionCodec, XmlElement)} check this and fail with an
 * {@link ExtensionDecodeException} naming the codec when it is broken.
 *
 * <pre>{@code
 * final class PingCodec implements ExtensionCodec<Ping> {
 *     public XmlName name() { return XmlName.of("urn:xmpp:ping", "ping"); }
 *     public Class<Ping> type() { return Ping.class; }
 *     public Ping decode(XMLStreamReader r) throws XMLStreamException {
 *         XmlStreams.skipElement(r);          // leaves r at </ping>
 *         return Ping.INSTANCE;
 *     }
 *     public XmlElement encode(Ping p) { return XmlElement.builder(name()).build(); }
 * }
 * }</pre>
 *
 * @param <T> the extension's value type
 */
public interface ExtensionCodec<T> {

    /** @return the qualified name of the element this codec handles */
    XmlName name();

    /** @return the class of the decoded values */
    Class<T> type();

    /**
     * Decodes the element the reader is positioned on.
     *
     * @param reader positioned at the extension's {@code START_ELEMENT}; on return it must be at the
     *     matching {@code END_ELEMENT}
     * @return the decoded value, never {@code null}
     * @throws XMLStreamException when reading fails or the content is invalid for this extension
     */
    T decode(XMLStreamReader reader) throws XMLStreamException;

    /**
     * Encodes a value.
     *
     * @param value the value
     * @return an element named {@link #name()}
     */
    XmlElement encode(T value);
}
