package org.reactorxmpp.bosh.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.reactorxmpp.bosh.BoshTransport;
import org.reactorxmpp.xmpp.session.ConnectionState;
import org.reactorxmpp.xmpp.session.Reconnect;
import org.reactorxmpp.xmpp.session.XmppClient;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.testing.FaultProxy;
import org.reactorxmpp.xmpp.testing.ProsodyExtension;
import org.reactorxmpp.xmpp.testing.ProsodyServer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * 1,000 messages are sent while the sender's connection is cut mid-way by a fault proxy between it
 * and Prosody's HTTP port: the BOSH session is lost, the same {@link XmppSession} reconnects, and
 * the receiver (connected directly) gets every message exactly once, in order, including those that
 * were queued in the transport, not yet written, when the connection was cut.
 *
 * <p>The cut: the proxy stops passing responses (so the client, its request slots full, writes
 * nothing more), passes on what the client had written, then closes every connection and refuses
 * new ones (a closed listening port: nothing can be written into the void) until it is restored.
 */
class ReconnectNothingLostIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final int COUNT = 1_000;

    @RegisterExtension
    static final ProsodyExtension server = ProsodyExtension.builder().users("user", 2, "secret").build();

    @Test
    void messagesSentAcrossACutArriveExactlyOnceInOrder() throws Exception {
        ProsodyServer prosody = server.server();
        try (FaultProxy proxy = FaultProxy.to(prosody.address(), prosody.httpPort())) {
            XmppSession bob = XmppClient.builder().jid("user2@" + prosody.host()).password("secret")
                .transport(BoshTransport.builder().url(prosody.boshUrl()).build())
                .build().connect().block(TIMEOUT);
            URI viaProxy = URI.create("http://127.0.0.1:" + proxy.port() + prosody.boshUrl().getPath());
            XmppSession alice = XmppClient.builder().jid("user1@" + prosody.host()).password("secret")
                .transport(BoshTransport.builder().url(viaProxy).maxRetries(2)
                    .retryBackoff(Duration.ofMillis(100), Duration.ofMillis(400)).build())
                .reconnect(Reconnect.backoff(Duration.ofMillis(250), Duration.ofSeconds(1)))
                .offlineQueueSize(COUNT)
                .build().connect().block(TIMEOUT);
            List<ConnectionState> states = new CopyOnWriteArrayList<>();
            alice.stateChanges().subscribe(states::add);

            Mono<List<String>> received = bob.messages().map(Message::body)
                .filter(body -> body != null && body.startsWith("m")).take(COUNT).collectList().cache();
            received.subscribe();

            AtomicInteger written = new AtomicInteger();
            AtomicBoolean cut = new AtomicBoolean();
            AtomicBoolean reconnected = new AtomicBoolean();
            AtomicInteger queuedAtTheCut = new AtomicInteger();
            List<Throwable> errors = new CopyOnWriteArrayList<>();
            alice.stateChanges().filter(s -> s.kind() == ConnectionState.Kind.CONNECTED)
                .subscribe(s -> reconnected.set(true));
            Mono<Void> sending = Flux.range(0, COUNT)
                .flatMapSequential(i -> {
                    boolean beforeCut = !cut.get();
                    return alice.send(Message.builder().to(bob.jid().asBare()).type(Message.Type.CHAT)
                            .body("m" + i).build())
                        .doOnSuccess(v -> {
                            written.incrementAndGet();
                            if (beforeCut && reconnected.get()) {
                                queuedAtTheCut.incrementAndGet();
                            }
                        })
                        .doOnError(errors::add);
                }, 64)
                .then()
                .cache();
            sending.subscribe(null, errors::add);

            awaitCondition(() -> written.get() >= COUNT / 3, "a third of the messages written");
            cut.set(true);
            proxy.outage(Duration.ofMillis(300));
            int writtenAtTheCut = written.get();
            awaitCondition(() -> states.stream().anyMatch(s -> s.kind() == ConnectionState.Kind.RECONNECTING),
                "the session noticed the cut");
            Thread.sleep(1_000); // the outage: reconnect attempts are refused meanwhile
            proxy.restore();

            sending.block(TIMEOUT);
            List<String> bodies = received.block(TIMEOUT);
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < COUNT; i++) {
                expected.add("m" + i);
            }
            System.out.printf("written at the cut: %d; queued before the cut and written after the reconnect: %d;"
                + " states: %s%n", writtenAtTheCut, queuedAtTheCut.get(), states);
            assertThat(errors).isEmpty();
            assertThat(bodies).containsExactlyElementsOf(expected);
            assertThat(writtenAtTheCut).isLessThan(COUNT);
            assertThat(queuedAtTheCut.get()).as("calls made before the cut, written only after the reconnect")
                .isPositive();
            assertThat(alice.connectionDetails().number()).isGreaterThanOrEqualTo(2);
            assertThat(states).anySatisfy(s -> {
                assertThat(s.kind()).isEqualTo(ConnectionState.Kind.RECONNECTING);
                assertThat(s.cause()).isPresent();
            });

            // nothing more comes after the thousand: the next message bob gets is a later marker
            Mono<String> next = bob.messages().map(Message::body).next().cache();
            next.subscribe();
            alice.send(Message.builder().to(bob.jid().asBare()).type(Message.Type.CHAT).body("end").build())
                .block(TIMEOUT);
            assertThat(next.block(TIMEOUT)).isEqualTo("end");

            alice.close().block(TIMEOUT);
            bob.close().block(TIMEOUT);
        }
    }

    private static void awaitCondition(java.util.function.BooleanSupplier condition, String what)
        throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(5);
        }
    }
}
