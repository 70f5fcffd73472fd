package org.reactorxmpp.samples;

import java.util.Objects;

import org.reactorxmpp.im.muc.History;
import org.reactorxmpp.im.muc.Invitation;
import org.reactorxmpp.im.muc.JoinOptions;
import org.reactorxmpp.im.muc.Muc;
import org.reactorxmpp.im.muc.Room;
import org.reactorxmpp.im.muc.RoomMessage;
import org.reactorxmpp.xmpp.session.XmppSession;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A multi-user chat bot: accepts invitations (mediated or direct) from its own domain, declines the others,
 * and in every room it is in answers {@code !echo text} with {@code text}. History is not answered (it
 * joins without history, and ignores the history phase anyway), nor are its own messages.
 *
 * <pre>{@code
 * new RoomBot(session, "echobot").run().subscribe();
 * Muc.of(session).join(BareJid.parse("lobby@conference.example.com"), "echobot").subscribe();   // or invite it
 * }</pre>
 */
public final class RoomBot {

    /** The command prefix. */
    public static final String COMMAND = "!echo ";

    private final XmppSession session;
    private final String nick;

    /**
     * @param session a connected session
     * @param nick the nick the bot asks for in rooms it is invited to
     */
    public RoomBot(XmppSession session, String nick) {
        this.session = Objects.requireNonNull(session, "session");
        this.nick = Objects.requireNonNull(nick, "nick");
    }

    /** @return runs until the session ends: answers invitations, and commands in the rooms joined */
    public Flux<Void> run() {
        Muc muc = Muc.of(session);
        return muc.invitations().flatMap(this::answer).flatMap(this::serve);
    }

    private Mono<Room> answer(Invitation invitation) {
        boolean ours = invitation.from().domainpart().equals(session.jid().domainpart());
        if (!ours) {
            return invitation.decline("I only join rooms of my own domain").then(Mono.empty());
        }
        return Muc.of(session).join(invitation.room(), nick,
                JoinOptions.builder().password(invitation.password().orElse(null)).history(History.none()).build())
            .onErrorResume(e -> Mono.empty()); // a room we cannot enter is not the bot's problem
    }

    /** @param room a room the bot is in @return answers its commands until the bot leaves it */
    public Flux<Void> serve(Room room) {
        return room.messages()
            .filter(m -> !m.history() && !room.nick().equals(m.nick()))
            .map(RoomMessage::body)
            .filter(b -> b.isPresent() && b.get().startsWith(COMMAND))
            .concatMap(b -> room.send(b.get().substring(COMMAND.length())));
    }
}
