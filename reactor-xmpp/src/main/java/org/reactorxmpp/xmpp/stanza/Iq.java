package org.reactorxmpp.xmpp.stanza;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlName;

/**
 * An {@code <iq/>} stanza (RFC 6120 section 8.2.3): a request ({@code get}/{@code set}) with exactly
 * one payload, answered by a {@code result} or an {@code error} with the same id.
 *
 * <p>Inbound IQs are wrapped as they are (an IQ without id can still be read and reported);
 * everything built here is validated: an id is required, a get or set carries exactly one payload
 * element, a result at most one, an error an {@code <error/>} child.
 *
 * <pre>{@code
 * Iq ping = Iq.get(Jid.parse("example.com"), XmlElement.empty("urn:xmpp:ping", "ping"));  // random id
 * Iq pong = ping.resultWith(null);      // to/from swapped, same id
 * Iq no = ping.errorWith(StanzaError.of(StanzaError.Condition.SERVICE_UNAVAILABLE));
 * }</pre>
 */
public final class Iq extends Stanza {

    /** The IQ type (RFC 6120 section 8.2.3). */
    public enum Type {
        GET("get"),
        SET("set"),
        RESULT("result"),
        ERROR("error"),
        /** Absent or not recognised; never written by a builder. */
        UNKNOWN("");

        private final String value;

        Type(String value) {
            this.value = value;
        }

        /** @return the attribute value, empty for {@link #UNKNOWN} */
        public String value() {
            return value;
        }

        /** @return {@code true} for {@link #GET} and {@link #SET} */
        public boolean isRequest() {
            return this == GET || this == SET;
        }

        /** The constants, without the copy that {@code values()} makes on every call. */
        private static final Type[] ALL = values();

        /**
         * @param value the attribute value, or {@code null}
         * @return the type, {@link #UNKNOWN} when absent or not recognised
         */
        public static Type of(@Nullable String value) {
            if (value != null) {
                for (Type t : ALL) {
                    if (t != UNKNOWN && t.value.equals(value)) {
                        return t;
                    }
                }
            }
            return UNKNOWN;
        }
    }

    private final Type type;

    Iq(XmlElement element) {
        super(element);
        this.type = Type.of(element.attribute("type"));
    }

    /**
     * Wraps an iq element, without validating it (see the class comment).
     *
     * @param element a {@code {jabber:client}iq}
     * @return the IQ
     * @throws InvalidStanzaException for another element
     */
    public static Iq of(XmlElement element) {
        return new Iq(require(element, "iq"));
    }

    /**
     * A {@code get} request with a fresh random id.
     *
     * @param to the recipient, or {@code null} for the user's server/account
     * @param payload the query element
     * @return the request
     */
    public static Iq get(@Nullable Jid to, XmlElement payload) {
        return builder(Type.GET).to(to).payload(payload).build();
    }

    /**
     * A {@code set} request with a fresh random id.
     *
     * @param to the recipient, or {@code null} for the user's server/account
     * @param payload the command element
     * @return the request
     */
    public static Iq set(@Nullable Jid to, XmlElement payload) {
        return builder(Type.SET).to(to).payload(payload).build();
    }

    /**
     * A builder with a fresh random id.
     *
     * @param type the IQ type; {@link Type#UNKNOWN} is refused
     * @return the builder
     */
    public static Builder builder(Type type) {
        return new Builder().type(type).id(StanzaIds.next());
    }

    /** @return a builder starting from this IQ, with all its content */
    public Builder toBuilder() {
        return new Builder(element());
    }

    /** @return the type; {@link Type#UNKNOWN} when absent or not recognised */
    public Type type() {
        return type;
    }

    /** @return {@code true} for a get or set */
    public boolean isRequest() {
        return type.isRequest();
    }

    /** @return the first child element that is not the stanza {@code <error/>} */
    public Optional<XmlElement> payload() {
        return element().elements().filter(e -> !e.name().equals(ERROR)).findFirst();
    }

    /**
     * The result answering this request: same id, {@code to} and {@code from} swapped.
     *
     * @param payload the result payload, or {@code null} for an empty result
     * @return the result IQ
     * @throws InvalidStanzaException when this IQ is not a get or set, or has no id
     */
    public Iq resultWith(@Nullable XmlElement payload) {
        Builder b = reply(Type.RESULT);
        if (payload != null) {
            b.payload(payload);
        }
        return b.build();
    }

    /**
     * The error answering this request: same id, {@code to} and {@code from} swapped, and the error.
     * The original payload is not echoed (RFC 6120 section 8.3.1 makes that optional).
     *
     * @param error the error
     * @return the error IQ
     * @throws InvalidStanzaException when this IQ is not a get or set, or has no id
     */
    public Iq errorWith(StanzaError error) {
        return reply(Type.ERROR).child(error.toElement()).build();
    }

    private Builder reply(Type replyType) {
        if (!isRequest()) {
            throw new InvalidStanzaException("only a get or set IQ can be answered, this one is of type '"
                + element().attribute("type") + "' (id " + id() + ")");
        }
        if (id() == null) {
            throw new InvalidStanzaException("cannot answer an IQ without id");
        }
        Builder b = new Builder().type(replyType).id(id());
        b.attribute("to", fromText());
        b.attribute("from", toText());
        return b;
    }

    @Override
    public Iq withId(@Nullable String id) {
        return new Iq(withAttribute("id", id));
    }

    @Override
    public Iq withFrom(@Nullable Jid from) {
        return new Iq(withAttribute("from", from));
    }

    @Override
    public Iq withTo(@Nullable Jid to) {
        return new Iq(withAttribute("to", to));
    }

    /** Builds an {@link Iq}; {@link #build()} validates it. */
    public static final class Builder extends StanzaBuilder<Builder, Iq> {

        Builder() {
            super("iq");
        }

        Builder(XmlElement element) {
            super(element);
        }

        /**
         * @param type the type; {@link Type#UNKNOWN} is refused
         * @return this builder
         */
        public Builder type(Type type) {
            if (type == Type.UNKNOWN) {
                throw new InvalidStanzaException("IQ type UNKNOWN cannot be sent");
            }
            return attribute("type", type.value());
        }

        /**
         * Sets the payload, replacing every child element except {@code <error/>}.
         *
         * @param payload the payload element
         * @return this builder
         */
        public Builder payload(XmlElement payload) {
            Objects.requireNonNull(payload, "payload");
            children.removeIf(n -> n instanceof XmlElement && !((XmlElement) n).name().equals(ERROR));
            return child(payload);
        }

        /**
         * @return the IQ
         * @throws InvalidStanzaException without id or type, when a get/set does not carry exactly one
         *     payload element, a result more than one, or an error no {@code <error/>}
         */
        @Override
        public Iq build() {
            String id = attributeValue("id");
            if (id == null || id.isEmpty()) {
                throw new InvalidStanzaException("an IQ requires an id (RFC 6120 section 8.2.3)");
            }
            Type type = Type.of(attributeValue("type"));
            if (type == Type.UNKNOWN) {
                throw new InvalidStanzaException("IQ " + id + " requires a type: get, set, result or error");
            }
            List<XmlName> payloads = children.stream()
                .filter(n -> n instanceof XmlElement).map(n -> ((XmlElement) n).name())
                .filter(n -> !n.equals(ERROR)).collect(Collectors.toList());
            boolean hasError = children.stream()
                .anyMatch(n -> n instanceof XmlElement && ((XmlElement) n).name().equals(ERROR));
            switch (type) {
                case GET:
                case SET:
                    if (payloads.size() != 1 || hasError) {
                        throw new InvalidStanzaException("IQ " + id + " of type " + type.value()
                            + " must contain exactly one payload element, has " + payloads
                            + (hasError ? " and an <error/>" : ""));
                    }
                    break;
                case RESULT:
                    if (payloads.size() > 1 || hasError) {
                        throw new InvalidStanzaException("IQ " + id + " of type result may contain at most"
                            + " one payload element, has " + payloads + (hasError ? " and an <error/>" : ""));
                    }
                    break;
                case ERROR:
                    if (!hasError) {
                        throw new InvalidStanzaException("IQ " + id + " of type error must contain an <error/>");
                    }
                    break;
                default:
                    break;
            }
            return new Iq(element());
        }
    }
}
