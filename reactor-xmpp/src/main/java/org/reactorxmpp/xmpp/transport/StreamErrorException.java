package org.reactorxmpp.xmpp.transport;

import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlName;

/**
 * The server ended the stream with a {@code <stream:error/>} (RFC 6120 section 4.9).
 * {@link #condition()} is the defined condition's element name, for example {@code conflict} or
 * {@code system-shutdown}; {@link #element()} is the whole error as received.
 */
public final class StreamErrorException extends TransportException {

    private static final long serialVersionUID = 1L;

    /** Namespace of the stream prefix. */
    public static final String STREAMS_NS = "http://etherx.jabber.org/streams";
    /** Namespace of the defined stream error conditions. */
    public static final String STREAM_ERRORS_NS = "urn:ietf:params:xml:ns:xmpp-streams";

    private static final Set<String> TRANSIENT = Set.of("system-shutdown", "see-other-host", "connection-timeout",
        "reset", "remote-connection-failed", "internal-server-error", "resource-constraint");

    private final String condition;
    private final @Nullable String text;
    private final transient XmlElement element;

    private StreamErrorException(String condition, @Nullable String text, XmlElement element) {
        super("stream error: " + condition + (text == null || text.isEmpty() ? "" : " (" + text + ")"),
            TRANSIENT.contains(condition));
        this.condition = condition;
        this.text = text;
        this.element = element;
    }

    /**
     * Reads a {@code <stream:error/>} element.
     *
     * @param error the element, in the {@value #STREAMS_NS} namespace
     * @return the exception
     */
    public static StreamErrorException of(XmlElement error) {
        Objects.requireNonNull(error, "error");
        if (!isStreamError(error)) {
            throw new IllegalArgumentException("not a stream:error element: " + error.name());
        }
        String condition = error.elements()
            .filter(e -> e.namespace().equals(STREAM_ERRORS_NS) && !e.localName().equals("text"))
            .map(XmlElement::localName)
            .findFirst()
            .orElse("undefined-condition");
        String text = error.childText(XmlName.of(STREAM_ERRORS_NS, "text"));
        return new StreamErrorException(condition, text, error);
    }

    /**
     * @param element any element
     * @return whether it is a {@code <stream:error/>}
     */
    public static boolean isStreamError(XmlElement element) {
        return element.is(STREAMS_NS, "error");
    }

    /** @return the defined condition, for example {@code conflict}; {@code undefined-condition} if none */
    public String condition() {
        return condition;
    }

    /** @return the human-readable text, if the server sent one */
    public @Nullable String text() {
        return text;
    }

    /** @return the error element as received */
    public XmlElement element() {
        return element;
    }
}
