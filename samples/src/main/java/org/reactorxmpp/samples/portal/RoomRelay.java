package org.reactorxmpp.samples.portal;

import java.util.function.Consumer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.reactorxmpp.im.muc.Muc;
import org.reactorxmpp.im.muc.Room;
import org.reactorxmpp.im.muc.RoomMessage;
import org.reactorxmpp.im.xhtml.XhtmlIm;
import org.reactorxmpp.xmpp.session.XmppSession;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Relays a room the portal joined for someone to that person's page: occupants and messages. */
final class RoomRelay {

    private RoomRelay() {
    }

    /**
     * @param room a joined room
     * @param channel the page
     * @return what to dispose when the page goes
     */
    static Disposable relay(Room room, Channel channel) {
        channel.send(occupants(room));
        Disposable occupants = room.occupantEvents().subscribe(e -> channel.send(occupants(room)), e -> { });
        Disposable messages = room.messages()
            .filter(m -> !m.history() && m.body().isPresent())
            .subscribe(m -> channel.send(message(room, m)), e -> { });
        Disposable exit = room.exit().subscribe(x -> channel.send(Channel.event("roomClosed").put("room", room.jid().toString())),
            e -> { });
        return Disposables.composite(occupants, messages, exit);
    }

    /**
     * Accepts the room invitations that come from the session's own server (a user or a room of its MUC
     * service), declines nothing and ignores the others.
     *
     * @param session whose invitations
     * @param nick the nick to join with
     * @param entered gets each room joined
     * @return what to dispose when the page goes
     */
    static Disposable acceptInvitations(XmppSession session, String nick, Consumer<Room> entered) {
        return Muc.of(session).invitations()
            .filter(i -> Xmpp.ours(i.from(), session.jid()))
            .flatMap(i -> i.accept(nick).onErrorResume(e -> Mono.empty()))
            .subscribe(entered, e -> { });
    }

    /**
     * @param room a joined room
     * @param text what to say
     * @return the send, a no-op for blank text
     */
    static Flux<Void> say(Room room, String text) {
        return text.isBlank() ? Flux.empty() : room.send(text).flux();
    }

    private static ObjectNode occupants(Room room) {
        ObjectNode event = Channel.event("occupants").put("room", room.jid().toString());
        ArrayNode nicks = event.putArray("nicks");
        room.occupants().keySet().stream().sorted().forEach(nicks::add);
        return event;
    }

    private static ObjectNode message(Room room, RoomMessage m) {
        ObjectNode event = Channel.event("roomMessage").put("room", room.jid().toString())
            .put("nick", m.nick() == null ? "" : m.nick()).put("text", m.body().orElse(""));
        XhtmlIm.html(m.message()).ifPresent(html -> event.put("html", html));
        return event;
    }
}
