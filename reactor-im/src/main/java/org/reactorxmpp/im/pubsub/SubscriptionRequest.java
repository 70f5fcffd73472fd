package org.reactorxmpp.im.pubsub;

import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.im.forms.DataForm;
import org.reactorxmpp.xmpp.jid.Jid;

/**
 * A subscription waiting for the owner's approval (XEP-0060 8.6, access model {@code authorize}): the
 * service sent the owner a {@code pubsub#subscribe_authorization} form. Answer it with
 * {@link PubSub#answer(SubscriptionRequest, boolean)}.
 *
 * <pre>{@code
 * pubsub.subscriptionRequests()
 *     .flatMap(r -> pubsub.answer(r, friends.contains(r.subscriber().asBare())))
 *     .subscribe();
 * }</pre>
 *
 * @param service the service that asks
 * @param node the node
 * @param subscriber who wants to subscribe
 * @param subid the pending subscription's id, where the service gives one
 * @param form the service's form, answered with {@code pubsub#allow} filled
 * @param messageId the id of the service's message (echoed in the answer), or {@code null}
 */
public record SubscriptionRequest(Jid service, String node, Jid subscriber, @Nullable String subid, DataForm form,
                                  @Nullable String messageId) {

    /** The {@code FORM_TYPE} of the authorization form. */
    public static final String FORM_TYPE = "http://jabber.org/protocol/pubsub#subscribe_authorization";
    public static final String NODE = "pubsub#node";
    public static final String SUBSCRIBER = "pubsub#subscriber_jid";
    public static final String ALLOW = "pubsub#allow";
    public static final String SUBID = "pubsub#subid";

    public SubscriptionRequest {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(subscriber, "subscriber");
        Objects.requireNonNull(form, "form");
    }

    /** @return the pending subscription's id */
    public Optional<String> subscriptionId() {
        return Optional.ofNullable(subid);
    }

    /** @param allow whether to approve @return the form to send back */
    public DataForm answer(boolean allow) {
        return form.fill(ALLOW, allow ? "true" : "false").submit();
    }
}
