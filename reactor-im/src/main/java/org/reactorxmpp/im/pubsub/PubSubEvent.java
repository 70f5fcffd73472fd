package org.reactorxmpp.im.pubsub;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.im.forms.DataForm;
import org.reactorxmpp.xmpp.jid.Jid;

/**
 * A pubsub notification ({@code <event xmlns='http://jabber.org/protocol/pubsub#event'>}) as a typed
 * value: what happened to which node of which service (for PEP: which contact), and when, if the
 * notification was delayed (last published item, offline delivery).
 *
 * <pre>{@code
 * pubsub.events().subscribe(e -> {
 *     if (e instanceof PubSubEvent.Published p) { p.items().forEach(this::show); }
 *     else if (e instanceof PubSubEvent.Deleted d) { forget(d.node()); }
 * });
 * }</pre>
 */
public sealed interface PubSubEvent {

    /** @return the service (the PEP account for PEP) that sent it; {@code null} only without {@code from} */
    @Nullable Jid from();

    /** @return the node */
    String node();

    /** @return the delayed-delivery timestamp, if the notification carried one */
    Optional<Instant> delay();

    /** Items published (with payload, where the node delivers payloads). */
    record Published(@Nullable Jid from, String node, List<PubSubItem> items, @Nullable Instant delayedAt)
        implements PubSubEvent {
        public Published {
            items = List.copyOf(items);
        }

        @Override
        public Optional<Instant> delay() {
            return Optional.ofNullable(delayedAt);
        }
    }

    /** Items retracted, by id. */
    record Retracted(@Nullable Jid from, String node, List<String> ids, @Nullable Instant delayedAt)
        implements PubSubEvent {
        public Retracted {
            ids = List.copyOf(ids);
        }

        @Override
        public Optional<Instant> delay() {
            return Optional.ofNullable(delayedAt);
        }
    }

    /** All items purged. */
    record Purged(@Nullable Jid from, String node, @Nullable Instant delayedAt) implements PubSubEvent {
        @Override
        public Optional<Instant> delay() {
            return Optional.ofNullable(delayedAt);
        }
    }

    /** The node deleted, with the URI of a replacement node where given. */
    record Deleted(@Nullable Jid from, String node, @Nullable String redirect, @Nullable Instant delayedAt)
        implements PubSubEvent {
        @Override
        public Optional<Instant> delay() {
            return Optional.ofNullable(delayedAt);
        }
    }

    /** The node's configuration changed; the new configuration where the node sends it. */
    record Configured(@Nullable Jid from, String node, @Nullable DataForm configuration, @Nullable Instant delayedAt)
        implements PubSubEvent {
        @Override
        public Optional<Instant> delay() {
            return Optional.ofNullable(delayedAt);
        }
    }

    /** A subscription's state changed (for example approved or cancelled). */
    record SubscriptionChanged(@Nullable Jid from, String node, PubSubSubscription subscription,
                               @Nullable Instant delayedAt) implements PubSubEvent {
        @Override
        public Optional<Instant> delay() {
            return Optional.ofNullable(delayedAt);
        }
    }
}
