package org.reactorxmpp.samples;

import java.time.Duration;
import java.util.List;

import org.reactorxmpp.bosh.BoshTransport;
import org.reactorxmpp.xmpp.session.XmppClient;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.testing.ProsodyServer;
import reactor.core.publisher.Mono;

/**
 * The README's demo: starts a throw-away Prosody on free loopback ports, logs two accounts in over
 * BOSH, lets one be an {@link EchoBot} and the other an {@link EchoClient} that sends five messages
 * and prints each echo with its round-trip time, then closes both sessions and stops the server.
 *
 * <p>Run it with {@code ./mvnw -B -q -Pdemo -DskipTests package}. Exits with status 0 on success,
 * 1 on any failure (including the overall {@value #OVERALL_SECONDS} s timeout).
 */
public final class Demo {

    private static final int OVERALL_SECONDS = 60;
    private static final int MESSAGES = 5;

    private Demo() {
    }

    public static void main(String[] args) {
        try {
            run();
        } catch (RuntimeException e) {
            System.out.println("FAILED: " + e);
            System.exit(1);
        }
        // on success main just returns: Reactor Netty's event loops and Reactor's schedulers are
        // daemon threads, so nothing keeps the JVM alive and it exits with status 0 by itself
    }

    private static void run() {
        try (ProsodyServer prosody = ProsodyServer.builder().users("user", 2, "secret").build()) {
            prosody.start();
            System.out.println("Prosody started, BOSH at " + prosody.boshUrl());

            // the whole conversation as one reactive pipeline; block() only here, at the program's edge
            Mono<Long> conversation = Mono.usingWhen(login(prosody, "user1", "echo bot"),
                bot -> Mono.usingWhen(login(prosody, "user2", "client  "),
                    user -> talk(bot, user),
                    Demo::close),
                Demo::close);

            Long echoes = conversation.timeout(Duration.ofSeconds(OVERALL_SECONDS)).block();
            if (echoes == null || echoes != MESSAGES) {
                throw new IllegalStateException("expected " + MESSAGES + " echoes, got " + echoes);
            }
            System.out.println("both sessions closed");
        }
        System.out.println("Prosody stopped. Done.");
    }

    private static Mono<Long> talk(XmppSession bot, XmppSession user) {
        // the bot answers on its own until its session closes
        new EchoBot(bot).run().subscribe(null, e -> System.out.println("bot stopped: " + e));
        return new EchoClient(user).talkTo(bot.jid(), MESSAGES, Duration.ofSeconds(10))
            .doOnNext(echo -> System.out.printf("  sent %-9s  got %-15s  %3d ms%n",
                '"' + echo.sent() + '"', '"' + echo.text() + '"', echo.roundTrip().toMillis()))
            .count();
    }

    private static Mono<XmppSession> login(ProsodyServer prosody, String user, String role) {
        XmppClient client = XmppClient.builder()
            .jid(user + "@" + prosody.host())
            .password("secret")
            .transport(BoshTransport.builder().url(prosody.boshUrl()).build())
            .enabledMechanisms(List.of("SCRAM-SHA-1"))
            .build();
        return client.connect()
            .doOnNext(session -> System.out.println(role + " logged in over BOSH as " + session.jid()));
    }

    private static Mono<Void> close(XmppSession session) {
        return session.close().timeout(Duration.ofSeconds(10));
    }
}
