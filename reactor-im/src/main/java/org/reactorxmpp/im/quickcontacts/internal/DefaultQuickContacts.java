package org.reactorxmpp.im.quickcontacts.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.reactorxmpp.im.presence.ContactPresence;
import org.reactorxmpp.im.presence.PresenceChange;
import org.reactorxmpp.im.presence.internal.PresenceTracker;
import org.reactorxmpp.im.quickcontacts.QuickContactException;
import org.reactorxmpp.im.quickcontacts.QuickContacts;
import org.reactorxmpp.im.quickcontacts.QuickContactsOptions;
import org.reactorxmpp.im.quickcontacts.Slice;
import org.reactorxmpp.im.roster.Roster;
import org.reactorxmpp.im.roster.RosterChange;
import org.reactorxmpp.im.roster.RosterItem;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.session.ConnectionState;
import org.reactorxmpp.xmpp.session.EntityCaps;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.stanza.Presence;
import org.reactorxmpp.xmpp.stanza.Stanza;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/** Quick contacts of one session. */
public final class DefaultQuickContacts implements QuickContacts {

    private static final Logger log = LoggerFactory.getLogger(DefaultQuickContacts.class);
    /** The pubsub node of the notifications. */
    public static final String NODE = "http://webex.com/connect/temp-presence";
    private static final String EVENT_NS = "http://jabber.org/protocol/pubsub#event";
    private static final XmlName EVENT = XmlName.of(EVENT_NS, "event");
    private static final XmlName ITEMS = XmlName.of(EVENT_NS, "items");
    private static final XmlName ITEM = XmlName.of(EVENT_NS, "item");
    private static final XmlName PRESENCE = XmlName.of(Stanza.NAMESPACE, "presence");

    private final XmppSession session;
    private final Roster roster;
    private final QuickContactsOptions options;
    private final RateSlicer slicer;
    private final Set<BareJid> subscribed = ConcurrentHashMap.newKeySet();
    private final PresenceTracker tracker = new PresenceTracker();
    private final Sinks.Many<PresenceChange> changes = Sinks.many().multicast().directBestEffort();

    private DefaultQuickContacts(XmppSession session, Roster roster, QuickContactsOptions options) {
        this.session = session;
        this.roster = roster;
        this.options = options;
        this.slicer = new RateSlicer(options.sliceSize(), options.slicePeriod(), options.scheduler());
    }

    /**
     * @param session the session
     * @param roster its roster
     * @param options the options
     * @return quick contacts following the session's notifications and the roster's changes
     */
    public static DefaultQuickContacts create(XmppSession session, Roster roster, QuickContactsOptions options) {
        DefaultQuickContacts q = new DefaultQuickContacts(Objects.requireNonNull(session, "session"),
            Objects.requireNonNull(roster, "roster"), Objects.requireNonNull(options, "options"));
        session.messages().subscribe(q::onMessage, e -> log.debug("{}: message stream ended", session.jid(), e));
        roster.changes().filter(c -> c.kind() != RosterChange.Kind.REMOVED && c.item().subscription().isTo())
            .map(c -> c.item().jid())
            .filter(q.subscribed::contains)
            .concatMap(jid -> q.unsubscribe(jid).onErrorResume(e -> Mono.empty()))
            .subscribe(null, e -> { });
        // the server forgot the temporary subscriptions with the old connection: send them again
        session.stateChanges()
            .scan(new boolean[2], (acc, state) -> {
                // acc[0]: RECONNECTING seen since the last CONNECTED; acc[1]: this CONNECTED ends a reconnect
                acc[1] = state.kind() == ConnectionState.Kind.CONNECTED && acc[0];
                if (state.kind() == ConnectionState.Kind.RECONNECTING) {
                    acc[0] = true;
                } else if (state.kind() == ConnectionState.Kind.CONNECTED) {
                    acc[0] = false;
                }
                return acc;
            })
            .filter(acc -> acc[1])
            .concatMap(acc -> q.resubscribe().onErrorResume(e -> {
                log.debug("{}: re-sending the quick contact subscriptions failed", session.jid(), e);
                return Mono.empty();
            }))
            .subscribe(null, e -> { });
        return q;
    }

    /**
     * Decodes a temp-presence notification.
     *
     * @param message a message
     * @return the embedded presences, empty when the message is not such a notification
     */
    public static List<Presence> notification(Message message) {
        if (message.type() != Message.Type.HEADLINE) {
            return List.of();
        }
        XmlElement event = message.element().element(EVENT);
        XmlElement items = event == null ? null : event.element(ITEMS);
        if (items == null || !NODE.equals(items.attribute("node"))) {
            return List.of();
        }
        List<Presence> presences = new ArrayList<>();
        items.elements(ITEM).forEach(item -> item.elements(PRESENCE).forEach(p -> presences.add(Presence.of(p))));
        return presences;
    }

    private void onMessage(Message message) {
        for (Presence p : notification(message)) {
            Presence presence = p.from() == null && message.from() != null ? p.withFrom(message.from()) : p;
            Jid from = presence.from();
            if (from == null || !subscribed.contains(from.asBare())) {
                continue;
            }
            synchronized (tracker) {
                tracker.apply(presence).ifPresent(changes::tryEmitNext);
            }
        }
    }

    @Override
    public Mono<Void> subscribe(BareJid jid) {
        Objects.requireNonNull(jid, "jid");
        return Mono.defer(() -> {
            Optional<RosterItem> item = roster.snapshot().item(jid);
            if (item.isPresent() && item.get().subscription().isTo()) {
                return Mono.error(new QuickContactException(jid, "is a roster contact with subscription "
                    + item.get().subscription().value() + ": its presence is already received"));
            }
            return sendSubscribe(jid);
        });
    }

    private Mono<Void> sendSubscribe(BareJid jid) {
        // marked before sending: the server's first notification may be delivered before the send completes
        // (over BOSH it can come in the answer to an earlier request), and it must not be dropped
        return Mono.defer(() -> {
            boolean added = subscribed.add(jid);
            return session.send(tempPresence(jid))
                .doOnError(e -> {
                    if (added) {
                        subscribed.remove(jid);
                    }
                });
        });
    }

    /** @return the directed presence that asks for the contact's temporary presence */
    private Presence tempPresence(BareJid jid) {
        return Presence.builder().to(jid).child(EntityCaps.element(options.capsNode(), options.tempVer())).build();
    }

    /**
     * Sends the temporary subscriptions again on a new connection, in rate-limited slices, skipping
     * contacts that became roster contacts with subscription {@code to}/{@code both} meanwhile.
     */
    private Mono<Void> resubscribe() {
        return Mono.defer(() -> {
            List<BareJid> again = subscribed.stream()
                .filter(jid -> !roster.snapshot().item(jid).map(i -> i.subscription().isTo()).orElse(false))
                .toList();
            if (again.isEmpty()) {
                return Mono.empty();
            }
            log.debug("{}: re-sending {} quick contact subscription(s) after reconnect", session.jid(), again.size());
            // only those still subscribed when their turn comes (an unsubscribe may come meanwhile)
            return slicer.slices(again, true, jid -> Mono.defer(() -> subscribed.contains(jid)
                ? session.send(tempPresence(jid)) : Mono.<Void>empty()).onErrorResume(e -> {
                log.debug("{}: re-sending the quick contact subscription to {} failed", session.jid(), jid, e);
                return Mono.empty();
            })).then();
        });
    }

    @Override
    public Mono<Void> unsubscribe(BareJid jid) {
        Objects.requireNonNull(jid, "jid");
        // no caps element: the session attaches its base caps
        return Mono.defer(() -> session.send(Presence.builder().to(jid).build()))
            .doOnSuccess(v -> {
                subscribed.remove(jid);
                synchronized (tracker) {
                    tracker.apply(Presence.builder().from(jid).type(Presence.Type.UNAVAILABLE).build())
                        .ifPresent(changes::tryEmitNext);
                }
            });
    }

    @Override
    public Flux<Slice> subscribeAll(Collection<BareJid> jids, boolean reset) {
        return Flux.defer(() -> {
            Set<BareJid> wanted = new LinkedHashSet<>(jids);
            List<BareJid> toSubscribe = new ArrayList<>();
            for (BareJid jid : wanted) {
                boolean inRoster = roster.snapshot().item(jid).map(i -> i.subscription().isTo()).orElse(false);
                if (!inRoster && !subscribed.contains(jid)) {
                    toSubscribe.add(jid);
                }
            }
            Flux<Slice> drop = Flux.empty();
            if (reset) {
                List<BareJid> toDrop = subscribed.stream().filter(j -> !wanted.contains(j)).toList();
                drop = slicer.slices(toDrop, false, this::unsubscribe);
            }
            return drop.concatWith(slicer.slices(toSubscribe, true, this::sendSubscribe));
        }).takeUntilOther(disconnected());
    }

    @Override
    public Flux<Slice> unsubscribeAll(Collection<BareJid> jids) {
        return Flux.defer(() -> slicer.slices(new LinkedHashSet<>(jids).stream().filter(subscribed::contains).toList(),
            false, this::unsubscribe)).takeUntilOther(disconnected());
    }

    private Mono<ConnectionState> disconnected() {
        return session.stateChanges().filter(s -> s.kind() == ConnectionState.Kind.DISCONNECTING
            || s.kind() == ConnectionState.Kind.DISCONNECTED || s.kind() == ConnectionState.Kind.RECONNECTING).next();
    }

    @Override
    public Set<BareJid> subscriptions() {
        return Set.copyOf(subscribed);
    }

    @Override
    public ContactPresence presence(BareJid jid) {
        synchronized (tracker) {
            return tracker.contact(jid);
        }
    }

    @Override
    public Flux<PresenceChange> changes() {
        return changes.asFlux().onBackpressureBuffer(1024);
    }

    @Override
    public String toString() {
        return "QuickContacts{" + session.jid() + ", " + subscribed.size() + " subscribed}";
    }
}
