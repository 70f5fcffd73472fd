package org.reactorxmpp.samples.portal;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import org.reactorxmpp.im.chat.Chat;
import org.reactorxmpp.im.chat.ChatManager;
import org.reactorxmpp.im.muc.Room;
import org.reactorxmpp.im.presence.PresenceService;
import org.reactorxmpp.im.xhtml.XhtmlIm;
import org.reactorxmpp.xmpp.extension.chatstates.ChatState;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.xml.XmlElement;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * One visitor's page: a provisioned guest account's XMPP session, the chat with the agent the dispatcher
 * chose, and the room the chat was escalated to. When the agent's presence goes unavailable (the agent
 * signed out or lost the connection) the visitor is told and queued again for another agent.
 */
final class VisitorLine {

    private final Portal portal;
    private final Channel channel;
    private final Disposable.Composite subscriptions = Disposables.composite();
    private final Disposable.Swap agentWatch = Disposables.swap();
    private volatile XmppSession session;
    private volatile String name = "";
    private volatile String question = "";
    private volatile Chat chat;
    private volatile Sinks.Many<Boolean> keys;
    private volatile Instant since = Instant.now();
    private volatile Room room;
    private volatile boolean transferred;

    VisitorLine(Portal portal, Channel channel) {
        this.portal = portal;
        this.channel = channel;
    }

    BareJid jid() {
        return session.jid().asBare();
    }

    String name() {
        return name;
    }

    String question() {
        return question;
    }

    /**
     * @param command a command from the page
     * @return its completion
     */
    Mono<Void> on(JsonNode command) {
        String type = command.path("type").asText();
        if (type.equals("start")) {
            return start(command.path("name").asText("Visitor"), command.path("question").asText());
        }
        Chat current = chat;
        if (current == null) {
            return Mono.empty();
        }
        switch (type) {
            case "say":
                String text = command.path("text").asText();
                return text.isBlank() ? Mono.empty() : current.send(text).then();
            case "typing":
                keys.tryEmitNext(Boolean.TRUE);
                return Mono.empty();
            case "roomSay":
                Room r = room;
                return r == null ? Mono.empty() : RoomRelay.say(r, command.path("text").asText()).then();
            case "end":
                return end(current);
            default:
                return Mono.empty();
        }
    }

    private Mono<Void> start(String visitorName, String text) {
        if (session != null || text.isBlank()) {
            return Mono.empty();
        }
        name = visitorName.isBlank() ? "Visitor" : visitorName.strip();
        question = text.strip();
        return portal.guests().next()
            // the automatic initial presence goes out before the login emits; the server delivers the agent's
            // directed presence only to an available resource, so before queueing, a ping answered proves the
            // server has processed that presence (it handles one session's stanzas in order)
            .flatMap(guest -> portal.xmpp().login(guest.user(), guest.password()))
            .flatMap(s -> s.request(Iq.get(Jid.domain(s.jid().domainpart()), XmlElement.empty("urn:xmpp:ping", "ping")))
                .thenReturn(s))
            .doOnNext(s -> {
                session = s;
                subscriptions.add(RoomRelay.acceptInvitations(s, name, this::entered));
                channel.send(Channel.event("waiting").put("jid", s.jid().asBare().toString()));
                portal.dispatcher().enqueue(this);
            })
            .then();
    }

    /** @param desk the agent the dispatcher chose: the visitor follows the chat and the agent's presence */
    void assignedTo(AgentDesk desk) {
        BareJid agent = desk.jid();
        Chat next = ChatManager.of(session).chat(agent);
        Sinks.Many<Boolean> nextKeys = Sinks.many().unicast().onBackpressureBuffer();
        transferred = chat != null;
        chat = next;
        keys = nextKeys;
        since = Instant.now();
        channel.send(Channel.event("assigned").put("agent", Xmpp.user(agent)));
        // what the portal knows now; the agent's directed presence updates it from here on
        channel.send(Channel.event("agentPresence").put("agent", Xmpp.user(agent)).put("show", portal.dispatcher().show(agent)));
        Disposable.Composite watch = Disposables.composite();
        watch.add(next.messages().subscribe(m -> {
            var event = Channel.event("message").put("from", Xmpp.user(agent)).put("text", m.body() == null ? "" : m.body());
            XhtmlIm.html(m.message()).ifPresent(html -> event.put("html", html));
            channel.send(event);
        }, e -> { }));
        watch.add(next.states().subscribe(s -> channel.send(Channel.event("typing").put("state", s.name().toLowerCase())), e -> { }));
        watch.add(next.typing(nextKeys.asFlux()).subscribe(null, e -> { }));
        watch.add(PresenceService.of(session).changes(agent).subscribe(change -> {
            if (change.isUnavailable()) {
                agentLeft(agent);
            } else {
                channel.send(Channel.event("agentPresence").put("agent", Xmpp.user(agent))
                    .put("show", change.presence().show().map(s -> s.value()).orElse("available")));
            }
        }, e -> { }));
        agentWatch.update(watch);
    }

    /** Sends the question to the agent just assigned (once the agent's desk follows the chat). */
    void ask() {
        chat.send((transferred ? "(transferred) " : "") + question).subscribe(null, e -> { });
    }

    private void agentLeft(BareJid agent) {
        agentWatch.update(Disposables.single());
        keys.tryEmitComplete();
        channel.send(Channel.event("agentLeft").put("agent", Xmpp.user(agent)));
        portal.dispatcher().enqueue(this);
    }

    private void entered(Room joined) {
        room = joined;
        channel.send(Channel.event("room").put("room", joined.jid().toString()));
        subscriptions.add(RoomRelay.relay(joined, channel));
    }

    private Mono<Void> end(Chat current) {
        agentWatch.update(Disposables.single());
        return current.state(ChatState.GONE)
            .then(Transcripts.of(session, current.peer(), since))
            .doOnNext(channel::send)
            .then(Mono.defer(() -> room == null ? Mono.empty() : room.leave()))
            .then(session.close())
            .doFinally(s -> channel.send(Channel.event("closed")));
    }

    /** The page went: leave the queue and close the guest's session. */
    void close() {
        subscriptions.dispose();
        agentWatch.dispose();
        XmppSession s = session;
        if (s != null) {
            portal.dispatcher().withdraw(this);
            Chat current = chat;
            Mono<Void> bye = current == null ? Mono.empty() : current.state(ChatState.GONE).onErrorResume(e -> Mono.empty());
            bye.then(s.close()).subscribe(null, e -> { });
        }
    }
}
