package org.reactorxmpp.samples;

import java.util.Objects;

import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Message;
import reactor.core.publisher.Mono;

/**
 * Answers every {@code chat} or {@code normal} message that has a body with a message of the same
 * type back to its sender, whose body is {@code "echo: "} followed by the original body (and whose
 * thread, if any, is the original's). Messages without a body, {@code error}, {@code groupchat}
 * and {@code headline} messages, and messages from the bot's own account are ignored, so two bots
 * can never echo each other forever.
 *
 * <pre>{@code
 * Disposable bot = new EchoBot(session).run()
 *     .subscribe(count -> System.out.println("answered " + count + " messages"));
 * }</pre>
 */
public final class EchoBot {

    /** The prefix of every answer. */
    public static final String PREFIX = "echo: ";

    private final XmppSession session;

    /** @param session a connected session; the bot answers the messages that arrive on it */
    public EchoBot(XmppSession session) {
        this.session = Objects.requireNonNull(session, "session");
    }

    /**
     * Echoes until the session ends. Lazy: subscribe once. The bot only sees messages that arrive
     * while it is subscribed, so subscribe before others write to it.
     *
     * @return the number of messages answered, once the session has closed cleanly
     */
    public Mono<Long> run() {
        return session.messages()
            .filter(this::deservesAnAnswer)
            // one answer after the other, in arrival order; send() does not block the event loop
            .concatMap(message -> session.send(answer(message)).thenReturn(message))
            .count();
    }

    /**
     * @param message an inbound message
     * @return whether the bot answers it
     */
    boolean deservesAnAnswer(Message message) {
        Jid from = message.from();
        return message.body() != null
            && (message.type() == Message.Type.CHAT || message.type() == Message.Type.NORMAL)
            && from != null
            && !from.asBare().equals(session.jid().asBare());
    }

    /**
     * @param message a message that {@link #deservesAnAnswer deserves an answer}
     * @return the answer: same type, back to the sender, same thread, body prefixed with {@value #PREFIX}
     */
    static Message answer(Message message) {
        return Message.builder()
            .to(message.from())
            .type(message.type())
            .thread(message.thread().orElse(null))
            .body(PREFIX + message.body())
            .build();
    }
}
