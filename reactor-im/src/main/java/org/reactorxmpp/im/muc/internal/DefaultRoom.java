package org.reactorxmpp.im.muc.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.im.internal.HotStream;
import org.reactorxmpp.xmpp.session.SessionLog;
import org.reactorxmpp.im.muc.Affiliation;
import org.reactorxmpp.im.muc.History;
import org.reactorxmpp.im.muc.JoinOptions;
import org.reactorxmpp.im.muc.MucException;
import org.reactorxmpp.im.muc.MucUser;
import org.reactorxmpp.im.muc.Occupant;
import org.reactorxmpp.im.muc.OccupantEvent;
import org.reactorxmpp.im.muc.Role;
import org.reactorxmpp.im.muc.Room;
import org.reactorxmpp.im.muc.RoomConfiguration;
import org.reactorxmpp.im.muc.RoomExit;
import org.reactorxmpp.im.muc.RoomMessage;
import org.reactorxmpp.xmpp.extension.ExtensionDecodeException;
import org.reactorxmpp.xmpp.extension.delay.Delay;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.jid.FullJid;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.stanza.Presence;
import org.reactorxmpp.xmpp.stanza.Stanza;
import org.reactorxmpp.xmpp.stanza.StanzaError;
import org.reactorxmpp.xmpp.stanza.StanzaErrorException;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * One room: its occupants, kept from the room's presences; its messages with the history phase; our
 * pending join, nick change and subject change, each completed by what the room reflects. State changes
 * and emissions happen under the room's lock (stanzas of one session arrive one at a time anyway).
 */
final class DefaultRoom implements Room {

    private static final Logger log = LoggerFactory.getLogger(DefaultRoom.class);
    private static final int REPLAY = 256;
    /** Occupant events buffered per subscriber. */
    static final int BUFFER = 1024;
    /** Private messages buffered per subscriber, and kept while nobody is subscribed. */
    static final int PRIVATE_KEPT = 256;
    /** How far before the last message a rejoin asks history from; duplicates are dropped by id. */
    private static final Duration REJOIN_MARGIN = Duration.ofSeconds(2);
    static final Duration REFLECTION_TIMEOUT = Duration.ofSeconds(30);

    private final DefaultMuc muc;
    private final XmppSession session;
    private final BareJid jid;
    private final JoinOptions options;
    private final RoomAdmin admin;
    /** Live: changes are for current subscribers, {@link #occupants()} is the state. */
    private final HotStream<OccupantEvent> events;
    private final Sinks.Many<RoomMessage> messages = Sinks.many().replay().limit(REPLAY);
    /** Messages: kept while nobody is subscribed (one may arrive right after the join, before anyone could subscribe). */
    private final HotStream<Message> privates;
    private final Sinks.One<RoomExit> exit = Sinks.one();
    private final SeenMessages seen = new SeenMessages(REPLAY);

    // guarded by this
    private String nick;
    private final Map<String, Occupant> occupants = new LinkedHashMap<>();
    private Map<String, Occupant> beforeRejoin = Map.of();
    private @Nullable Occupant self;
    private boolean created;
    private boolean joined;
    private boolean inHistory;
    private boolean gone;
    private @Nullable String subject;
    private @Nullable Instant lastMessage;
    private Sinks.@Nullable One<Room> joining;
    private Sinks.@Nullable One<Void> nickChange;
    private @Nullable String wantedNick;
    /** Our unavailable presence with 303 came: the next own presence completes the nick change. */
    private boolean renamed;
    private Sinks.@Nullable One<Void> subjectChange;
    private @Nullable String subjectId;
    private @Nullable String wantedSubject;

    DefaultRoom(DefaultMuc muc, XmppSession session, BareJid jid, String nick, JoinOptions options) {
        this.muc = muc;
        this.session = session;
        this.jid = jid;
        this.nick = nick;
        this.options = options;
        this.admin = new RoomAdmin(session, jid);
        this.events = HotStream.live("occupant events of " + jid, BUFFER);
        this.privates = HotStream.keepingWhileUnsubscribed("private messages in " + jid, PRIVATE_KEPT);
    }

    /**
     * Sends the join presence (the room is registered to receive stanzas already) and waits for our own
     * presence from the room.
     */
    Mono<Room> enter(History history) {
        return Mono.defer(() -> {
            Sinks.One<Room> result = Sinks.one();
            String asked;
            synchronized (this) {
                joining = result;
                asked = nick;
                beforeRejoin = Map.copyOf(occupants);
                occupants.clear();
                joined = false;
                inHistory = true;
            }
            return session.send(MucStanzas.join(jid, asked, options.password(), history))
                .then(result.asMono())
                .timeout(options.timeout(), Mono.error(() -> new MucException(MucException.Reason.TIMEOUT, jid, null,
                    "no presence from the room within " + options.timeout(), null)))
                .doOnError(e -> abandon(result))
                .doOnCancel(() -> abandon(result));
        });
    }

    /** A join that failed or was cancelled: forget it, and leave in case the room answers later. */
    private void abandon(Sinks.One<Room> attempt) {
        boolean send;
        synchronized (this) {
            if (joining != attempt) {
                return;
            }
            joining = null;
            send = !joined;
        }
        if (send) {
            session.send(Presence.builder().to(jid.withResource(nick)).type(Presence.Type.UNAVAILABLE).build())
                .subscribe(null, e -> log.debug("[{}] leaving {} after a failed join failed", SessionLog.id(session), jid, e));
        }
    }

    /** Enters again after a reconnect, with the history since the last message (minus a margin; duplicates dropped). */
    Mono<Room> rejoin() {
        History since;
        synchronized (this) {
            if (gone) {
                return Mono.empty();
            }
            Instant last = lastMessage;
            since = last == null ? History.none() : History.since(last.minus(REJOIN_MARGIN));
        }
        return enter(since).doOnError(e -> exitWith(new RoomExit(RoomExit.Kind.REJOIN_FAILED, e.getMessage(), null, e)));
    }

    // ---------------------------------------------------------------- inbound

    synchronized void onPresence(Presence p) {
        Jid from = Objects.requireNonNull(p.from());
        String occupantNick = from.resourcepart().orElse(null);
        if (p.type() == Presence.Type.ERROR) {
            onError(p, occupantNick);
            return;
        }
        if (occupantNick == null || !(from instanceof FullJid occupantJid)) {
            return; // ejabberd's presences from the room itself (caps), nothing about occupants
        }
        MucUser x;
        try {
            x = p.extension(MucUser.CODEC).orElse(null);
        } catch (ExtensionDecodeException e) {
            log.debug("[{}] ignoring a presence with a malformed muc#user from {}: {}", SessionLog.id(session), from, e.getMessage());
            return;
        }
        Set<Integer> codes = x == null ? Set.of() : x.statusCodes();
        MucUser.Item item = x == null ? null : x.item();
        String reason = item == null ? null : item.reason();
        Occupant occupant = new Occupant(occupantJid, item == null ? Role.NONE : item.role(),
            item == null ? Affiliation.NONE : item.affiliation(), item == null ? null : item.jid(), p);
        boolean isSelf = codes.contains(MucUser.SELF);
        if (p.type() == Presence.Type.UNAVAILABLE) {
            // nicks are unique in a room: ejabberd's presence of a destroyed room names us without status 110
            isSelf |= joined && occupantNick.equals(nick);
            occupants.remove(occupantNick);
            String newNick = codes.contains(MucUser.NICK_CHANGED) && item != null ? item.nick() : null;
            emit(new OccupantEvent(OccupantEvent.Kind.LEFT, occupant, codes, reason, newNick));
            if (isSelf && newNick != null) {
                renamed = true;
            } else if (isSelf) {
                exitWith(exitOf(codes, x, reason));
            }
            return;
        }
        if (p.type() != Presence.Type.AVAILABLE) {
            return;
        }
        Occupant previous = occupants.put(occupantNick, occupant);
        boolean known = previous != null || beforeRejoin.containsKey(occupantNick);
        if (isSelf) {
            self = occupant;
            nick = occupantNick;
            if (codes.contains(MucUser.CREATED)) {
                created = true;
            }
        }
        emit(new OccupantEvent(known ? OccupantEvent.Kind.CHANGED : OccupantEvent.Kind.JOINED, occupant, codes, reason, null));
        if (isSelf) {
            joinedAs();
        }
    }

    private void joinedAs() {
        Sinks.One<Void> renamed = nickChange;
        if (renamed != null && this.renamed) {
            nickChange = null;
            this.renamed = false;
            renamed.tryEmitEmpty();
        }
        Sinks.One<Room> pending = joining;
        if (pending != null) {
            joining = null;
            joined = true;
            beforeRejoin.forEach((n, o) -> {
                if (!occupants.containsKey(n)) {
                    emit(new OccupantEvent(OccupantEvent.Kind.LEFT, o, Set.of(), null, null));
                }
            });
            beforeRejoin = Map.of();
            pending.tryEmitValue(this);
        }
    }

    private void onError(Presence p, @Nullable String occupantNick) {
        StanzaError error = p.error().orElse(StanzaError.of(StanzaError.Condition.UNDEFINED_CONDITION));
        Sinks.One<Room> pending = joining;
        if (pending != null && (occupantNick == null || occupantNick.equals(nick))) {
            joining = null;
            pending.tryEmitError(MucException.of(jid, error, "joining as '" + nick + "'"));
            return;
        }
        Sinks.One<Void> renamed = nickChange;
        if (renamed != null && (occupantNick == null || occupantNick.equals(wantedNick))) {
            nickChange = null;
            renamed.tryEmitError(MucException.of(jid, error, "changing the nick to '" + wantedNick + "'"));
            return;
        }
        log.debug("[{}] error presence from {}: {}", SessionLog.id(session), p.from(), error);
    }

    private static RoomExit exitOf(Set<Integer> codes, @Nullable MucUser x, @Nullable String reason) {
        if (x != null && x.destroy() != null) {
            return new RoomExit(RoomExit.Kind.DESTROYED, x.destroy().reason(), x.destroy().alternate(), null);
        }
        RoomExit.Kind kind = codes.contains(MucUser.BANNED) ? RoomExit.Kind.BANNED
            : codes.contains(MucUser.KICKED) ? RoomExit.Kind.KICKED
            : codes.contains(MucUser.REMOVED_AFFILIATION) ? RoomExit.Kind.REMOVED_AFFILIATION
            : codes.contains(MucUser.REMOVED_MEMBERS_ONLY) ? RoomExit.Kind.REMOVED_MEMBERS_ONLY
            : codes.contains(MucUser.REMOVED_SHUTDOWN) ? RoomExit.Kind.SHUTDOWN
            : RoomExit.Kind.LEFT;
        return new RoomExit(kind, reason, null, null);
    }

    /** We are out of the room for good: streams complete, the room is forgotten. */
    synchronized void exitWith(RoomExit why) {
        if (gone) {
            return;
        }
        gone = true;
        joined = false;
        occupants.clear();
        muc.forget(this);
        Sinks.One<Void> renamed = nickChange;
        if (renamed != null) {
            renamed.tryEmitError(notJoined("the room was left: " + why.kind()));
        }
        Sinks.One<Void> subj = subjectChange;
        if (subj != null) {
            subj.tryEmitError(notJoined("the room was left: " + why.kind()));
        }
        exit.tryEmitValue(why);
        events.complete();
        messages.tryEmitComplete();
        privates.complete();
    }

    synchronized void onMessage(Message m) {
        Jid from = Objects.requireNonNull(m.from());
        String sender = from.resourcepart().orElse(null);
        if (m.type() == Message.Type.ERROR) {
            Sinks.One<Void> subj = subjectChange;
            if (subj != null && subjectId != null && subjectId.equals(m.id())) {
                subjectChange = null;
                subj.tryEmitError(MucException.of(jid, m.error().orElse(StanzaError.of(StanzaError.Condition.UNDEFINED_CONDITION)),
                    "changing the subject"));
            } else {
                log.debug("[{}] error message from {}: {}", SessionLog.id(session), from, m.error().orElse(null));
            }
            return;
        }
        if (m.type() != Message.Type.GROUPCHAT) {
            if (sender != null && m.body() != null) {
                privates.emit(m);
            }
            return;
        }
        if (m.subject() != null && m.body() == null) {
            subject = m.subject();
            inHistory = false;
            Sinks.One<Void> subj = subjectChange;
            if (subj != null && Objects.equals(wantedSubject, subject)) {
                subjectChange = null;
                subj.tryEmitEmpty();
            }
            return;
        }
        if (m.body() == null) {
            return;
        }
        Delay delay = null;
        try {
            delay = m.extension(Delay.CODEC).orElse(null);
        } catch (ExtensionDecodeException e) {
            log.debug("[{}] a message with an invalid delay from {}: {}", SessionLog.id(session), from, e.getMessage());
        }
        if (!seen.add(m, sender)) {
            return; // sent again by a rejoin's history
        }
        Instant at = delay != null ? delay.stamp() : Instant.now();
        if (lastMessage == null || at.isAfter(lastMessage)) {
            lastMessage = at;
        }
        messages.tryEmitNext(new RoomMessage(m, sender, delay, inHistory && delay != null));
    }

    private void emit(OccupantEvent event) {
        events.emit(event);
    }

    /** @return whether we are in the room with no join of ours pending (what a self-ping may check) */
    synchronized boolean settled() {
        return joined && joining == null && !gone;
    }

    synchronized boolean isGone() {
        return gone;
    }

    // ---------------------------------------------------------------- API

    @Override
    public BareJid jid() {
        return jid;
    }

    @Override
    public synchronized String nick() {
        return nick;
    }

    @Override
    public synchronized Occupant self() {
        Occupant s = self;
        if (s == null) {
            throw new IllegalStateException("not joined yet: " + jid);
        }
        return s;
    }

    @Override
    public synchronized boolean created() {
        return created;
    }

    @Override
    public synchronized boolean joined() {
        return joined;
    }

    @Override
    public synchronized Map<String, Occupant> occupants() {
        return Map.copyOf(occupants);
    }

    @Override
    public Flux<OccupantEvent> occupantEvents() {
        return events.flux();
    }

    @Override
    public Flux<RoomMessage> messages() {
        return messages.asFlux();
    }

    @Override
    public Flux<Message> privateMessages() {
        return privates.flux();
    }

    @Override
    public synchronized Optional<String> subject() {
        return Optional.ofNullable(subject);
    }

    private MucException notJoined(String why) {
        return new MucException(MucException.Reason.NOT_JOINED, jid, null, why, null);
    }

    private Mono<Void> whenJoined(Mono<Void> action) {
        return Mono.defer(() -> joined() ? action : Mono.error(notJoined("not in the room")));
    }

    @Override
    public Mono<Void> send(String body) {
        return send(Message.builder().body(body).build());
    }

    @Override
    public Mono<Void> send(Message message) {
        Objects.requireNonNull(message, "message");
        return whenJoined(Mono.defer(() -> session.send(message.toBuilder().to(jid).type(Message.Type.GROUPCHAT)
            .id(message.id() != null ? message.id() : MucStanzas.id()).build())));
    }

    @Override
    public Mono<Void> sendPrivate(String to, String body) {
        return whenJoined(Mono.defer(() -> session.send(Message.builder().to(jid.withResource(to)).type(Message.Type.CHAT)
            .body(body).child(XmlElement.empty(MucUser.NAMESPACE, "x")).build())));
    }

    @Override
    public Mono<Void> changeSubject(String newSubject) {
        Objects.requireNonNull(newSubject, "newSubject");
        return whenJoined(Mono.defer(() -> {
            Sinks.One<Void> done = Sinks.one();
            String id = MucStanzas.id();
            synchronized (this) {
                subjectChange = done;
                subjectId = id;
                wantedSubject = newSubject;
            }
            return reflected(Message.builder().id(id).to(jid).type(Message.Type.GROUPCHAT).subject(newSubject).build(),
                done.asMono(), "the room did not announce the new subject");
        }));
    }

    @Override
    public Mono<Void> changeNick(String newNick) {
        Objects.requireNonNull(newNick, "newNick");
        return whenJoined(Mono.defer(() -> {
            Sinks.One<Void> done = Sinks.one();
            synchronized (this) {
                nickChange = done;
                wantedNick = newNick;
            }
            return reflected(Presence.builder().to(jid.withResource(newNick)).build(), done.asMono(),
                "the room did not reflect the nick change");
        }));
    }

    /** Sends, then waits for what the room reflects ({@code answer}), at most {@link #REFLECTION_TIMEOUT}. */
    private <T> Mono<T> reflected(Stanza request, Mono<T> answer, String noAnswer) {
        return session.send(request).then(answer)
            .timeout(REFLECTION_TIMEOUT, Mono.error(() -> new MucException(MucException.Reason.TIMEOUT, jid, null, noAnswer, null)));
    }

    @Override
    public Mono<Void> changePresence(Presence.@Nullable Show show, @Nullable String status) {
        return whenJoined(Mono.defer(() -> session.send(Presence.builder().to(jid.withResource(nick()))
            .show(show).status(status).build())));
    }

    @Override
    public Mono<Void> leave() {
        return leave(null);
    }

    @Override
    public Mono<Void> leave(@Nullable String status) {
        return Mono.defer(() -> {
            if (isGone()) {
                return Mono.empty();
            }
            return reflected(Presence.builder().to(jid.withResource(nick())).type(Presence.Type.UNAVAILABLE).status(status)
                .build(), exit.asMono(), "the room did not reflect our leaving").then();
        });
    }

    @Override
    public Mono<Boolean> selfPing() {
        return ping().flatMap(outcome -> outcome == SelfPings.Outcome.UNKNOWN ? Mono.empty()
            : Mono.just(outcome == SelfPings.Outcome.JOINED));
    }

    /** One XEP-0410 self-ping; an unreachable service is {@link SelfPings.Outcome#UNKNOWN}, no answer an error. */
    Mono<SelfPings.Outcome> ping() {
        return Mono.defer(() -> session.request(Iq.get(jid.withResource(nick()), XmlElement.empty("urn:xmpp:ping", "ping"))))
            .thenReturn(SelfPings.Outcome.JOINED)
            .onErrorResume(StanzaErrorException.class, e -> Mono.just(SelfPings.outcomeOf(e.condition())));
    }

    @Override
    public Mono<RoomExit> exit() {
        return exit.asMono();
    }

    @Override
    public Mono<Void> acceptDefaultConfiguration() {
        return admin.acceptDefaultConfiguration();
    }

    @Override
    public Mono<RoomConfiguration> configuration() {
        return admin.configuration();
    }

    @Override
    public Mono<Void> configure(RoomConfiguration configuration) {
        return admin.configure(configuration);
    }

    @Override
    public Mono<Void> configure(UnaryOperator<RoomConfiguration> change) {
        return admin.configure(change);
    }

    @Override
    public Mono<Void> destroy(@Nullable String reason, @Nullable BareJid alternate) {
        return admin.destroy(reason, alternate);
    }

    @Override
    public Mono<Void> kick(String occupant, @Nullable String reason) {
        return admin.role(occupant, Role.NONE, reason);
    }

    @Override
    public Mono<Void> grantVoice(String occupant) {
        return admin.role(occupant, Role.PARTICIPANT, null);
    }

    @Override
    public Mono<Void> revokeVoice(String occupant) {
        return admin.role(occupant, Role.VISITOR, null);
    }

    @Override
    public Mono<Void> changeRole(String occupant, Role role, @Nullable String reason) {
        return admin.role(occupant, role, reason);
    }

    @Override
    public Mono<Void> ban(BareJid user, @Nullable String reason) {
        return admin.affiliation(user, Affiliation.OUTCAST, reason);
    }

    @Override
    public Mono<Void> changeAffiliation(BareJid user, Affiliation affiliation, @Nullable String reason) {
        return admin.affiliation(user, affiliation, reason);
    }

    @Override
    public Mono<List<MucUser.Item>> affiliations(Affiliation affiliation) {
        return admin.list(null, affiliation);
    }

    @Override
    public Mono<List<MucUser.Item>> roles(Role role) {
        return admin.list(role, null);
    }

    @Override
    public Mono<Void> invite(BareJid user, @Nullable String reason) {
        return Mono.defer(() -> session.send(MucStanzas.invite(jid, user, reason)));
    }

    @Override
    public Mono<Void> inviteDirect(BareJid user, @Nullable String reason) {
        return muc.inviteDirect(user, jid, reason, options.password());
    }

    @Override
    public String toString() {
        return "Room{" + jid + " as " + nick() + (joined() ? "" : ", not joined") + "}";
    }
}
