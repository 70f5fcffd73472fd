package org.reactorxmpp.im.pep;

import org.reactorxmpp.im.pubsub.PubSub;
import org.reactorxmpp.im.pubsub.PubSubEvent;
import org.reactorxmpp.im.pubsub.PubSubItem;
import org.reactorxmpp.im.pubsub.PublishOptions;
import org.reactorxmpp.xmpp.session.XmppSession;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * PEP (XEP-0163): the own account's pubsub nodes, and interests in contacts' nodes. An interest is a
 * {@code node+notify} feature in the session's capabilities: adding or withdrawing it changes the caps
 * {@code ver} and re-sends presence, and the server then sends (or stops sending) that node's events of
 * the contacts whose presence the account receives.
 *
 * <pre>{@code
 * Pep pep = Pep.of(session);
 * pep.publish("http://jabber.org/protocol/tune", PubSubItem.of("current", tune),
 *     PublishOptions.empty().accessModel(AccessModel.PRESENCE)).subscribe();
 * Disposable subscription = pep.events("http://jabber.org/protocol/tune").subscribe(this::show);
 * subscription.dispose();   // the interest is withdrawn with the last subscriber
 * }</pre>
 */
public interface Pep {

    /** @param session the session @return its PEP client (stateless over the session's PubSub feature) */
    static Pep of(XmppSession session) {
        return new Pep() {
            @Override
            public PubSub pubsub() {
                return PubSub.pep(session);
            }

            @Override
            public Disposable interest(String node) {
                return session.capabilities().addFeature(node + "+notify");
            }
        };
    }

    /** @return the own account's PEP service as a {@link PubSub} */
    PubSub pubsub();

    /**
     * Advertises interest in a node's notifications ({@code node+notify}); counted: the interest lasts
     * until every handle is disposed.
     *
     * @param node the node, for example {@code http://jabber.org/protocol/geoloc}
     * @return the handle that withdraws this interest
     */
    Disposable interest(String node);

    /**
     * @param node the own node (the server creates it on first publish)
     * @param item the item
     * @param options publish-options, for example the access model
     * @return the item id
     */
    default Mono<String> publish(String node, PubSubItem item, PublishOptions options) {
        return pubsub().publish(node, item, options);
    }

    /**
     * The node's events from contacts (and the own account), with the interest advertised while at least
     * one subscriber is subscribed. Hot multicast without replay, on purpose: subscribing advertises the
     * interest, and the service then sends the last published item of each contact it notifies (XEP-0163),
     * so the current state reaches a subscriber that comes later too. Bounded per subscriber like {@link PubSub#events()} (then a typed
     * {@link org.reactorxmpp.im.FeatureOverflowException}; nothing is dropped silently).
     *
     * @param node the node
     * @return its events, from the moment of subscription; completes when the session ends
     */
    default Flux<PubSubEvent> events(String node) {
        return Flux.using(() -> interest(node), i -> pubsub().events().filter(e -> e.node().equals(node)),
            Disposable::dispose);
    }
}
