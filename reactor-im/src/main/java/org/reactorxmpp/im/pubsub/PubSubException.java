package org.reactorxmpp.im.pubsub;

import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.XmppException;
import org.reactorxmpp.xmpp.stanza.StanzaError;
import org.reactorxmpp.xmpp.stanza.StanzaErrorException;
import org.reactorxmpp.xmpp.xml.XmlElement;

/**
 * A pubsub request failed: the service answered with a stanza error, whose general {@link #condition()}
 * and XEP-0060 {@link #pubsubCondition()} ({@code precondition-not-met}, {@code nodeid-required}, ...)
 * say why.
 *
 * <pre>{@code
 * pubsub.publish("status", null, entry, options)
 *     .onErrorResume(PubSubException.class, e -> e.pubsubCondition() == PubSubCondition.PRECONDITION_NOT_MET
 *         ? reconfigureAndRetry() : Mono.error(e));
 * }</pre>
 */
public final class PubSubException extends XmppException {

    private static final long serialVersionUID = 1L;

    private final String operation;
    private final @Nullable String node;
    private final StanzaError.Condition condition;
    private final PubSubCondition pubsubCondition;
    private final @Nullable String unsupportedFeature;

    private PubSubException(String operation, @Nullable String node, StanzaErrorException cause) {
        super(message(operation, node, cause), cause);
        this.operation = operation;
        this.node = node;
        this.condition = cause.condition();
        XmlElement app = cause.error().applicationCondition()
            .filter(e -> PubSubCondition.NAMESPACE.equals(e.namespace())).orElse(null);
        this.pubsubCondition = app == null ? PubSubCondition.NONE : PubSubCondition.of(app.localName());
        this.unsupportedFeature = app == null ? null : app.attribute("feature");
    }

    private static String message(String operation, @Nullable String node, StanzaErrorException cause) {
        StanzaError e = cause.error();
        return "pubsub " + operation + (node == null ? "" : " on node '" + node + "'") + " failed: "
            + e.condition().elementName()
            + e.applicationCondition().map(a -> " / " + a.localName()
                + (a.attribute("feature") == null ? "" : " (" + a.attribute("feature") + ")")).orElse("")
            + e.text().map(t -> " (" + t + ")").orElse("");
    }

    /**
     * @param operation the operation, for example {@code publish}
     * @param node the node, or {@code null}
     * @param error the service's error reply
     * @return the typed error
     */
    public static PubSubException of(String operation, @Nullable String node, StanzaErrorException error) {
        return new PubSubException(operation, node, error);
    }

    /** @return the operation that failed, for example {@code create} */
    public String operation() {
        return operation;
    }

    /** @return the node concerned */
    public Optional<String> node() {
        return Optional.ofNullable(node);
    }

    /** @return the stanza error condition, for example {@code conflict} */
    public StanzaError.Condition condition() {
        return condition;
    }

    /** @return the XEP-0060 condition, {@link PubSubCondition#NONE} when the error had none */
    public PubSubCondition pubsubCondition() {
        return pubsubCondition;
    }

    /** @return for {@link PubSubCondition#UNSUPPORTED}: the feature, for example {@code publish-options} */
    public Optional<String> unsupportedFeature() {
        return Optional.ofNullable(unsupportedFeature);
    }

    @Override
    public boolean isTransient() {
        return getCause() instanceof XmppException && ((XmppException) getCause()).isTransient();
    }
}
