package org.reactorxmpp.xmpp.stanza;

import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlName;

/**
 * A stream error (RFC 6120 section 4.9): the {@code <stream:error/>} element that ends an XMPP
 * stream, with its defined condition, optional text, optional application-specific condition, and
 * for {@code see-other-host} the target {@code host[:port]}.
 *
 * <p>{@link Condition#isTransient()} tells reconnect policies whether reconnecting may help:
 *
 * <table>
 * <caption>Transient stream error conditions</caption>
 * <tr><th>transient (reconnect, with backoff)</th><th>terminal (do not reconnect automatically)</th></tr>
 * <tr><td>connection-timeout, internal-server-error, remote-connection-failed, reset,
 *     resource-constraint, see-other-host (to the given host), system-shutdown</td>
 *     <td>bad-format, bad-namespace-prefix, conflict (another session took over the resource),
 *     host-gone, host-unknown, improper-addressing, invalid-from, invalid-namespace, invalid-xml,
 *     not-authorized, not-well-formed, policy-violation, restricted-xml, undefined-condition,
 *     unsupported-encoding, unsupported-feature, unsupported-stanza-type, unsupported-version,
 *     and any unknown condition</td></tr>
 * </table>
 *
 * <pre>{@code
 * StreamError e = StreamError.from(streamErrorElement);
 * if (e.condition() == StreamError.Condition.SEE_OTHER_HOST) {
 *     reconnectTo(e.seeOtherHost().orElseThrow());
 * }
 * }</pre>
 */
public final class StreamError {

    /** {@code http://etherx.jabber.org/streams}, the namespace of {@code <stream:error/>}. */
    public static final String STREAMS_NAMESPACE = "http://etherx.jabber.org/streams";

    /** {@code urn:ietf:params:xml:ns:xmpp-streams}, the namespace of the conditions and {@code <text/>}. */
    public static final String NAMESPACE = "urn:ietf:params:xml:ns:xmpp-streams";

    private static final XmlName ERROR = XmlName.of(STREAMS_NAMESPACE, "error", "stream");
    private static final XmlName TEXT = XmlName.of(NAMESPACE, "text");

    /** The defined conditions of RFC 6120 section 4.9.3. */
    public enum Condition {
        BAD_FORMAT("bad-format", false),
        BAD_NAMESPACE_PREFIX("bad-namespace-prefix", false),
        CONFLICT("conflict", false),
        CONNECTION_TIMEOUT("connection-timeout", true),
        HOST_GONE("host-gone", false),
        HOST_UNKNOWN("host-unknown", false),
        IMPROPER_ADDRESSING("improper-addressing", false),
        INTERNAL_SERVER_ERROR("internal-server-error", true),
        INVALID_FROM("invalid-from", false),
        INVALID_NAMESPACE("invalid-namespace", false),
        INVALID_XML("invalid-xml", false),
        NOT_AUTHORIZED("not-authorized", false),
        NOT_WELL_FORMED("not-well-formed", false),
        POLICY_VIOLATION("policy-violation", false),
        REMOTE_CONNECTION_FAILED("remote-connection-failed", true),
        RESET("reset", true),
        RESOURCE_CONSTRAINT("resource-constraint", true),
        RESTRICTED_XML("restricted-xml", false),
        /** Carries the host to reconnect to, {@code host[:port]}, as text. */
        SEE_OTHER_HOST("see-other-host", true),
        SYSTEM_SHUTDOWN("system-shutdown", true),
        UNDEFINED_CONDITION("undefined-condition", false),
        UNSUPPORTED_ENCODING("unsupported-encoding", false),
        UNSUPPORTED_FEATURE("unsupported-feature", false),
        UNSUPPORTED_STANZA_TYPE("unsupported-stanza-type", false),
        UNSUPPORTED_VERSION("unsupported-version", false),
        /** A condition this library does not know (or none at all); read only. */
        UNKNOWN("", false);

        private final String elementName;
        private final boolean isTransient;

        Condition(String elementName, boolean isTransient) {
            this.elementName = elementName;
            this.isTransient = isTransient;
        }

        /** @return the condition's element name, e.g. {@code see-other-host}; empty for {@link #UNKNOWN} */
        public String elementName() {
            return elementName;
        }

        /** @return whether reconnecting may help (see the table in {@link StreamError}) */
        public boolean isTransient() {
            return isTransient;
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

    private final Condition condition;
    private final @Nullable String unknownCondition;
    private final @Nullable String seeOtherHost;
    private final @Nullable String text;
    private final @Nullable String textLang;
    private final @Nullable XmlElement applicationCondition;

    private StreamError(Condition condition, @Nullable String unknownCondition, @Nullable String seeOtherHost,
        @Nullable String text, @Nullable String textLang, @Nullable XmlElement applicationCondition) {
        this.condition = condition;
        this.unknownCondition = unknownCondition;
        this.seeOtherHost = seeOtherHost;
        this.text = text;
        this.textLang = textLang;
        this.applicationCondition = applicationCondition;
    }

    /**
     * @param condition the condition; not {@link Condition#UNKNOWN}
     * @return a stream error without text
     */
    public static StreamError of(Condition condition) {
        return builder(condition).build();
    }

    /**
     * @param hostAndPort the host to reconnect to, {@code host}, {@code host:port} or {@code [v6]:port}
     * @return a {@code see-other-host} error
     */
    public static StreamError seeOtherHost(String hostAndPort) {
        return builder(Condition.SEE_OTHER_HOST).seeOtherHost(hostAndPort).build();
    }

    /**
     * @param condition the condition; not {@link Condition#UNKNOWN}
     * @return a builder
     */
    public static Builder builder(Condition condition) {
        return new Builder(condition);
    }

    /**
     * Parses a {@code <stream:error/>} element.
     *
     * @param error the element, in {@value #STREAMS_NAMESPACE}
     * @return the error; {@link Condition#UNKNOWN} when it has no known condition
     * @throws InvalidStanzaException when the element is not a stream error
     */
    public static StreamError from(XmlElement error) {
        if (!error.is(STREAMS_NAMESPACE, "error")) {
            throw new InvalidStanzaException("not a stream error element: " + error.name() + " (expected {"
                + STREAMS_NAMESPACE + "}error)");
        }
        Condition condition = null;
        String unknown = null;
        String host = null;
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
                    } else if (condition == Condition.SEE_OTHER_HOST) {
                        String t = child.text().trim();
                        host = t.isEmpty() ? null : t;
                    }
                }
            } else if (app == null) {
                app = child;
            }
        }
        return new StreamError(condition == null ? Condition.UNKNOWN : condition, unknown, host, text, textLang, app);
    }

    /** @return the condition */
    public Condition condition() {
        return condition;
    }

    /** @return the condition's element name as received (also for {@link Condition#UNKNOWN}), if any */
    public Optional<String> conditionName() {
        return Optional.ofNullable(unknownCondition != null ? unknownCondition
            : condition == Condition.UNKNOWN ? null : condition.elementName());
    }

    /** @return for {@code see-other-host}, the {@code host[:port]} to reconnect to */
    public Optional<String> seeOtherHost() {
        return Optional.ofNullable(seeOtherHost);
    }

    /** @return the human-readable text, if any */
    public Optional<String> text() {
        return Optional.ofNullable(text);
    }

    /** @return the {@code xml:lang} of the text, if any */
    public Optional<String> textLang() {
        return Optional.ofNullable(textLang);
    }

    /** @return the application-specific condition element, if any */
    public Optional<XmlElement> applicationCondition() {
        return Optional.ofNullable(applicationCondition);
    }

    /** @return shortcut for {@code condition().isTransient()} */
    public boolean isTransient() {
        return condition.isTransient();
    }

    /** @return the {@code <stream:error/>} element */
    public XmlElement toElement() {
        String name = unknownCondition != null ? unknownCondition
            : condition == Condition.UNKNOWN ? Condition.UNDEFINED_CONDITION.elementName() : condition.elementName();
        XmlElement.Builder c = XmlElement.builder(NAMESPACE, name);
        if (seeOtherHost != null) {
            c.text(seeOtherHost);
        }
        XmlElement.Builder e = XmlElement.builder(ERROR).child(c.build());
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
        if (!(o instanceof StreamError)) {
            return false;
        }
        StreamError other = (StreamError) o;
        return condition == other.condition && Objects.equals(unknownCondition, other.unknownCondition)
            && Objects.equals(seeOtherHost, other.seeOtherHost) && Objects.equals(text, other.text)
            && Objects.equals(textLang, other.textLang)
            && Objects.equals(applicationCondition, other.applicationCondition);
    }

    @Override
    public int hashCode() {
        return Objects.hash(condition, unknownCondition, seeOtherHost, text, textLang, applicationCondition);
    }

    /** @return e.g. {@code see-other-host (other.example.com:5222): text} */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(conditionName().orElse("unknown-condition"));
        if (seeOtherHost != null) {
            sb.append(" (").append(seeOtherHost).append(')');
        }
        if (applicationCondition != null) {
            sb.append(" [").append(applicationCondition.name()).append(']');
        }
        if (text != null) {
            sb.append(": ").append(text);
        }
        return sb.toString();
    }

    /** Builds a {@link StreamError}. */
    public static final class Builder {

        private final Condition condition;
        private @Nullable String seeOtherHost;
        private @Nullable String text;
        private @Nullable String textLang;
        private @Nullable XmlElement applicationCondition;

        private Builder(Condition condition) {
            this.condition = Objects.requireNonNull(condition, "condition");
        }

        /**
         * @param hostAndPort the {@code see-other-host} target
         * @return this builder
         */
        public Builder seeOtherHost(@Nullable String hostAndPort) {
            this.seeOtherHost = hostAndPort;
            return this;
        }

        /**
         * @param lang the text's {@code xml:lang}, or {@code null}
         * @param text a description, or {@code null}
         * @return this builder
         */
        public Builder text(@Nullable String lang, @Nullable String text) {
            this.text = text;
            this.textLang = text == null ? null : lang;
            return this;
        }

        /**
         * @param text a description, or {@code null}
         * @return this builder
         */
        public Builder text(@Nullable String text) {
            return text(null, text);
        }

        /**
         * @param element an application-specific condition, or {@code null}
         * @return this builder
         */
        public Builder applicationCondition(@Nullable XmlElement element) {
            this.applicationCondition = element;
            return this;
        }

        /**
         * @return the error
         * @throws InvalidStanzaException for condition UNKNOWN, a see-other-host without target or a
         *     target on another condition, or an application condition in the stream error namespace
         */
        public StreamError build() {
            if (condition == Condition.UNKNOWN) {
                throw new InvalidStanzaException("stream error condition UNKNOWN cannot be sent");
            }
            if ((condition == Condition.SEE_OTHER_HOST) != (seeOtherHost != null && !seeOtherHost.isBlank())) {
                throw new InvalidStanzaException(condition == Condition.SEE_OTHER_HOST
                    ? "see-other-host requires a host[:port] target"
                    : "only see-other-host carries a target, not " + condition.elementName());
            }
            if (applicationCondition != null && NAMESPACE.equals(applicationCondition.namespace())) {
                throw new InvalidStanzaException("an application-specific condition must not be in " + NAMESPACE
                    + ": " + applicationCondition.name());
            }
            return new StreamError(condition, null, seeOtherHost, text, textLang, applicationCondition);
        }
    }
}
