package org.reactorxmpp.im.roster.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.session.SessionLog;
import org.reactorxmpp.im.internal.HotStream;
import org.reactorxmpp.im.roster.Roster;
import org.reactorxmpp.im.roster.RosterChange;
import org.reactorxmpp.im.roster.RosterException;
import org.reactorxmpp.im.roster.RosterItem;
import org.reactorxmpp.im.roster.RosterOptions;
import org.reactorxmpp.im.roster.RosterSnapshot;
import org.reactorxmpp.im.roster.Subscription;
import org.reactorxmpp.im.roster.SubscriptionRequest;
import org.reactorxmpp.xmpp.extension.ExtensionCodec;
import org.reactorxmpp.xmpp.extension.ExtensionDecodeException;
import org.reactorxmpp.xmpp.feature.FeatureContext;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.stanza.Presence;
import org.reactorxmpp.xmpp.stanza.StanzaError;
import org.reactorxmpp.xmpp.stanza.StanzaErrorException;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;

/**
 * The roster of one session, installed by {@link RosterFeature}. State changes are serialized by a
 * lock; events are emitted under it.
 */
final class DefaultRoster implements Roster {

    private static final Logger log = LoggerFactory.getLogger(DefaultRoster.class);
    static final String NS = RosterItem.NAMESPACE;
    private static final XmlName ITEM = XmlName.of(NS, "item");
    private static final XmlName QUERY = XmlName.of(NS, "query");
    private static final int BUFFER = 1024;
    /** The stream feature announcing roster versioning (RFC 6121 2.6.1). */
    static final String ROSTERVER = "urn:xmpp:features:rosterver";
    /** The stream feature announcing subscription pre-approval (RFC 6121 3.4.1). */
    static final String PRE_APPROVAL = "urn:xmpp:features:pre-approval";

    private final XmppSession session;
    private final RosterOptions options;
    private final BareJid account;
    private final Object lock = new Object();
    private final HotStream<RosterChange> changes = HotStream.live("roster changes", BUFFER);
    /** Unanswered subscription requests by requester, oldest first; guarded by {@link #lock}. */
    private final Map<BareJid, SubscriptionRequest> pending = new LinkedHashMap<>();
    /** The current {@link #requests()} subscribers; guarded by {@link #lock}. */
    private final Set<FluxSink<SubscriptionRequest>> requestSinks = new LinkedHashSet<>();
    /** An overflow no subscriber was told of yet (the next subscriber gets it); guarded by {@link #lock}. */
    private @Nullable RosterException untoldOverflow;
    private volatile RosterSnapshot snapshot = RosterSnapshot.empty();
    private volatile boolean restored;
    private volatile boolean loadedOnce;

    private DefaultRoster(XmppSession session, RosterOptions options) {
        this.session = session;
        this.options = options;
        this.account = session.jid().asBare();
    }

    /**
     * Installs the roster: answers roster pushes (set) and refuses roster gets, follows inbound
     * presence for subscription requests, reloads after a reconnect once loaded, and ends its
     * streams when the session ends.
     *
     * @param ctx the feature context
     * @param options the options
     * @return the roster
     */
    static DefaultRoster install(FeatureContext ctx, RosterOptions options) {
        Objects.requireNonNull(options, "options");
        DefaultRoster roster = new DefaultRoster(ctx.session(), options);
        ctx.handle(Iq.Type.SET, QUERY, roster::onRosterIq);
        ctx.handle(Iq.Type.GET, QUERY, iq -> Mono.error(new StanzaErrorException(StanzaError.of(
            StanzaError.Condition.BAD_REQUEST, "only roster pushes (set) are accepted"), iq)));
        ctx.route(Presence.class, p -> true, roster::onPresence);
        ctx.onReconnect(() -> roster.loadedOnce ? roster.load().onErrorResume(e -> {
            log.debug("[{}] roster reload after reconnect failed", SessionLog.id(roster.session), e);
            return Mono.empty();
        }) : Mono.empty());
        ctx.onDispose(roster::ended);
        return roster;
    }

    /** The session ended: changes complete, and so do the request subscribers. */
    private void ended() {
        List<FluxSink<SubscriptionRequest>> sinks;
        synchronized (lock) {
            changes.complete();
            sinks = List.copyOf(requestSinks);
            requestSinks.clear();
        }
        sinks.forEach(FluxSink::complete);
    }

    @Override
    public RosterOptions options() {
        return options;
    }

    @Override
    public RosterSnapshot snapshot() {
        return snapshot;
    }

    @Override
    public Flux<RosterChange> changes() {
        return changes.flux();
    }

    @Override
    public Flux<SubscriptionRequest> requests() {
        return HotStream.bounded(Flux.<SubscriptionRequest>create(sink -> {
            synchronized (lock) {
                // replay what is unanswered, then live: both under the lock, so nothing slips between
                pending.values().forEach(sink::next);
                RosterException overflow = untoldOverflow;
                if (overflow != null) {
                    untoldOverflow = null;
                    sink.error(overflow);
                    return;
                }
                requestSinks.add(sink);
            }
            sink.onDispose(() -> {
                synchronized (lock) {
                    requestSinks.remove(sink);
                }
            });
        }, FluxSink.OverflowStrategy.BUFFER), "roster subscription requests", BUFFER);
    }

    @Override
    public boolean versioning() {
        return options.versioning().orElseGet(() -> session.features().feature(ROSTERVER).isPresent());
    }

    @Override
    public boolean preApproval() {
        return options.preApproval().orElseGet(() -> session.features().feature(PRE_APPROVAL).isPresent());
    }

    /** @return the unanswered requests, oldest first */
    List<BareJid> pendingRequests() {
        synchronized (lock) {
            return List.copyOf(pending.keySet());
        }
    }

    private void request(BareJid contact, Presence presence) {
        SubscriptionRequest request = new SubscriptionRequest(contact, presence, this);
        synchronized (lock) {
            if (!pending.containsKey(contact) && pending.size() >= options.maxPendingRequests()) {
                RosterException overflow = new RosterException("requests", contact, null,
                    "more than " + options.maxPendingRequests() + " unanswered subscription requests: the request "
                        + "was dropped (answer requests with approve or deny, or raise RosterOptions.maxPendingRequests)",
                    null);
                log.warn("[{}] subscription request from {} dropped: {} requests are unanswered", SessionLog.id(session), contact,
                    pending.size());
                if (requestSinks.isEmpty()) {
                    untoldOverflow = overflow;
                } else {
                    List<FluxSink<SubscriptionRequest>> told = List.copyOf(requestSinks);
                    requestSinks.clear();
                    told.forEach(sink -> sink.error(overflow));
                }
                return;
            }
            pending.remove(contact); // a repeated request replaces the earlier one, moving it last
            pending.put(contact, request);
            requestSinks.forEach(sink -> sink.next(request));
        }
    }

    private void answered(BareJid contact) {
        synchronized (lock) {
            pending.remove(contact);
        }
    }

    // ---- load and pushes

    @Override
    public Mono<RosterSnapshot> load() {
        boolean versioning = versioning();
        Mono<RosterSnapshot> base = restored || !versioning
            ? Mono.fromSupplier(() -> snapshot)
            : options.store().load(account).onErrorResume(e -> {
                log.warn("[{}] could not read the stored roster, fetching it whole: {}", SessionLog.id(session), e.toString());
                return Mono.empty();
            }).doOnNext(stored -> {
                synchronized (lock) {
                    if (!restored && snapshot.size() == 0) {
                        snapshot = stored;
                    }
                }
            }).then(Mono.fromSupplier(() -> snapshot));
        return base.flatMap(known -> {
            restored = true;
            XmlElement.Builder query = XmlElement.builder(NS, "query");
            if (versioning) {
                query.attribute("ver", known.version().orElse(""));
            }
            return session.request(Iq.get(null, query.build()))
                .onErrorMap(StanzaErrorException.class, e -> RosterException.of("load", null, e))
                .map(result -> applyResult(result.payload().filter(p -> p.is(NS, "query")).orElse(null)));
        }).flatMap(s -> save(s).onErrorResume(e -> {
            log.warn("[{}] could not store the roster: {}", SessionLog.id(session), e.toString());
            return Mono.empty();
        }).thenReturn(s)).doOnSuccess(s -> loadedOnce = true);
    }

    private RosterSnapshot applyResult(@Nullable XmlElement query) {
        synchronized (lock) {
            if (query == null) {
                return snapshot; // versioning: what we have is current; changes come as pushes
            }
            List<RosterItem> items = new ArrayList<>();
            query.elements(ITEM).forEach(e -> decode(e).ifPresent(items::add));
            RosterSnapshot next = RosterSnapshot.of(query.attribute("ver"), items);
            List<RosterChange> diff = new ArrayList<>();
            for (RosterItem before : snapshot.items()) {
                if (next.item(before.jid()).isEmpty()) {
                    diff.add(RosterChange.removed(before));
                }
            }
            for (RosterItem after : next.items()) {
                Optional<RosterItem> before = snapshot.item(after.jid());
                if (before.isEmpty()) {
                    diff.add(RosterChange.added(after));
                } else if (!before.get().equals(after)) {
                    diff.add(RosterChange.updated(before.get(), after));
                }
            }
            snapshot = next;
            diff.forEach(this::emit);
            return next;
        }
    }

    private Mono<Iq> onRosterIq(Iq iq) {
        Jid from = iq.from();
        if (from != null && !from.equals(account) && !from.equals(session.jid())) {
            log.debug("[{}] ignoring roster push from {} (RFC 6121 2.1.6)", SessionLog.id(session), from);
            return Mono.error(new StanzaErrorException(StanzaError.of(StanzaError.Condition.SERVICE_UNAVAILABLE), iq));
        }
        XmlElement query = iq.payload().orElseThrow();
        List<XmlElement> items = query.elements(ITEM).toList();
        if (items.size() != 1) {
            return Mono.error(new StanzaErrorException(StanzaError.of(StanzaError.Condition.BAD_REQUEST,
                "a roster push carries exactly one item"), iq));
        }
        Optional<RosterItem> item = decode(items.get(0));
        if (item.isEmpty()) {
            return Mono.error(new StanzaErrorException(StanzaError.of(StanzaError.Condition.BAD_REQUEST), iq));
        }
        RosterSnapshot after = applyPush(query.attribute("ver"), item.get());
        return save(after).onErrorResume(e -> {
            log.warn("[{}] could not store the roster: {}", SessionLog.id(session), e.toString());
            return Mono.empty();
        }).then(Mono.just(iq.resultWith(null)));
    }

    private RosterSnapshot applyPush(@Nullable String ver, RosterItem item) {
        synchronized (lock) {
            Optional<RosterItem> before = snapshot.item(item.jid());
            if (item.subscription() == Subscription.REMOVE) {
                snapshot = snapshot.without(ver, item.jid());
                before.ifPresent(b -> emit(RosterChange.removed(b)));
            } else {
                if (item.subscription().isFrom()) {
                    pending.remove(item.jid()); // approved, possibly by another resource
                }
                snapshot = snapshot.with(ver, item);
                if (before.isEmpty()) {
                    emit(RosterChange.added(item));
                } else if (!before.get().equals(item)) {
                    emit(RosterChange.updated(before.get(), item));
                }
            }
            return snapshot;
        }
    }

    private Mono<Void> save(RosterSnapshot s) {
        return versioning() && s.version().isPresent() ? options.store().save(account, s) : Mono.empty();
    }

    private void emit(RosterChange change) {
        changes.emit(change);
    }

    private Optional<RosterItem> decode(XmlElement e) {
        try {
            return Optional.of(ExtensionCodec.decode(RosterItem.CODEC, e));
        } catch (ExtensionDecodeException ex) {
            log.debug("[{}] ignoring roster item: {}", SessionLog.id(session), ex.getMessage());
            return Optional.empty();
        }
    }

    // ---- roster sets

    @Override
    public Mono<Void> add(BareJid jid, @Nullable String name, Collection<String> groups) {
        return Mono.defer(() -> set("add", RosterItem.of(jid, name, groups)));
    }

    @Override
    public Mono<Void> update(RosterItem item) {
        Objects.requireNonNull(item, "item");
        return Mono.defer(() -> set("update", item));
    }

    @Override
    public Mono<Void> remove(BareJid jid) {
        Objects.requireNonNull(jid, "jid");
        return Mono.defer(() -> set("remove", RosterItem.of(jid, null, List.of()).asRemoval()));
    }

    @Override
    public Mono<Void> move(BareJid jid, Collection<String> groups) {
        return Mono.defer(() -> existing("move", jid).flatMap(item -> set("move", item.withGroups(groups))));
    }

    @Override
    public Mono<Void> rename(BareJid jid, @Nullable String name) {
        return Mono.defer(() -> existing("rename", jid).flatMap(item -> set("rename", item.withName(name))));
    }

    private Mono<RosterItem> existing(String operation, BareJid jid) {
        return Mono.justOrEmpty(snapshot.item(jid)).switchIfEmpty(Mono.error(() -> new RosterException(operation, jid,
            StanzaError.Condition.ITEM_NOT_FOUND, "the contact is not in the roster", null)));
    }

    private Mono<Void> set(String operation, RosterItem item) {
        RosterItem toSend = item;
        if (item.subscription() != Subscription.REMOVE && item.groups().isEmpty() && options.defaultGroup().isPresent()) {
            toSend = item.withGroups(List.of(options.defaultGroup().get()));
        }
        XmlElement query = XmlElement.builder(NS, "query").child(RosterItem.CODEC.encode(toSend)).build();
        return session.request(Iq.set(null, query))
            .onErrorMap(StanzaErrorException.class, e -> RosterException.of(operation, item.jid(), e))
            .then();
    }

    // ---- subscriptions

    @Override
    public Mono<Void> subscribe(BareJid jid) {
        return sendPresence(jid, Presence.Type.SUBSCRIBE);
    }

    @Override
    public Mono<Void> unsubscribe(BareJid jid) {
        return sendPresence(jid, Presence.Type.UNSUBSCRIBE);
    }

    @Override
    public Mono<Void> approve(BareJid jid) {
        Mono<Void> approve = sendPresence(jid, Presence.Type.SUBSCRIBED).doOnSuccess(v -> answered(jid));
        if (!options.autoSubscribe()) {
            return approve;
        }
        return approve.then(Mono.defer(() -> {
            Optional<RosterItem> item = snapshot.item(jid);
            boolean subscribed = item.map(i -> i.subscription().isTo() || i.isPendingOut()).orElse(false);
            return subscribed ? Mono.empty() : subscribe(jid);
        }));
    }

    @Override
    public Mono<Void> deny(BareJid jid) {
        return sendPresence(jid, Presence.Type.UNSUBSCRIBED).doOnSuccess(v -> answered(jid));
    }

    @Override
    public Mono<Void> preApprove(BareJid jid) {
        Objects.requireNonNull(jid, "jid");
        return Mono.defer(() -> {
            if (!preApproval()) {
                return Mono.error(new RosterException("preApprove", jid, null,
                    "the server does not advertise <sub xmlns='urn:xmpp:features:pre-approval'/> "
                        + "(force RosterOptions.preApproval(true) when it supports it anyway)", null));
            }
            return sendPresence(jid, Presence.Type.SUBSCRIBED).doOnSuccess(v -> answered(jid));
        });
    }

    private Mono<Void> sendPresence(BareJid jid, Presence.Type type) {
        Objects.requireNonNull(jid, "jid");
        return Mono.defer(() -> session.send(Presence.builder().to(jid).type(type).build()));
    }

    private void onPresence(Presence presence) {
        Jid from = presence.from();
        if (from == null) {
            return;
        }
        BareJid contact = from.asBare();
        switch (presence.type()) {
            case SUBSCRIBE:
                if (shouldAutoAccept(contact)) {
                    approve(contact).subscribe(null, e -> log.debug("[{}] auto-accept of {} failed", SessionLog.id(session), contact, e));
                } else {
                    request(contact, presence);
                }
                break;
            case UNSUBSCRIBE:
                answered(contact); // a request withdrawn by the requester (RFC 6121 3.3) is no longer to be answered
                if (options.autoRemove() && snapshot.item(contact).isPresent()) {
                    remove(contact).subscribe(null, e -> log.debug("[{}] auto-remove of {} failed", SessionLog.id(session), contact, e));
                }
                break;
            default:
                break;
        }
    }

    boolean shouldAutoAccept(BareJid contact) {
        return RosterPolicies.autoAccept(options, account, contact, snapshot);
    }

    @Override
    public String toString() {
        return "Roster{" + account + ", " + snapshot.size() + " items}";
    }
}
