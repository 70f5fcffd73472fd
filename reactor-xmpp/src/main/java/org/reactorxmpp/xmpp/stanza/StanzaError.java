package org.reactorxmpp.xmpp.stanza;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlName;

/**
 * A stanza error (RFC 6120 section 8.3): an error type, a defined condition, and optionally a
 * human-readable text, the entity that generated it ({@code by}), the alternate address of a
 * {@code gone}/{@code redirect} condition, and an application-specific condition element.
 *
 * <p>Parsing is lenient: a missing or unknown {@code type} falls back to the condition's
 * {@linkplain Condition#defaultType() usual type}; a missing or unknown condition reads as
 * {@link Condition#UNKNOWN} (an unknown condition's element name is kept, and written back by
 * {@link #toElement()}). The legacy XEP-0086 {@code code} attribute is not modelled and not written
 * by {@link #toElement()}; it stays available in the stanza's own element, which is never altered.
 *
 * <pre>{@code
 * StanzaError e = StanzaError.builder(StanzaError.Condition.ITEM_NOT_FOUND).text("no such node").build();
 * Iq reply = request.errorWith(e);
 * StanzaError back = StanzaError.from(e.toElement());   // equals(e)
 * }</pre>
 */
public final class StanzaError {

    /** {@code urn:ietf:params:xml:ns:xmpp-stanzas}, the namespace of the conditions and of {@code <text/>}. */
    public static final String NAMESPACE = "urn:ietf:params:xml:ns:xmpp-stanzas";

    private static final XmlName TEXT = XmlName.of(NAMESPACE, "text");

    /** The error type (RFC 6120 section 8.3.2): what the sender may do about it. */
    public enum Type {
        /** Retry after providing credentials. */
        AUTH,
        /** Do not retry: the error cannot be remedied. */
        CANCEL,
        /** Proceed: the condition was only a warning. */
        CONTINUE,
        /** Retry after changing the data sent. */
        MODIFY,
        /** Retry after waiting: the error is temporary. */
        WAIT;

        /** @return the attribute value, e.g. {@code cancel} */
        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * @param value an attribute value
         * @return the type, or {@code null} when not recognised
         */
        public static @Nullable Type of(@Nullable String value) {
            if (value != null) {
                for (Type t : values()) {
                    if (t.value().equals(value)) {
                        return t;
                    }
                }
            }
            return null;
        }
    }

    /** The defined conditions of RFC 6120 section 8.3.3, with the error type the RFC usually pairs them with. */
    public enum Condition {
        BAD_REQUEST("bad-request", Type.MODIFY),
        CONFLICT("conflict", Type.CANCEL),
        FEATURE_NOT_IMPLEMENTED("feature-not-implemented", Type.CANCEL),
        FORBIDDEN("forbidden", Type.AUTH),
        /** May carry the entity's new address (a URI) as text. */
        GONE("gone", Type.CANCEL),
        INTERNAL_SERVER_ERROR("internal-server-error", Type.CANCEL),
        ITEM_NOT_FOUND("item-not-found", Type.CANCEL),
        JID_MALFORMED("jid-malformed", Type.MODIFY),
        NOT_ACCEPTABLE("not-acceptable", Type.MODIFY),
        NOT_ALLOWED("not-allowed", Type.CANCEL),
        NOT_AUTHORIZED("not-authorized", Type.AUTH),
        POLICY_VIOLATION("policy-violation", Type.MODIFY),
        RECIPIENT_UNAVAILABLE("recipient-unavailable", Type.WAIT),
        /** May carry the alternate address (a URI) as text. */
        REDIRECT("redirect", Type.MODIFY),
        REGISTRATION_REQUIRED("registration-required", Type.AUTH),
        REMOTE_SERVER_NOT_FOUND("remote-server-not-found", Type.CANCEL),
        REMOTE_SERVER_TIMEOUT("remote-server-timeout", Type.WAIT),
        RESOURCE_CONSTRAINT("resource-constraint", Type.WAIT),
        SERVICE_UNAVAILABLE("service-unavailable", Type.CANCEL),
        SUBSCRIPTION_REQUIRED("subscription-required", Type.AUTH),
        /** Any type may be used; the application-specific condition usually says more. */
        UNDEFINED_CONDITION("undefined-condition", Type.CANCEL),
        UNEXPECTED_REQUEST("unexpected-request", Type.WAIT),
        /** A condition this library does not know (or none at all); read only. */
        UNKNOWN("", Type.CANCEL);

        private final String elementName;
        private final Type defaultType;

        Condition(String elementName, Type defaultType) {
            this.elementName = elementName;
            this.defaultType = defaultType;
        }

        /** @return the condition's element name, e.g. {@code item-not-found}; empty for {@link #UNKNOWN} */
        public String elementName() {
            return elementName;
        }

        /** @return the error type RFC 6120 usually pairs with this condition */
        public Type defaultType() {
            return defaultType;
        }

        /** @return whether the condition may carry an alternate address ({@link #GONE}, {@link #REDIRECT}) */
        public boolean carriesAddress() {
            return this == GONE || this == REDIRECT;
        }

        /**
         * @param elementName a condition element's local name
         * @return the condition, {@link #UNKNOWN} when not recognised
         */
        public static Condition of(String elementName) {
            for (Condition c : values()) {
                if (c != UNKNOWN && c.elementName.equals(elementName)) {
                    return c;
                }
            }
            return UNKNOWN;
        }
    }

    private final Type type;
    private final Condition condition;
    private final @Nullable String unknownCondition;
    private final @Nullable String text;
    private final @Nullable String textLang;
    private final @Nullable String by;
    private final @Nullable String alternateAddress;
    private final @Nullable XmlElement applicationCondition;

    private StanzaError(Type type, Condition condition, @Nullable String unknownCondition, @Nullable String text,
        @Nullable String textLang, @Nullable String by, @Nullable String alternateAddress,
        @Nullable XmlElement applicationCondition) {
        this.type = type;
        this.condition = condition;
        this.unknownCondition = unknownCondition;
        this.text = text;
        this.textLang = textLang;
        this.by = by;
        this.alternateAddress = alternateAddress;
        this.applicationCondition = applicationCondition;
    }

    /**
     * An error with a condition and its usual type.
     *
     * @param condition the condition
     * @return the error
     */
    public static StanzaError of(Condition condition) {
        return builder(condition).build();
    }

    /**
     * An error with a condition, its usual type and a text.
     *
     * @param condition the condition
     * @param text a human-readable description
     * @return the error
     */
    public static StanzaError of(Condition condition, String text) {
        return builder(condition).text(text).build();
    }

    /**
     * @param condition the condition; {@link Condition#UNKNOWN} cannot be built
     * @return a builder with the condition's usual type
     */
    public static Builder builder(Condition condition) {
        return new Builder(condition);
    }

    /**
     * Parses an {@code <error/>} element (of any stanza namespace).
     *
     * @param error the element
     * @return the error
     * @throws InvalidStanzaException when the element is not named {@code error}
     */
    public static StanzaError from(XmlElement error) {
        if (!"error".equals(error.localName())) {
            throw new InvalidStanzaException("not a stanza error element: " + error.name());
        }
        Condition condition = null;
        String unknown = null;
        String alternate = null;
        String text = null;
        String textLang = null;
        XmlElement app = null;
        for (XmlElement child : (Iterable<XmlElement>) error.elements()::iterator) {
            if (NAMESPACE.equals(child.namespace())) {
                if (child.name().equals(TEXT)) {
                    if (text == null) {
                        text = child.text();
                        textLang = child.attribute(XmlName.XML_LANG);
                    }
                } else if (condition == null) {
                    condition = Condition.of(child.localName());
                    if (condition == Condition.UNKNOWN) {
                        unknown = child.localName();
                    }
                    String t = child.text().trim();
                    alternate = condition.carriesAddress() && !t.isEmpty() ? t : null;
                }
            } else if (app == null) {
                app = child;
            }
        }
        if (condition == null) {
            condition = Condition.UNKNOWN;
        }
        Type type = Type.of(error.attribute("type"));
        return new StanzaError(type != null ? type : condition.defaultType(), condition, unknown, text, textLang,
            error.attribute("by"), alternate, app);
    }

    /** @return the error type */
    public Type type() {
        return type;
    }

    /** @return the defined condition */
    public Condition condition() {
        return condition;
    }

    /** @return the condition's element name as received (also for {@link Condition#UNKNOWN}), if any */
    public Optional<String> conditionName() {
        return Optional.ofNullable(unknownCondition != null ? unknownCondition
            : condition == Condition.UNKNOWN ? null : condition.elementName());
    }

    /** @return the human-readable text, if any */
    public Optional<String> text() {
        return Optional.ofNullable(text);
    }

    /** @return the {@code xml:lang} of the text, if any */
    public Optional<String> textLang() {
        return Optional.ofNullable(textLang);
    }

    /** @return the {@code by} attribute: the entity that generated the error, if given */
    public Optional<String> by() {
        return Optional.ofNullable(by);
    }

    /** @return the new or alternate address of a {@code gone} or {@code redirect} condition, if given */
    public Optional<String> alternateAddress() {
        return Optional.ofNullable(alternateAddress);
    }

    /** @return the application-specific condition element, if any */
    public Optional<XmlElement> applicationCondition() {
        return Optional.ofNullable(applicationCondition);
    }

    /** @return a builder initialised with this error */
    public Builder toBuilder() {
        Builder b = new Builder(condition);
        b.type = type;
        b.unknownCondition = unknownCondition;
        b.text = text;
        b.textLang = textLang;
        b.by = by;
        b.alternateAddress = alternateAddress;
        b.applicationCondition = applicationCondition;
        return b;
    }

    /**
     * @return the {@code <error xmlns='jabber:client'/>} element: condition, then text, then the
     *     application-specific condition (RFC 6120 section 8.3.2 order)
     */
    public XmlElement toElement() {
        String conditionName = unknownCondition != null ? unknownCondition
            : condition == Condition.UNKNOWN ? Condition.UNDEFINED_CONDITION.elementName() : condition.elementName();
        XmlElement.Builder c = XmlElement.builder(NAMESPACE, conditionName);
        if (alternateAddress != null) {
            c.text(alternateAddress);
        }
        XmlElement.Builder e = XmlElement.builder(Stanza.ERROR)
            .attribute("type", type.value())
            .attribute("by", by)
            .child(c.build());
        if (text != null) {
            e.child(XmlElement.builder(TEXT).attribute(XmlName.XML_LANG, textLang).text(text).build());
        }
        if (applicationCondition != null) {
            e.child(applicationCondition);
        }
        return e.build();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof StanzaError)) {
            return false;
        }
        StanzaError other = (StanzaError) o;
        return type == other.type && condition == other.condition
            && Objects.equals(unknownCondition, other.unknownCondition) && Objects.equals(text, other.text)
            && Objects.equals(textLang, other.textLang) && Objects.equals(by, other.by)
            && Objects.equals(alternateAddress, other.alternateAddress)
            && Objects.equals(applicationCondition, other.applicationCondition);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, condition, unknownCondition, text, textLang, by, alternateAddress,
            applicationCondition);
    }

    /** @return e.g. {@code service-unavailable (cancel): text} */
    @Override
    public String toString() {
        String name = conditionName().orElse("unknown-condition");
        StringBuilder sb = new StringBuilder(name).append(" (").append(type.value()).append(')');
        if (alternateAddress != null) {
            sb.append(" -> ").append(alternateAddress);
        }
        if (applicationCondition != null) {
            sb.append(" [").append(applicationCondition.name()).append(']');
        }
        if (text != null) {
            sb.append(": ").append(text);
        }
        return sb.toString();
    }

    /** Builds a {@link StanzaError}. */
    public static final class Builder {

        private final Condition condition;
        private Type type;
        private @Nullable String unknownCondition;
        private @Nullable String text;
        private @Nullable String textLang;
        private @Nullable String by;
        private @Nullable String alternateAddress;
        private @Nullable XmlElement applicationCondition;

        private Builder(Condition condition) {
            this.condition = Objects.requireNonNull(condition, "condition");
            this.type = condition.defaultType();
        }

        /**
         * @param type the error type (defaults to the condition's usual type)
         * @return this builder
         */
        public Builder type(Type type) {
            this.type = Objects.requireNonNull(type, "type");
            return this;
        }

        /**
         * @param text a human-readable description, or {@code null} for none
         * @return this builder
         */
        public Builder text(@Nullable String text) {
            return text(null, text);
        }

        /**
         * @param lang the text's {@code xml:lang}, or {@code null}
         * @param text a human-readable description, or {@code null} for none
         * @return this builder
         */
        public Builder text(@Nullable String lang, @Nullable String text) {
            this.text = text;
            this.textLang = text == null ? null : lang;
            return this;
        }

        /**
         * @param by the entity generating the error (RFC 6120 section 8.3.2), or {@code null}
         * @return this builder
         */
        public Builder by(@Nullable String by) {
            this.by = by;
            return this;
        }

        /**
         * @param address the new ({@code gone}) or alternate ({@code redirect}) address, a URI such as
         *     {@code xmpp:romeo@afterlife.example.net}; or {@code null}
         * @return this builder
         */
        public Builder alternateAddress(@Nullable String address) {
            this.alternateAddress = address;
            return this;
        }

        /**
         * @param element an application-specific condition, in a namespace other than the stanza
         *     error namespace; or {@code null}
         * @return this builder
         */
        public Builder applicationCondition(@Nullable XmlElement element) {
            this.applicationCondition = element;
            return this;
        }

        /**
         * @return the error
         * @throws InvalidStanzaException for condition UNKNOWN (unless it came from a parsed error), an
         *     address on a condition other than gone/redirect, or an application condition in the
         *     stanza error namespace
         */
        public StanzaError build() {
            if (condition == Condition.UNKNOWN && unknownCondition == null) {
                throw new InvalidStanzaException("stanza error condition UNKNOWN cannot be sent;"
                    + " use UNDEFINED_CONDITION with an application-specific condition");
            }
            if (alternateAddress != null && !condition.carriesAddress()) {
                throw new InvalidStanzaException("only gone and redirect carry an address, not "
                    + condition.elementName());
            }
            if (applicationCondition != null && NAMESPACE.equals(applicationCondition.namespace())) {
                throw new InvalidStanzaException("an application-specific condition must not be in " + NAMESPACE
                    + ": " + applicationCondition.name());
            }
            return new StanzaError(type, condition, unknownCondition, text, textLang, by, alternateAddress,
                applicationCondition);
        }
    }
}
