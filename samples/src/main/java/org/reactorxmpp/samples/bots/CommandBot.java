package org.reactorxmpp.samples.bots;

import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import org.reactorxmpp.im.presence.PresenceService;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.session.ConnectionState;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.stanza.Presence;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A bot answering commands on one session: {@code ping <token>} (answers {@code pong <token>}),
 * {@code time}, {@code echo <text>}; anything else gets the list of commands. It shows {@code chat} with
 * the status {@value #STATUS} and shows it again after every reconnect.
 *
 * <pre>{@code
 * new CommandBot(session, answered).run().subscribe();
 * }</pre>
 */
public final class CommandBot {

    /** The bot's presence status. */
    public static final String STATUS = "ready for commands";

    private final XmppSession session;
    private final AtomicLong answered;

    /**
     * @param session a connected session (with a reconnect policy, to survive server restarts)
     * @param answered counts the answers, shared by many bots
     */
    public CommandBot(XmppSession session, AtomicLong answered) {
        this.session = Objects.requireNonNull(session, "session");
        this.answered = Objects.requireNonNull(answered, "answered");
    }

    /** @return runs until the session ends: presence now and after each reconnect, an answer per command */
    public Flux<Void> run() {
        PresenceService presence = PresenceService.of(session);
        Flux<Void> keepPresence = session.states()
            .filter(s -> s.kind() == ConnectionState.Kind.CONNECTED)
            .concatMap(s -> presence.send(Presence.Show.CHAT, STATUS, 0).onErrorResume(e -> Mono.empty()));
        Flux<Void> answers = session.messages()
            .filter(m -> m.body() != null && m.type() != Message.Type.ERROR && m.type() != Message.Type.GROUPCHAT
                && m.from() != null)
            .flatMap(m -> session.send(answer(m)).doOnSuccess(v -> answered.incrementAndGet())
                .onErrorResume(e -> Mono.empty()));
        return Flux.merge(keepPresence, answers);
    }

    /**
     * @param command a message with a body and a sender
     * @return the answer to it
     */
    static Message answer(Message command) {
        String body = Objects.requireNonNull(command.body()).strip();
        String text;
        if (body.startsWith("ping")) {
            text = "pong" + body.substring(4);
        } else if (body.equals("time")) {
            text = Instant.now().toString();
        } else if (body.startsWith("echo ")) {
            text = body.substring(5);
        } else {
            text = "commands: ping [token], time, echo <text>";
        }
        Jid to = Objects.requireNonNull(command.from());
        return Message.builder().to(to).type(command.type()).thread(command.thread().orElse(null)).body(text).build();
    }
}
