package org.reactorxmpp.xmpp.stanza;

import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.extension.ExtensionCodec;
import org.reactorxmpp.xmpp.extension.ExtensionDecodeException;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.jid.JidFormatException;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlName;

/**
 * An XMPP stanza (RFC 6120 section 8): an immutable, typed view over its {@link XmlElement}. The
 * element is kept whole, so children and attributes the model does not know survive a read/write
 * round trip; {@link #element()} is exactly what goes on the wire.
 *
 * <p><b>Addresses.</b> {@link #from()} and {@link #to()} are parsed lazily, on first call, and cached.
 * A malformed address in inbound data therefore never prevents reading the other fields (or
 * answering with {@code jid-malformed}); only the accessor of that attribute throws an
 * {@link InvalidStanzaException} naming it. {@link #fromText()} and {@link #toText()} give the raw
 * attribute values without parsing.
 *
 * <pre>{@code
 * Stanza stanza = Stanza.of(element);       // Message, Presence or Iq
 * switch (stanza) { ... }                    // or instanceof: the hierarchy is sealed
 * Optional<Delay> delay = stanza.extension(Delay.CODEC);
 * }</pre>
 */
public abstract sealed class Stanza permits Message, Presence, Iq {

    /** The client namespace, {@code jabber:client}, of stanzas on a client stream. */
    public static final String NAMESPACE = "jabber:client";

    static final XmlName ERROR = XmlName.of(NAMESPACE, "error");

    private static final Object UNPARSED = new Object();

    private final XmlElement element;
    // racy single-check caches: Jid values are immutable, recomputing is harmless
    private @Nullable Object from = UNPARSED;
    private @Nullable Object to = UNPARSED;

    Stanza(XmlElement element) {
        this.element = Objects.requireNonNull(element, "element");
    }

    /**
     * Wraps an element as the stanza it is.
     *
     * @param element a {@code message}, {@code presence} or {@code iq} element in {@code jabber:client}
     * @return a {@link Message}, {@link Presence} or {@link Iq}
     * @throws InvalidStanzaException for any other name or namespace
     */
    public static Stanza of(XmlElement element) {
        if (NAMESPACE.equals(element.namespace())) {
            switch (element.localName()) {
                case "message":
                    return new Message(element);
                case "presence":
                    return new Presence(element);
                case "iq":
                    return new Iq(element);
                default:
                    break;
            }
        }
        throw new InvalidStanzaException("not a stanza: " + element.name()
            + " (expected message, presence or iq in namespace " + NAMESPACE + ")");
    }

    static XmlElement require(XmlElement element, String localName) {
        if (!element.is(NAMESPACE, localName)) {
            throw new InvalidStanzaException("not a " + localName + " stanza: " + element.name()
                + " (expected {" + NAMESPACE + "}" + localName + ")");
        }
        return element;
    }

    /** @return the stanza's element, exactly as received or built */
    public XmlElement element() {
        return element;
    }

    /** @return the {@code id} attribute, or {@code null} */
    public @Nullable String id() {
        return element.attribute("id");
    }

    /** @return the raw {@code from} attribute, unparsed, or {@code null} */
    public @Nullable String fromText() {
        return element.attribute("from");
    }

    /** @return the raw {@code to} attribute, unparsed, or {@code null} */
    public @Nullable String toText() {
        return element.attribute("to");
    }

    /**
     * The sender's address, parsed on first call.
     *
     * @return the address, or {@code null} when the attribute is absent
     * @throws InvalidStanzaException when the {@code from} attribute is not a valid JID
     */
    public @Nullable Jid from() {
        Object v = from;
        if (v == UNPARSED) {
            v = parse("from");
            from = v;
        }
        return (Jid) v;
    }

    /**
     * The recipient's address, parsed on first call.
     *
     * @return the address, or {@code null} when the attribute is absent
     * @throws InvalidStanzaException when the {@code to} attribute is not a valid JID
     */
    public @Nullable Jid to() {
        Object v = to;
        if (v == UNPARSED) {
            v = parse("to");
            to = v;
        }
        return (Jid) v;
    }

    private @Nullable Jid parse(String attribute) {
        String text = element.attribute(attribute);
        if (text == null) {
            return null;
        }
        try {
            return RecentAddresses.parse(text);
        } catch (JidFormatException e) {
            throw new InvalidStanzaException("malformed '" + attribute + "' address '" + text + "' on "
                + element.localName() + " stanza: " + e.getMessage(), e);
        }
    }

    /** @return the stanza's {@code xml:lang}, or {@code null} (then the stream's language applies) */
    public @Nullable String lang() {
        return element.attribute(XmlName.XML_LANG);
    }

    /**
     * The stanza error, if the stanza carries an {@code <error/>} child (normally when its type is
     * {@code error}).
     *
     * @return the parsed error
     */
    public Optional<StanzaError> error() {
        XmlElement e = element.element(ERROR);
        return e == null ? Optional.empty() : Optional.of(StanzaError.from(e));
    }

    /**
     * Decodes the first child element handled by a codec.
     *
     * @param codec the extension's codec
     * @param <T> the extension type
     * @return the decoded value, or empty when there is no such child
     * @throws ExtensionDecodeException when the child exists but cannot be decoded
     */
    public <T> Optional<T> extension(ExtensionCodec<T> codec) {
        XmlElement child = element.element(codec.name());
        return child == null ? Optional.empty() : Optional.of(ExtensionCodec.decode(codec, child));
    }

    /**
     * Whether the stanza has a child element with that name.
     *
     * @param name the child's name
     * @return {@code true} if present
     */
    public boolean has(XmlName name) {
        return element.element(name) != null;
    }

    /**
     * A copy with another id.
     *
     * @param id the new id, or {@code null} to remove it
     * @return the copy
     */
    public abstract Stanza withId(@Nullable String id);

    /**
     * A copy with another sender.
     *
     * @param from the new sender, or {@code null} to remove it
     * @return the copy
     */
    public abstract Stanza withFrom(@Nullable Jid from);

    /**
     * A copy with another recipient.
     *
     * @param to the new recipient, or {@code null} to remove it
     * @return the copy
     */
    public abstract Stanza withTo(@Nullable Jid to);

    XmlElement withAttribute(String name, @Nullable Object value) {
        return element.toBuilder().attribute(name, value).build();
    }

    @Override
    public final boolean equals(Object o) {
        return o == this || (o instanceof Stanza && ((Stanza) o).element.equals(element));
    }

    @Override
    public final int hashCode() {
        return element.hashCode();
    }

    /** @return the stanza's XML */
    @Override
    public final String toString() {
        return element.toString();
    }
}
