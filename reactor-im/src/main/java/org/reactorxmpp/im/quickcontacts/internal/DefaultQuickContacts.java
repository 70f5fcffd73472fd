package org.reactorxmpp.im.quickcontacts.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.reactorxmpp.xmpp.session.SessionLog;
import org.reactorxmpp.im.presence.ContactPresence;
import org.reactorxmpp.im.presence.PresenceChange;
import org.reactorxmpp.im.presence.internal.PresenceBook;
import org.reactorxmpp.im.quickcontacts.QuickContactException;
import org.reactorxmpp.im.quickcontacts.QuickContacts;
import org.reactorxmpp.im.quickcontacts.QuickContactsOptions;
import org.reactorxmpp.im.quickcontacts.Slice;
import org.reactorxmpp.im.roster.Roster;
import org.reactorxmpp.im.roster.RosterChange;
import org.reactorxmpp.im.roster.RosterItem;
import org.reactorxmpp.xmpp.extension.ExtensionDecodeException;
import org.reactorxmpp.xmpp.feature.FeatureContext;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.session.Capabilities;
import org.reactorxmpp.xmpp.session.ConnectionState;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.stanza.Presence;
import org.reactorxmpp.xmpp.xml.XmlName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Quick contacts of one session, installed by {@link QuickContactsFeature}. */
final class DefaultQuickContacts implements QuickContacts {

    private static final Logger log = LoggerFactory.getLogger(DefaultQuickContacts.class);
    /** The pubsub node of the notifications. */
    static final String NODE = "http://webex.com/connect/temp-presence";
    private static final XmlName EVENT = PresenceEvent.CODEC.name();

    private final XmppSession session;
    private final Roster roster;
    private final Capabilities.Variant tempCaps;
    private final RateSlicer slicer;
    private final Set<BareJid> subscribed = ConcurrentHashMap.newKeySet();
    private final PresenceBook book = new PresenceBook("quick contacts presence changes");

    private DefaultQuickContacts(XmppSession session, Roster roster, Capabilities.Variant tempCaps,
                                 QuickContactsOptions options) {
        this.session = session;
        this.roster = roster;
        this.tempCaps = tempCaps;
        this.slicer = new RateSlicer(options.sliceSize(), options.slicePeriod(), options.scheduler());
    }

    /**
     * Installs quick contacts: the session's roster (a dependency), the temp-presence caps variant,
     * the notification route, the roster watch that drops contacts we now receive presence from,
     * and the re-send of the subscriptions after a reconnect (the server forgot them).
     *
     * @param ctx the feature context
     * @param options the options
     * @return the quick contacts
     */
    static DefaultQuickContacts install(FeatureContext ctx, QuickContactsOptions options) {
        Objects.requireNonNull(options, "options");
        Roster roster = ctx.feature(Roster.KEY);
        Capabilities.Variant temp = ctx.variant(List.of(QuickContactsOptions.TEMP_PRESENCE_NOTIFY));
        DefaultQuickContacts q = new DefaultQuickContacts(ctx.session(), roster, temp, options);
        ctx.route(Message.class, m -> m.type() == Message.Type.HEADLINE && m.has(EVENT), q::onMessage);
        ctx.onDispose(roster.changes()
            .filter(c -> c.kind() != RosterChange.Kind.REMOVED && c.item().subscription().isTo())
            .map(c -> c.item().jid())
            .filter(q.subscribed::contains)
            .concatMap(jid -> q.unsubscribe(jid).onErrorResume(e -> Mono.empty()))
            .subscribe(null, e -> { }));
        ctx.onReconnect(() -> q.resubscribe().onErrorResume(e -> {
            log.debug("[{}] re-sending the quick contact subscriptions failed", SessionLog.id(q.session), e);
            return Mono.empty();
        }));
        ctx.onDispose(q.book::complete);
        return q;
    }

    /**
     * Decodes a temp-presence notification.
     *
     * @param message a message
     * @return the embedded presences, empty when the message is not such a notification
     */
    static List<Presence> notification(Message message) {
        if (message.type() != Message.Type.HEADLINE) {
            return List.of();
        }
        return message.extension(PresenceEvent.CODEC).filter(e -> NODE.equals(e.node()))
            .map(PresenceEvent::presences).orElse(List.of());
    }

    private void onMessage(Message message) {
        List<Presence> presences;
        try {
            presences = notification(message);
        } catch (ExtensionDecodeException e) {
            log.debug("[{}] ignoring a malformed pubsub event from {}: {}", SessionLog.id(session), message.from(), e.getMessage());
            return;
        }
        for (Presence p : presences) {
            Presence presence = p.from() == null && message.from() != null ? p.withFrom(message.from()) : p;
            Jid from = presence.from();
            if (from != null && subscribed.contains(from.asBare())) {
                book.apply(presence);
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
        return Presence.builder().to(jid).child(tempCaps.element()).build();
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
            log.debug("[{}] re-sending {} quick contact subscription(s) after reconnect", SessionLog.id(session), again.size());
            // only those still subscribed when their turn comes (an unsubscribe may come meanwhile)
            return slicer.slices(again, true, jid -> Mono.defer(() -> subscribed.contains(jid)
                ? session.send(tempPresence(jid)) : Mono.<Void>empty()).onErrorResume(e -> {
                log.debug("[{}] re-sending the quick contact subscription to {} failed", SessionLog.id(session), jid, e);
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
                book.apply(Presence.builder().from(jid).type(Presence.Type.UNAVAILABLE).build());
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
        return book.contact(jid);
    }

    @Override
    public Flux<PresenceChange> changes() {
        return book.changes();
    }

    @Override
    public String toString() {
        return "QuickContacts{" + session.jid() + ", " + subscribed.size() + " subscribed}";
    }
}
