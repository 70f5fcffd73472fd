/**
 * Publish-subscribe (XEP-0060) and the personal eventing protocol (XEP-0163): a {@link
 * org.reactorxmpp.im.pubsub.PubSub} bound to one service (or to the own account's PEP), typed node
 * configuration and publish-options built on data forms, items with codecs, subscriptions, one
 * {@code Flux} of typed {@link org.reactorxmpp.im.pubsub.PubSubEvent}s, and typed errors
 * ({@link org.reactorxmpp.im.pubsub.PubSubException} with a {@link org.reactorxmpp.im.pubsub.PubSubCondition}).
 *
 * <pre>{@code
 * PubSub pubsub = PubSub.of(session, Jid.domain("pubsub.example.com"));
 * pubsub.createNode("news").then(pubsub.publish("news", "first", entry)).subscribe();
 * pubsub.events().ofType(PubSubEvent.Published.class).subscribe(e -> show(e.item()));
 * }</pre>
 */
@NullMarked
package org.reactorxmpp.im.pubsub;

import org.jspecify.annotations.NullMarked;
