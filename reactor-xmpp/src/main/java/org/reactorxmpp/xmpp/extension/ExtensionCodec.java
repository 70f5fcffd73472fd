package org.reactorxmpp.xmpp.extension;

import java.util.Objects;

import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlName;

/**
 * Maps one extension element, identified by its qualified {@link #name()}, to and from an
 * immutable value of type {@code T}. Codecs work on the element tree the session already parsed:
 * decoding never re-serializes or re-parses. Implementations must be stateless and thread-safe.
 * Codecs are registered per client ({@code XmppClient.Builder#codec}) or per feature
 * ({@code FeatureContext#codec}); there is no global registry.
 *
 * <p>{@link #decode(XmlElement)} receives an element named {@link #name()}; it reads what it
 * understands and ignores the rest (unknown children stay in the element, nothing is dropped). Invalid
 * content is an {@link ExtensionDecodeException} (or an {@link IllegalArgumentException}, which
 * {@link #decode(ExtensionCodec, XmlElement)} turns into one naming the codec).
 *
 * <pre>{@code
 * final class PingCodec implements ExtensionCodec<Ping> {
 *     public XmlName name() { return XmlName.of("urn:xmpp:ping", "ping"); }
 *     public Class<Ping> type() { return Ping.class; }
 *     public Ping decode(XmlElement element) { return Ping.INSTANCE; }
 *     public XmlElement encode(Ping p) { return XmlElement.builder(name()).build(); }
 * }
 * Optional<Ping> ping = iq.extension(new PingCodec());
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
     * Decodes an element.
     *
     * @param element an element named {@link #name()}
     * @return the decoded value, never {@code null}
     * @throws ExtensionDecodeException or {@link IllegalArgumentException} when the content is
     *     invalid for this extension
     */
    T decode(XmlElement element);

    /**
     * Encodes a value.
     *
     * @param value the value
     * @return an element named {@link #name()}
     */
    XmlElement encode(T value);

    /**
     * Decodes with a codec and checks its contract: the element has the codec's name, the codec
     * returns a non-null value of its type; any failure is an {@link ExtensionDecodeException} naming
     * the codec and the element.
     *
     * <pre>{@code
     * Delay delay = ExtensionCodec.decode(Delay.CODEC, element);
     * }</pre>
     *
     * @param codec the codec for {@code element}'s name
     * @param element the extension element
     * @param <T> the value type
     * @return the decoded value
     * @throws ExtensionDecodeException when the element does not match the codec or decoding fails
     */
    static <T> T decode(ExtensionCodec<T> codec, XmlElement element) {
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(element, "element");
        if (!codec.name().equals(element.name())) {
            throw new ExtensionDecodeException(element.name(), "codec " + describe(codec) + " handles "
                + codec.name() + ", not " + element.name());
        }
        T value;
        try {
            value = codec.decode(element);
        } catch (ExtensionDecodeException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ExtensionDecodeException(element.name(), "codec " + describe(codec)
                + " failed to decode " + element.name() + ": " + e.getMessage(), e);
        }
        if (value == null) {
            throw new ExtensionDecodeException(element.name(), "codec " + describe(codec)
                + " returned null for " + element.name());
        }
        if (!codec.type().isInstance(value)) {
            throw new ExtensionDecodeException(element.name(), "codec " + describe(codec) + " returned a "
                + value.getClass().getName() + ", not a " + codec.type().getName());
        }
        return value;
    }

    /**
     * @param codec a codec
     * @return its class and element name, for messages
     */
    static String describe(ExtensionCodec<?> codec) {
        return codec.getClass().getName() + " (" + codec.name() + ")";
    }
}
