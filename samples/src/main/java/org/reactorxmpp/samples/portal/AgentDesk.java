package org.reactorxmpp.samples.portal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import org.reactorxmpp.im.chat.Chat;
import org.reactorxmpp.im.chat.ChatManager;
import org.reactorxmpp.im.muc.Muc;
import org.reactorxmpp.im.muc.Room;
import org.reactorxmpp.im.presence.PresenceService;
import org.reactorxmpp.im.roster.AutoAccept;
import org.reactorxmpp.im.roster.Roster;
import org.reactorxmpp.im.roster.RosterOptions;
import org.reactorxmpp.im.xhtml.XhtmlBody;
import org.reactorxmpp.im.xhtml.XhtmlIm;
import org.reactorxmpp.xmpp.XmppException;
import org.reactorxmpp.xmpp.extension.chatstates.ChatState;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.stanza.Presence;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlReader;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * One agent's console: the agent's XMPP session (signed in with the agent's own password), the chats the
 * dispatcher assigned, and the rooms the agent is in. Everything reaches the page as JSON events.
 */
final class AgentDesk {

    private final Portal portal;
    private final Channel channel;
    private final Disposable.Composite subscriptions = Disposables.composite();
    private final Map<BareJid, Assigned> chats = new ConcurrentHashMap<>();
    private final Map<BareJid, Room> rooms = new ConcurrentHashMap<>();
    private final AtomicInteger reserved = new AtomicInteger();
    private volatile XmppSession session;
    private volatile Presence.Show show;

    /** A chat the dispatcher gave this agent, with its keystroke stream for the typing indicator. */
    private record Assigned(VisitorLine line, Chat chat, Sinks.Many<Boolean> keys, Instant since) {
    }

    AgentDesk(Portal portal, Channel channel) {
        this.portal = portal;
        this.channel = channel;
    }

    BareJid jid() {
        return session.jid().asBare();
    }

    /** @return chats assigned and not ended, plus those being assigned */
    int openChats() {
        return chats.size() + reserved.get();
    }

    /** Counts a chat the dispatcher is about to assign, so that two assignments do not race to one agent. */
    void reserve() {
        reserved.incrementAndGet();
    }

    /**
     * @param command a command from the page
     * @return its completion
     */
    Mono<Void> on(JsonNode command) {
        String type = command.path("type").asText();
        if (!type.equals("signin") && session == null) {
            return Mono.empty();
        }
        switch (type) {
            case "signin":
                return signIn(command.path("user").asText(), command.path("password").asText());
            case "presence":
                return setPresence(command.path("show").asText());
            case "say":
                return say(BareJid.parse(command.path("visitor").asText()), command.path("text").asText(),
                    command.path("xhtml").asBoolean());
            case "typing":
                return chat(command).map(a -> a.keys().tryEmitNext(Boolean.TRUE)).then();
            case "escalate":
                return escalate(BareJid.parse(command.path("visitor").asText()), BareJid.parse(command.path("colleague").asText()));
            case "roomSay":
                Room room = rooms.get(BareJid.parse(command.path("room").asText()));
                return room == null ? Mono.empty() : RoomRelay.say(room, command.path("text").asText()).then();
            default:
                return Mono.empty();
        }
    }

    private Mono<Assigned> chat(JsonNode command) {
        return Mono.justOrEmpty(chats.get(BareJid.parse(command.path("visitor").asText())));
    }

    private Mono<Void> signIn(String user, String password) {
        if (session != null) {
            return Mono.empty();
        }
        RosterOptions roster = RosterOptions.builder().autoAccept(AutoAccept.ALWAYS).build();
        // the automatic initial presence goes out before the login emits: the console's presence (chat) follows it
        return portal.xmpp().login(user, password, b -> b.feature(Roster.feature(roster)))
            .flatMap(s -> {
                session = s;
                subscriptions.add(RoomRelay.acceptInvitations(s, user, this::entered));
                subscriptions.add(portal.dispatcher().board()
                    .subscribe(list -> channel.send(Channel.event("agents").set("agents", list))));
                channel.send(Channel.event("signedIn").put("jid", s.jid().asBare().toString()).put("name", user));
                return setPresence("chat");
            })
            .onErrorResume(XmppException.class, e -> {
                channel.send(Channel.event("error").put("text", "Sign-in failed: " + e.getMessage()));
                return Mono.empty();
            });
    }

    private Mono<Void> setPresence(String value) {
        show = value.equals("available") ? null : Presence.Show.of(value);
        PresenceService presence = PresenceService.of(session);
        return presence.send(show, null, 0)
            .then(Mono.fromRunnable(() -> {
                portal.dispatcher().register(this);
                channel.send(Channel.event("presence").put("show", value));
            }))
            .thenMany(reactor.core.publisher.Flux.fromIterable(chats.keySet()))
            .concatMap(this::tellPresence)
            .then();
    }

    private Mono<Void> tellPresence(BareJid visitor) {
        return PresenceService.of(session).sendDirected(visitor, Presence.builder().show(show).build());
    }

    /** @param line a visitor the dispatcher chose this agent for */
    void assign(VisitorLine line) {
        Chat chat = ChatManager.of(session).chat(line.jid());
        Assigned assigned = new Assigned(line, chat, Sinks.many().unicast().onBackpressureBuffer(), Instant.now());
        chats.put(line.jid(), assigned);
        reserved.decrementAndGet();
        String visitor = line.jid().toString();
        channel.send(Channel.event("queued").put("visitor", visitor).put("name", line.name()).put("question", line.question()));
        subscriptions.add(chat.messages().subscribe(m -> channel.send(
            Channel.event("message").put("visitor", visitor).put("from", line.name()).put("text", Objects.toString(m.body(), ""))),
            e -> { }));
        subscriptions.add(chat.states().subscribe(state -> {
            channel.send(Channel.event("typing").put("visitor", visitor).put("state", state.name().toLowerCase()));
            if (state == ChatState.GONE) {
                ended(assigned);
            }
        }, e -> { }));
        subscriptions.add(chat.typing(assigned.keys().asFlux()).subscribe(null, e -> { }));
        subscriptions.add(tellPresence(line.jid()).subscribe(null, e -> { }));
    }

    private void ended(Assigned assigned) {
        if (chats.remove(assigned.line().jid(), assigned)) {
            assigned.keys().tryEmitComplete();
            channel.send(Channel.event("ended").put("visitor", assigned.line().jid().toString()));
            portal.dispatcher().register(this);
            subscriptions.add(Transcripts.of(session, assigned.line().jid(), assigned.since())
                .subscribe(t -> channel.send(t.put("visitor", assigned.line().jid().toString())), e -> { }));
        }
    }

    private Mono<Void> say(BareJid visitor, String text, boolean xhtml) {
        Assigned assigned = chats.get(visitor);
        if (assigned == null || text.isBlank()) {
            return Mono.empty();
        }
        Message.Builder message = Message.builder();
        XhtmlBody rich = xhtml ? parse(text) : null;
        if (rich != null) {
            XhtmlIm.attach(message.body(rich.plainText()), rich);
        } else {
            message.body(text);
        }
        return assigned.chat().send(message.build())
            .doOnNext(sent -> channel.send(Channel.event("message").put("visitor", visitor.toString()).put("from", Xmpp.user(session.jid()))
                .put("text", text).put("mine", true)))
            .then();
    }

    /** @return the agent's markup as an XHTML-IM body (the receiving side sanitises it), or null when it is not XML */
    static XhtmlBody parse(String markup) {
        String xml = "<body xmlns='http://www.w3.org/1999/xhtml'>" + markup + "</body>";
        try {
            XmlElement body = XmlReader.create().read(xml.getBytes(StandardCharsets.UTF_8));
            return new XhtmlBody(body.children());
        } catch (RuntimeException e) {
            return null;
        }
    }

    private Mono<Void> escalate(BareJid visitor, BareJid colleague) {
        Assigned assigned = chats.get(visitor);
        if (assigned == null) {
            return Mono.empty();
        }
        BareJid roomJid = BareJid.parse("support-" + Xmpp.user(visitor) + "-" + System.nanoTime() % 100_000 + "@" + portal.xmpp().mucHost());
        return Muc.of(session).createInstant(roomJid, Xmpp.user(session.jid()))
            .doOnNext(this::entered)
            .flatMap(room -> room.invite(colleague, "Please help with " + assigned.line().name())
                .then(room.invite(visitor, "A colleague joins us here")))
            .onErrorResume(XmppException.class, e -> {
                channel.send(Channel.event("error").put("text", "Escalation failed: " + e.getMessage()));
                return Mono.empty();
            });
    }

    private void entered(Room room) {
        rooms.put(room.jid(), room);
        channel.send(Channel.event("room").put("room", room.jid().toString()));
        subscriptions.add(RoomRelay.relay(room, channel));
    }

    /** The page went: sign out (the server tells the visitors with directed presence that the agent left). */
    void close() {
        subscriptions.dispose();
        XmppSession s = session;
        if (s != null) {
            portal.dispatcher().unregister(this);
            s.close().subscribe(null, e -> { });
        }
    }
}
