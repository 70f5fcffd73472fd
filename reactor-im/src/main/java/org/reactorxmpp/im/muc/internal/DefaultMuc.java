package org.reactorxmpp.im.muc.internal;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.session.SessionLog;
import org.reactorxmpp.im.internal.HotStream;
import org.reactorxmpp.im.internal.OccupiedRooms;
import org.reactorxmpp.im.muc.Decline;
import org.reactorxmpp.im.muc.Invitation;
import org.reactorxmpp.im.muc.JoinOptions;
import org.reactorxmpp.im.muc.Muc;
import org.reactorxmpp.im.muc.MucException;
import org.reactorxmpp.im.muc.MucUser;
import org.reactorxmpp.im.muc.Room;
import org.reactorxmpp.im.muc.RoomConfiguration;
import org.reactorxmpp.im.muc.RoomExit;
import org.reactorxmpp.im.muc.RoomInfo;
import org.reactorxmpp.xmpp.extension.ExtensionDecodeException;
import org.reactorxmpp.xmpp.feature.FeatureContext;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.session.DiscoItem;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.stanza.Presence;
import org.reactorxmpp.xmpp.stanza.Stanza;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The MUC service of one session, installed by {@link Muc#KEY}: routes room presences and messages to the
 * rooms, invitations to their stream, and enters the rooms again after a reconnect.
 */
public final class DefaultMuc implements Muc {

    private static final Logger log = LoggerFactory.getLogger(DefaultMuc.class);
    /** Invitations, and declines, kept while nobody is subscribed, and buffered per subscriber. */
    static final int KEPT = 64;

    private final XmppSession session;
    private final ConcurrentHashMap<BareJid, DefaultRoom> rooms = new ConcurrentHashMap<>();
    /** Invitations may be stored offline and arrive while the session connects: kept while nobody is subscribed. */
    private final HotStream<Invitation> invitations = HotStream.keepingWhileUnsubscribed("MUC invitations", KEPT);
    /** So may the declines of our invitations. */
    private final HotStream<Decline> declines = HotStream.keepingWhileUnsubscribed("MUC declines", KEPT);
    private final MucSearch search;
    private final Disposable.Composite selfPings = Disposables.composite();

    private DefaultMuc(XmppSession session) {
        this.session = session;
        this.search = new MucSearch(session);
    }

    /**
     * Installs MUC on a session: the muc#user codec, the {@code muc} and {@code jabber:x:conference}
     * capabilities, the presence and message routes, the rejoin after reconnect, the teardown.
     *
     * @param ctx the feature context
     * @return the service
     */
    public static Muc install(FeatureContext ctx) {
        DefaultMuc muc = new DefaultMuc(ctx.session());
        ctx.codec(MucUser.CODEC);
        // the chats tell an occupant's private message from a contact's by the rooms we are in
        ctx.feature(OccupiedRooms.KEY).track(muc.rooms::containsKey);
        ctx.capability(Muc.NAMESPACE);
        ctx.capability(MucStanzas.CONFERENCE);
        ctx.route(Presence.class, p -> muc.roomOf(p) != null, p -> muc.roomOf(p).onPresence(p));
        ctx.route(Message.class, m -> true, muc::onMessage);
        // a reconnect is a new session until the session tells a stream resume (XEP-0198) apart: then pass its flag here
        ctx.onReconnect(() -> muc.afterReconnect(false));
        ctx.onDispose(muc::end);
        return muc;
    }

    private @Nullable DefaultRoom roomOf(Stanza s) {
        Jid from = s.from();
        return from == null ? null : rooms.get(from.asBare());
    }

    private void onMessage(Message m) {
        Jid from = m.from();
        if (from == null) {
            return;
        }
        XmlElement direct = m.element().element(MucStanzas.CONFERENCE, "x");
        try {
            MucUser x = m.type() == Message.Type.GROUPCHAT ? null : m.extension(MucUser.CODEC).orElse(null);
            if (x != null && x.invite() != null && from.resourcepart().isEmpty()) {
                MucUser.Invite i = x.invite();
                Jid inviter = i.from() != null ? i.from() : from;
                invitations.emit(new MucInvitation(this, from.asBare(), inviter, i.reason(), x.password(), false));
                return;
            }
            if (x != null && x.decline() != null && from.resourcepart().isEmpty()) {
                declines.emit(new Decline(from.asBare(), x.decline().from(), x.decline().reason()));
                return;
            }
        } catch (ExtensionDecodeException e) {
            log.debug("[{}] ignoring a malformed muc#user from {}: {}", SessionLog.id(session), from, e.getMessage());
            return;
        }
        if (direct != null && m.type() != Message.Type.ERROR) {
            Optional<Jid> room = Jid.tryParse(direct.attribute("jid"));
            if (room.isPresent()) {
                invitations.emit(new MucInvitation(this, room.get().asBare(), from, direct.attribute("reason"),
                    direct.attribute("password"), true));
                return;
            }
        }
        DefaultRoom room = rooms.get(from.asBare());
        if (room != null) {
            room.onMessage(m);
        }
    }

    /**
     * The one place that decides what a re-established stream means for the rooms. After a stream resume
     * (XEP-0198) the server kept our occupancy and sent what we missed: entering again would duplicate
     * history and presences, so nothing happens. After a new session the server has forgotten our
     * presence: every room is entered again, with the history since its last message (a room that
     * refuses us ends with {@link RoomExit.Kind#REJOIN_FAILED} and the typed reason).
     *
     * @param resumed whether the stream was resumed rather than a new session started
     * @return completion when every room answered
     */
    public Mono<Void> afterReconnect(boolean resumed) {
        if (resumed) {
            log.debug("{}: stream resumed, the rooms kept us: not entering them again", session.jid());
            return Mono.empty();
        }
        return Flux.fromIterable(List.copyOf(rooms.values()))
            .flatMap(room -> room.rejoin().onErrorResume(e -> {
                log.info("[{}] could not enter {} again after the reconnect: {}", SessionLog.id(session), room.jid(), e.toString());
                return Mono.empty();
            }))
            .then();
    }

    @Override
    public Disposable selfPing(Duration every, Scheduler timer) {
        Objects.requireNonNull(every, "every");
        Objects.requireNonNull(timer, "timer");
        Disposable schedule = SelfPings.start(every, timer, () -> List.copyOf(rooms.values()));
        selfPings.add(schedule);
        return () -> {
            selfPings.remove(schedule);
            schedule.dispose();
        };
    }

    private void end() {
        selfPings.dispose();
        List.copyOf(rooms.values()).forEach(r -> r.exitWith(RoomExit.of(RoomExit.Kind.SESSION_ENDED)));
        invitations.complete();
        declines.complete();
    }

    void forget(DefaultRoom room) {
        rooms.remove(room.jid(), room);
    }

    Mono<Void> send(Stanza stanza) {
        return Mono.defer(() -> session.send(stanza));
    }

    @Override
    public Mono<Room> join(BareJid room, String nick) {
        return join(room, nick, JoinOptions.defaults());
    }

    @Override
    public Mono<Room> join(BareJid room, String nick, JoinOptions options) {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(nick, "nick");
        Objects.requireNonNull(options, "options");
        return Mono.defer(() -> {
            DefaultRoom fresh = new DefaultRoom(this, session, room, nick, options);
            DefaultRoom existing = rooms.putIfAbsent(room, fresh);
            if (existing != null) {
                return existing.joined() ? Mono.just(existing) : Mono.error(new MucException(MucException.Reason.OTHER,
                    room, null, "a join of this room is in progress", null));
            }
            // registered before the presence goes out: every answer of the room finds the room
            return fresh.enter(options.history()).doOnError(e -> forget(fresh)).doOnCancel(() -> forget(fresh));
        });
    }

    @Override
    public Mono<Room> createInstant(BareJid room, String nick) {
        return create(room, nick).flatMap(r -> r.acceptDefaultConfiguration().thenReturn(r));
    }

    @Override
    public Mono<Room> createReserved(BareJid room, String nick, UnaryOperator<RoomConfiguration> configure) {
        Objects.requireNonNull(configure, "configure");
        return create(room, nick).flatMap(r -> r.configure(configure).thenReturn(r));
    }

    private Mono<Room> create(BareJid room, String nick) {
        return join(room, nick).flatMap(r -> r.created() ? Mono.just(r)
            : r.leave().then(Mono.error(new MucException(MucException.Reason.ALREADY_EXISTS, room, null,
                "the room exists already (no status 201 on join)", null))));
    }

    @Override
    public Optional<Room> room(BareJid room) {
        DefaultRoom r = rooms.get(room);
        return r != null && r.joined() ? Optional.of(r) : Optional.empty();
    }

    @Override
    public Collection<Room> rooms() {
        return rooms.values().stream().filter(DefaultRoom::joined).map(Room.class::cast).toList();
    }

    @Override
    public Flux<Invitation> invitations() {
        return invitations.flux();
    }

    @Override
    public Flux<Decline> declines() {
        return declines.flux();
    }

    @Override
    public Mono<Void> inviteDirect(BareJid user, BareJid room, @Nullable String reason, @Nullable String password) {
        return send(MucStanzas.inviteDirect(user, room, reason, password));
    }

    @Override
    public Flux<Jid> services() {
        return search.services();
    }

    @Override
    public Flux<DiscoItem> rooms(Jid service, int pageSize) {
        return search.rooms(service, pageSize);
    }

    @Override
    public Mono<RoomInfo> info(BareJid room) {
        return search.info(room);
    }
}
