package org.reactorxmpp.xmpp.stanza;

import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlName;

/**
 * A {@code <presence/>} stanza (RFC 6121 sections 3 and 4).
 *
 * <p>Reading is lenient: an unknown type or show reads as {@code UNKNOWN}, and a priority that is
 * not an integer in -128..127 reads as 0. Building is strict: the builder refuses those.
 *
 * <pre>{@code
 * Presence available = Presence.builder().show(Presence.Show.AWAY).status("at lunch").priority(5).build();
 * Presence request = Presence.builder().to(Jid.parse("juliet@example.com")).type(Presence.Type.SUBSCRIBE).build();
 * }</pre>
 */
public final class Presence extends Stanza {

    static final XmlName SHOW = XmlName.of(NAMESPACE, "show");
    static final XmlName STATUS = XmlName.of(NAMESPACE, "status");
    static final XmlName PRIORITY = XmlName.of(NAMESPACE, "priority");

    /** The presence type (RFC 6121 section 4.7.1). */
    public enum Type {
        /** No {@code type} attribute: the entity is available. */
        AVAILABLE(""),
        UNAVAILABLE("unavailable"),
        SUBSCRIBE("subscribe"),
        SUBSCRIBED("subscribed"),
        UNSUBSCRIBE("unsubscribe"),
        UNSUBSCRIBED("unsubscribed"),
        PROBE("probe"),
        ERROR("error"),
        /** A value this library does not know (including {@code available}, which RFC 6121 does not define). */
        UNKNOWN("");

        private final String value;

        Type(String value) {
            this.value = value;
        }

        /** @return the attribute value, empty for {@link #AVAILABLE} (no attribute) and {@link #UNKNOWN} */
        public String value() {
            return value;
        }

        /** The constants, without the copy that {@code values()} makes on every call. */
        private static final Type[] ALL = values();

        /**
         * @param value the attribute value, or {@code null} when absent
         * @return the type: {@link #AVAILABLE} when absent, {@link #UNKNOWN} when not recognised
         */
        public static Type of(@Nullable String value) {
            if (value == null) {
                return AVAILABLE;
            }
            for (Type t : ALL) {
                if (!t.value.isEmpty() && t.value.equals(value)) {
                    return t;
                }
            }
            return UNKNOWN;
        }
    }

    /** The availability sub-state (RFC 6121 section 4.7.2.1). */
    public enum Show {
        CHAT("chat"),
        AWAY("away"),
        XA("xa"),
        DND("dnd"),
        /** A value this library does not know. */
        UNKNOWN("");

        private final String value;

        Show(String value) {
            this.value = value;
        }

        /** @return the element text, empty for {@link #UNKNOWN} */
        public String value() {
            return value;
        }

        /**
         * @param value the {@code <show/>} text
         * @return the show value, {@link #UNKNOWN} when not recognised
         */
        public static Show of(String value) {
            String v = value.trim();
            for (Show s : values()) {
                if (s != UNKNOWN && s.value.equals(v)) {
                    return s;
                }
            }
            return UNKNOWN;
        }
    }

    private final Type type;

    Presence(XmlElement element) {
        super(element);
        this.type = Type.of(element.attribute("type"));
    }

    /**
     * Wraps a presence element.
     *
     * @param element a {@code {jabber:client}presence}
     * @return the presence
     * @throws InvalidStanzaException for another element
     */
    public static Presence of(XmlElement element) {
        return new Presence(require(element, "presence"));
    }

    /** @return a builder for a new presence (available, until a type is set) */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder starting from this presence, with all its content */
    public Builder toBuilder() {
        return new Builder(element());
    }

    /** @return the type; {@link Type#AVAILABLE} when absent */
    public Type type() {
        return type;
    }

    /** @return the {@code <show/>} value; empty when absent (plain "online") */
    public Optional<Show> show() {
        String s = element().childText(SHOW);
        return s == null ? Optional.empty() : Optional.of(Show.of(s));
    }

    /** @return the status in the default language (see {@link Message#body()}), or {@code null} */
    public @Nullable String status() {
        return Languages.defaultText(element(), STATUS);
    }

    /** @return the statuses by language, keyed as in {@link Message#bodies()} */
    public Map<String, String> statuses() {
        return Languages.texts(element(), STATUS);
    }

    /**
     * The priority (RFC 6121 section 4.7.2.3).
     *
     * @return the priority; 0 when absent, not an integer, or outside -128..127
     */
    public int priority() {
        String p = element().childText(PRIORITY);
        if (p == null) {
            return 0;
        }
        try {
            int v = Integer.parseInt(p.trim());
            return v < -128 || v > 127 ? 0 : v;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public Presence withId(@Nullable String id) {
        return new Presence(withAttribute("id", id));
    }

    @Override
    public Presence withFrom(@Nullable Jid from) {
        return new Presence(withAttribute("from", from));
    }

    @Override
    public Presence withTo(@Nullable Jid to) {
        return new Presence(withAttribute("to", to));
    }

    /** Builds a {@link Presence}. */
    public static final class Builder extends StanzaBuilder<Builder, Presence> {

        Builder() {
            super("presence");
        }

        Builder(XmlElement element) {
            super(element);
        }

        /**
         * @param type the type; {@link Type#AVAILABLE} removes the attribute, {@link Type#UNKNOWN} is refused
         * @return this builder
         */
        public Builder type(Type type) {
            if (type == Type.UNKNOWN) {
                throw new InvalidStanzaException("presence type UNKNOWN cannot be sent");
            }
            return attribute("type", type == Type.AVAILABLE ? null : type.value());
        }

        /**
         * @param show the availability sub-state, or {@code null} to remove it; {@link Show#UNKNOWN} is refused
         * @return this builder
         */
        public Builder show(@Nullable Show show) {
            if (show == Show.UNKNOWN) {
                throw new InvalidStanzaException("presence show UNKNOWN cannot be sent");
            }
            return text("show", null, show == null ? null : show.value());
        }

        /**
         * @param status the status without {@code xml:lang}, or {@code null} to remove it
         * @return this builder
         */
        public Builder status(@Nullable String status) {
            return text("status", null, status);
        }

        /**
         * @param lang the status's {@code xml:lang}
         * @param status the status, or {@code null} to remove it
         * @return this builder
         */
        public Builder status(String lang, @Nullable String status) {
            return text("status", lang, status);
        }

        /**
         * @param priority an integer in -128..127
         * @return this builder
         * @throws InvalidStanzaException when out of range
         */
        public Builder priority(int priority) {
            if (priority < -128 || priority > 127) {
                throw new InvalidStanzaException("presence priority must be in -128..127, was " + priority);
            }
            return text("priority", null, Integer.toString(priority));
        }

        /** @return this builder, without {@code <priority/>} (meaning 0) */
        public Builder noPriority() {
            return text("priority", null, null);
        }

        @Override
        public Presence build() {
            return new Presence(element());
        }
    }
}
