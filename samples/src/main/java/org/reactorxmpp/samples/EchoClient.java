package org.reactorxmpp.samples;

import java.time.Duration;
import java.util.Objects;

import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Message;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Talks to an {@link EchoBot}: sends numbered chat messages one after the other, each after the
 * echo of the previous one came back, and measures each round trip.
 *
 * <pre>{@code
 * new EchoClient(session).talkTo(botJid, 5, Duration.ofSeconds(10))
 *     .subscribe(echo -> System.out.println(echo.text() + " (" + echo.roundTrip().toMillis() + " ms)"));
 * }</pre>
 */
public final class EchoClient {

    private final XmppSession session;

    /** @param session a connected session to send from */
    public EchoClient(XmppSession session) {
        this.session = Objects.requireNonNull(session, "session");
    }

    /**
     * One echo received.
     *
     * @param sent the body sent
     * @param text the body of the echo
     * @param roundTrip the time from sending to receiving the echo
     */
    public record Echo(String sent, String text, Duration roundTrip) {
    }

    /**
     * Lazy. Errors with a {@link java.util.concurrent.TimeoutException} when an echo does not come
     * back within {@code timeout}.
     *
     * @param bot the bot's JID
     * @param count how many messages to send
     * @param timeout how long to wait for each echo
     * @return the echoes, as they arrive
     */
    public Flux<Echo> talkTo(Jid bot, int count, Duration timeout) {
        Objects.requireNonNull(bot, "bot");
        Objects.requireNonNull(timeout, "timeout");
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        return Flux.range(1, count)
            .concatMap(i -> roundTrip(bot, "hello #" + i).timeout(timeout));
    }

    private Mono<Echo> roundTrip(Jid bot, String body) {
        String expected = EchoBot.PREFIX + body;
        Message message = Message.builder().to(bot).type(Message.Type.CHAT).body(body).build();
        return Mono.defer(() -> {
            long start = System.nanoTime();
            // inbound is hot: subscribe to the answer first (merge subscribes in order), then send
            return Flux.merge(
                    session.messages()
                        .filter(m -> m.from() != null && m.from().asBare().equals(bot.asBare()))
                        .filter(m -> expected.equals(m.body()))
                        .take(1),
                    session.send(message).then(Mono.<Message>empty()))
                .next()
                .map(echo -> new Echo(body, echo.body(), Duration.ofNanos(System.nanoTime() - start)));
        });
    }
}
