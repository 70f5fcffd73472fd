package org.reactorxmpp.im.pubsub;

import java.util.Collection;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.im.forms.DataForm;
import org.reactorxmpp.im.pubsub.internal.PubSubFeature;
import org.reactorxmpp.xmpp.extension.ExtensionCodec;
import org.reactorxmpp.xmpp.session.DiscoItem;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.session.XmppSession;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Publish-subscribe (XEP-0060) with one service, or with the own account's PEP nodes (XEP-0163): nodes,
 * their configuration, items, subscriptions, and the service's events. Everything is lazy; a refusal by
 * the service is a {@link PubSubException} carrying the XEP-0060 condition. One instance per session and
 * service: the session's PubSub feature routes every pubsub event once and ends them with the session.
 *
 * <pre>{@code
 * PubSub pubsub = PubSub.of(session, Jid.domain("pubsub.example.com"));
 * pubsub.defaultConfiguration()
 *     .flatMap(c -> pubsub.createNode("news", c.maxItems(100).accessModel(AccessModel.OPEN)))
 *     .then(pubsub.publish("news", PubSubItem.of("first", entry)))
 *     .subscribe(id -> log.info("published {}", id));
 * pubsub.events().ofType(PubSubEvent.Published.class).subscribe(e -> show(e.items()));
 * }</pre>
 */
public interface PubSub {

    /** The pubsub namespace. */
    String NAMESPACE = "http://jabber.org/protocol/pubsub";
    /** The owner namespace. */
    String OWNER = NAMESPACE + "#owner";

    /**
     * @param session the session
     * @param service the pubsub service, for example {@code pubsub.example.com}
     * @return the session's client of that service (the same one every time)
     */
    static PubSub of(XmppSession session, Jid service) {
        return PubSubFeature.of(session).service(service);
    }

    /**
     * @param session the session
     * @return the client of the own account's PEP service (requests without {@code to}); its
     *     {@link #events()} are the PEP events of contacts and of the own account
     */
    static PubSub pep(XmppSession session) {
        return PubSubFeature.of(session).pep();
    }

    /** @return the service, {@code null} for the own account's PEP */
    @Nullable Jid service();

    /** @param node the node id @return completion once created with the service's default configuration */
    Mono<Void> createNode(String node);

    /**
     * @param node the node id
     * @param configuration the configuration, from {@link #defaultConfiguration()} with changes
     * @return completion once created
     */
    Mono<Void> createNode(String node, NodeConfiguration configuration);

    /** @param node the node @return completion once deleted (subscribers get a {@link PubSubEvent.Deleted}) */
    Mono<Void> deleteNode(String node);

    /**
     * @param node the node
     * @param redirectUri where subscribers should go instead, for example {@code xmpp:pubsub.example.com?;node=new}
     * @return completion once deleted (subscribers get a {@link PubSubEvent.Deleted} with the redirect)
     */
    Mono<Void> deleteNode(String node, String redirectUri);

    /** @return the service's top-level nodes (disco#items) */
    Flux<String> nodes();

    /** @param node the node @return completion once all its items are gone */
    Mono<Void> purge(String node);

    /** @param node the node @return its configuration form (owner only) */
    Mono<NodeConfiguration> configuration(String node);

    /** @param node the node @param configuration the changed configuration @return completion once applied */
    Mono<Void> configure(String node, NodeConfiguration configuration);

    /** @return the configuration a new node gets */
    Mono<NodeConfiguration> defaultConfiguration();

    /**
     * @param node the node
     * @param item the item (without id: the service chooses)
     * @return the item id the service kept
     */
    Mono<String> publish(String node, PubSubItem item);

    /**
     * @param node the node
     * @param item the item
     * @param options preconditions on the node's configuration; a mismatch fails with
     *     {@link PubSubCondition#PRECONDITION_NOT_MET}
     * @return the item id
     */
    Mono<String> publish(String node, PubSubItem item, PublishOptions options);

    /**
     * Publishes with publish-options, and on {@link PubSubCondition#PRECONDITION_NOT_MET} (opt-in: only here)
     * reconfigures the node to the options (owner only; the fields the node's form has) and publishes once more.
     *
     * @param node the node
     * @param item the item
     * @param options the options the node must have
     * @return the item id
     */
    default Mono<String> publishReconfiguring(String node, PubSubItem item, PublishOptions options) {
        return publish(node, item, options).onErrorResume(PubSubException.class,
            e -> e.pubsubCondition() != PubSubCondition.PRECONDITION_NOT_MET ? Mono.error(e)
                : configuration(node).map(c -> {
                    NodeConfiguration changed = c;
                    for (var option : options.fields().entrySet()) {
                        if (c.has(option.getKey())) {
                            changed = changed.with(option.getKey(), option.getValue().toArray(String[]::new));
                        }
                    }
                    return changed;
                }).flatMap(c -> configure(node, c)).then(Mono.defer(() -> publish(node, item, options))));
    }

    /**
     * @param node the node
     * @param id the item id, or {@code null}
     * @param codec the payload's codec
     * @param value the payload
     * @param <T> the payload type
     * @return the item id
     */
    default <T> Mono<String> publish(String node, @Nullable String id, ExtensionCodec<T> codec, T value) {
        return Mono.defer(() -> publish(node, PubSubItem.of(id, codec.encode(value))));
    }

    /**
     * @param node the node
     * @param id the item
     * @param notify whether subscribers are told ({@link PubSubEvent.Retracted})
     * @return completion once retracted
     */
    Mono<Void> retract(String node, String id, boolean notify);

    /**
     * All items of a node, oldest first where the service pages them with RSM (XEP-0059) in pages of 50;
     * a service that ignores RSM answers everything in one reply, which is then the whole {@code Flux}.
     *
     * @param node the node
     * @return the items
     */
    default Flux<PubSubItem> items(String node) {
        return items(node, 50);
    }

    /** @param node the node @param pageSize items per RSM page @return all items, page by page */
    Flux<PubSubItem> items(String node, int pageSize);

    /** @param node the node @param ids item ids @return those items that exist */
    Flux<PubSubItem> items(String node, Collection<String> ids);

    /** @param node the node @param max how many @return the latest items, at most {@code max} */
    Flux<PubSubItem> lastItems(String node, int max);

    /** @param node the node @return the subscription of the own bare JID */
    Mono<PubSubSubscription> subscribe(String node);

    /**
     * @param node the node
     * @param subid the subscription id, required where the account has several subscriptions
     * @return completion once unsubscribed
     */
    Mono<Void> unsubscribe(String node, @Nullable String subid);

    /** @return the own subscriptions at this service */
    Flux<PubSubSubscription> subscriptions();

    /**
     * Subscription options (XEP-0060 6.3): the form of the own bare JID's subscription to a node.
     *
     * @param node the node
     * @param subid the subscription id, required where the account has several subscriptions
     * @return the service's {@code pubsub#subscribe_options} form
     */
    Mono<DataForm> subscriptionOptions(String node, @Nullable String subid);

    /**
     * @param node the node
     * @param subid the subscription id, or {@code null}
     * @param options the filled form from {@link #subscriptionOptions(String, String)} (a {@code form} is
     *     submitted as its answer)
     * @return completion once the service accepted them
     */
    Mono<Void> submitSubscriptionOptions(String node, @Nullable String subid, DataForm options);

    /** @param node the node @return its type, features and meta-data (disco#info on the node) */
    Mono<NodeInfo> nodeInfo(String node);

    /**
     * @param node a collection node, or a leaf node
     * @return its child nodes (for a collection) or its items (for a leaf: the item id is the name), as the
     *     service lists them in disco#items on the node
     */
    Flux<DiscoItem> nodeItems(String node);

    /** @param node the node @return every affiliation with it (owner only) */
    Flux<PubSubAffiliation> affiliations(String node);

    /**
     * Changes affiliations (owner only); {@link PubSubAffiliation.Type#NONE} removes one.
     *
     * @param node the node
     * @param changes the new affiliations (each must be of this node)
     * @return completion once applied
     */
    Mono<Void> setAffiliations(String node, Collection<PubSubAffiliation> changes);

    /** @return the own account's affiliations at this service, across its nodes */
    Flux<PubSubAffiliation> myAffiliations();

    /** @param node the node @return every subscription to it, of everyone (owner only), pending ones included */
    Flux<PubSubSubscription> subscriptions(String node);

    /**
     * Changes others' subscriptions (owner only): subscribe, approve a pending one
     * ({@link PubSubSubscription.State#SUBSCRIBED}), or remove one ({@link PubSubSubscription.State#NONE}).
     *
     * @param node the node
     * @param changes the subscriptions to set (each must be of this node)
     * @return completion once applied
     */
    Mono<Void> setSubscriptions(String node, Collection<PubSubSubscription> changes);

    /**
     * The authorization requests this service sends the own account as owner of nodes with the
     * {@link AccessModel#AUTHORIZE} access model. Hot multicast without replay, on purpose: a request is
     * for whoever handles them now, and a request nobody subscribed to stays pending at the service: the
     * owner finds it among {@link #subscriptions(String)} ({@link PubSubSubscription.State#PENDING}) and
     * approves it with {@link #setSubscriptions(String, java.util.Collection)}. Each subscriber buffers 256 requests, then gets them and a
     * {@link org.reactorxmpp.im.FeatureOverflowException}; nothing is dropped silently.
     *
     * @return the requests from the moment of subscription; completes when the session ends
     */
    Flux<SubscriptionRequest> subscriptionRequests();

    /**
     * @param request a request from {@link #subscriptionRequests()}
     * @param allow whether to approve the subscription
     * @return completion once the answer is sent (the service then tells the subscriber)
     */
    Mono<Void> answer(SubscriptionRequest request, boolean allow);

    /**
     * The events from this service (for PEP: from contacts' and the own account's PEP nodes). Hot
     * multicast without replay, on purpose: events are for current subscribers (a PEP subscriber's
     * interest is what makes the server send them, and the service keeps the items: {@link #items(String)}
     * fetches what was published before). Each subscriber buffers 256 events of this service; one that
     * lets its buffer fill gets them, then a {@link org.reactorxmpp.im.FeatureOverflowException}, while
     * the other subscribers and the session go on; nothing is dropped silently.
     *
     * <pre>{@code
     * PubSub.of(session, Jid.domain("pubsub.example.com")).events()
     *     .ofType(PubSubEvent.Published.class)
     *     .subscribe(e -> show(e.items()));
     * }</pre>
     *
     * @return the events from the moment of subscription; completes when the session ends
     */
    Flux<PubSubEvent> events();
}
