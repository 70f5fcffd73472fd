package org.reactorxmpp.xmpp.sasl;

import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.XmppException;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlNode;

/**
 * SASL authentication failed: reported by the server in {@code <failure/>} (see
 * {@link #fromFailure(XmlElement)}) or detected by the client in the server's side of the exchange.
 *
 * <p>The message names the condition and, for server failures, the server's human-readable
 * {@code <text/>}; it never contains a password or SASL payload. Only
 * {@link SaslCondition#TEMPORARY_AUTH_FAILURE} is {@linkplain #isTransient() transient}.
 */
public class SaslException extends XmppException {

    private static final long serialVersionUID = 1L;

    /** The namespace of SASL negotiation in XMPP (RFC 6120 section 6.4). */
    public static final String NAMESPACE = "urn:ietf:params:xml:ns:xmpp-sasl";

    private static final int MAX_TEXT_IN_MESSAGE = 256;

    private final SaslCondition condition;
    private final @Nullable String text;

    /**
     * @param condition why authentication failed
     * @param message what happened; must not contain secrets or SASL payloads
     */
    public SaslException(SaslCondition condition, String message) {
        this(condition, message, null, null);
    }

    /**
     * @param condition why authentication failed
     * @param message what happened; must not contain secrets or SASL payloads
     * @param text the server's human-readable {@code <text/>}, if any
     * @param cause the underlying error, if any
     */
    public SaslException(SaslCondition condition, String message, @Nullable String text, @Nullable Throwable cause) {
        super(message, cause);
        this.condition = Objects.requireNonNull(condition, "condition");
        this.text = text;
    }

    /**
     * Parses a SASL {@code <failure/>} element, for example
     * {@code <failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><not-authorized/><text>...</text></failure>}.
     *
     * @param failure the failure element
     * @return the exception, with {@link SaslCondition#UNKNOWN} when the condition is missing or unknown
     * @throws IllegalArgumentException when the element is not a SASL {@code <failure/>}
     */
    public static SaslException fromFailure(XmlElement failure) {
        if (!failure.is(NAMESPACE, "failure")) {
            throw new IllegalArgumentException("not a SASL failure element: " + failure.name());
        }
        SaslCondition condition = SaslCondition.UNKNOWN;
        String conditionName = null;
        String text = null;
        for (XmlNode node : failure.children()) {
            if (!(node instanceof XmlElement)) {
                continue;
            }
            XmlElement child = (XmlElement) node;
            if (!child.namespace().equals(NAMESPACE)) {
                continue;
            }
            if (child.localName().equals("text")) {
                if (text == null) {
                    text = child.text();
                }
            } else if (conditionName == null) {
                conditionName = child.localName();
                condition = SaslCondition.fromElementName(conditionName);
            }
        }
        StringBuilder message = new StringBuilder("SASL authentication failed: ");
        if (conditionName == null) {
            message.append("the server gave no condition");
        } else if (condition == SaslCondition.UNKNOWN) {
            message.append("unknown condition ").append(SaslText.printable(conditionName, 64));
        } else {
            message.append(conditionName);
        }
        if (text != null && !text.isEmpty()) {
            message.append(" (server text: '").append(SaslText.printable(text, MAX_TEXT_IN_MESSAGE)).append("')");
        }
        return new SaslException(condition, message.toString(), text, null);
    }

    /** @return why authentication failed */
    public SaslCondition condition() {
        return condition;
    }

    /** @return the server's human-readable {@code <text/>}, if it sent one */
    public Optional<String> text() {
        return Optional.ofNullable(text);
    }

    /** @return {@code true} only for {@link SaslCondition#TEMPORARY_AUTH_FAILURE} */
    @Override
    public boolean isTransient() {
        return condition == SaslCondition.TEMPORARY_AUTH_FAILURE;
    }
}
