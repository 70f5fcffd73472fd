package org.reactorxmpp.xmpp.stanza;

import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlName;

/**
 * A {@code <message/>} stanza (RFC 6121 section 5).
 *
 * <pre>{@code
 * Message m = Message.builder()
 *     .to(Jid.parse("juliet@example.com"))
 *     .type(Message.Type.CHAT)
 *     .body("Art thou not Romeo, and a Montague?")
 *     .thread("e0ffe42b28561960c6b12b944a092794b9683a38")
 *     .build();
 * }</pre>
 */
public final class Message extends Stanza {

    static final XmlName BODY = XmlName.of(NAMESPACE, "body");
    static final XmlName SUBJECT = XmlName.of(NAMESPACE, "subject");
    static final XmlName THREAD = XmlName.of(NAMESPACE, "thread");

    /** The message type (RFC 6121 section 5.2.2). */
    public enum Type {
        CHAT("chat"),
        ERROR("error"),
        GROUPCHAT("groupchat"),
        HEADLINE("headline"),
        /** Also what an absent {@code type} means. */
        NORMAL("normal"),
        /** A value this library does not know; never written by a builder. */
        UNKNOWN("");

        private final String value;

        Type(String value) {
            this.value = value;
        }

        /** @return the attribute value, empty for {@link #UNKNOWN} */
        public String value() {
            return value;
        }

        /** The constants, without the copy that {@code values()} makes on every call. */
        private static final Type[] ALL = values();

        /**
         * @param value an attribute value, or {@code null} when absent
         * @return the type: {@link #NORMAL} when absent, {@link #UNKNOWN} when not recognised
         */
        public static Type of(@Nullable String value) {
            if (value == null) {
                return NORMAL;
            }
            for (Type t : ALL) {
                if (t != UNKNOWN && t.value.equals(value)) {
                    return t;
                }
            }
            return UNKNOWN;
        }
    }

    private final Type type;

    Message(XmlElement element) {
        super(element);
        this.type = Type.of(element.attribute("type"));
    }

    /**
     * Wraps a message element.
     *
     * @param element a {@code {jabber:client}message}
     * @return the message
     * @throws InvalidStanzaException for another element
     */
    public static Message of(XmlElement element) {
        return new Message(require(element, "message"));
    }

    /** @return a builder for a new message */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder starting from this message, with all its content */
    public Builder toBuilder() {
        return new Builder(element());
    }

    /** @return the type; {@link Type#NORMAL} when absent */
    public Type type() {
        return type;
    }

    /**
     * The body in the default language: the first {@code <body/>} without {@code xml:lang} or with
     * the stanza's {@code xml:lang}; failing that, the first body.
     *
     * @return the body text, or {@code null} when there is no body
     */
    public @Nullable String body() {
        return Languages.defaultText(element(), BODY);
    }

    /**
     * @return the bodies by language; a body without {@code xml:lang} is keyed by the stanza's
     *     {@link #lang()}, or by {@code ""} when that is absent too
     */
    public Map<String, String> bodies() {
        return Languages.texts(element(), BODY);
    }

    /** @return the subject in the default language (as for {@link #body()}), or {@code null} */
    public @Nullable String subject() {
        return Languages.defaultText(element(), SUBJECT);
    }

    /** @return the subjects by language, keyed as in {@link #bodies()} */
    public Map<String, String> subjects() {
        return Languages.texts(element(), SUBJECT);
    }

    /** @return the {@code <thread/>} identifier, if any */
    public Optional<String> thread() {
        return Optional.ofNullable(element().childText(THREAD));
    }

    /** @return the {@code parent} attribute of {@code <thread/>}, if any */
    public Optional<String> threadParent() {
        XmlElement t = element().element(THREAD);
        return t == null ? Optional.empty() : Optional.ofNullable(t.attribute("parent"));
    }

    @Override
    public Message withId(@Nullable String id) {
        return new Message(withAttribute("id", id));
    }

    @Override
    public Message withFrom(@Nullable Jid from) {
        return new Message(withAttribute("from", from));
    }

    @Override
    public Message withTo(@Nullable Jid to) {
        return new Message(withAttribute("to", to));
    }

    /** Builds a {@link Message}. */
    public static final class Builder extends StanzaBuilder<Builder, Message> {

        Builder() {
            super("message");
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
                throw new InvalidStanzaException("message type UNKNOWN cannot be sent");
            }
            return attribute("type", type.value());
        }

        /**
         * Sets (or with {@code null} removes) the body without {@code xml:lang}.
         *
         * @param body the text
         * @return this builder
         */
        public Builder body(@Nullable String body) {
            return text("body", null, body);
        }

        /**
         * Sets (or with {@code null} removes) the body in a language.
         *
         * @param lang the body's {@code xml:lang}
         * @param body the text
         * @return this builder
         */
        public Builder body(String lang, @Nullable String body) {
            return text("body", lang, body);
        }

        /**
         * @param subject the subject without {@code xml:lang}, or {@code null} to remove it
         * @return this builder
         */
        public Builder subject(@Nullable String subject) {
            return text("subject", null, subject);
        }

        /**
         * @param lang the subject's {@code xml:lang}
         * @param subject the subject, or {@code null} to remove it
         * @return this builder
         */
        public Builder subject(String lang, @Nullable String subject) {
            return text("subject", lang, subject);
        }

        /**
         * @param thread the thread id, or {@code null} to remove it
         * @return this builder
         */
        public Builder thread(@Nullable String thread) {
            return thread(thread, null);
        }

        /**
         * @param thread the thread id, or {@code null} to remove the thread
         * @param parent the parent thread id, or {@code null}
         * @return this builder
         */
        public Builder thread(@Nullable String thread, @Nullable String parent) {
            removeChildren(THREAD);
            if (thread != null) {
                child(XmlElement.builder(THREAD).attribute("parent", parent).text(thread).build());
            }
            return this;
        }

        @Override
        public Message build() {
            return new Message(element());
        }
    }
}
