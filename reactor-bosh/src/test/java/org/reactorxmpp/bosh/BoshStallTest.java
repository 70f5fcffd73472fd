package org.reactorxmpp.bosh;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactorxmpp.bosh.FakeConnectionManager.Received;
import org.reactorxmpp.xmpp.transport.StreamOpen;
import org.reactorxmpp.xmpp.transport.TransportConnection;
import org.reactorxmpp.xmpp.transport.TransportObserver;
import org.reactorxmpp.xmpp.xml.XmlName;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * A request without payload that reached ejabberd 23.01 ahead of the held empty request before it (two connections
 * read in the other order) is parked: ejabberd holds the predecessor and leaves the parked rid unprocessed until it
 * pushes data to the session. The stall watch used to resend it after 20 s, and the resend of a parked rid is a
 * second {@code gb_trees:insert} of the same key: {@code {key_exists, Rid}}, the session crashed. Now the stall is
 * reported, nothing is resent, and the next push processes the parked request: the session lives.
 */
class BoshStallTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final XmlName RESTART = XmlName.of("urn:xmpp:xbosh", "restart");

    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
    private FakeConnectionManager cm;

    @AfterEach
    void stop() {
        if (cm != null) {
            cm.close();
        }
    }

    @Test
    void aParkedRestartIsNotResentOnAStallAndThePushThatUnparksItKeepsTheSessionAlive() {
        EjabberdLikeHandler server = new EjabberdLikeHandler();
        server.echo = false;
        Sinks.Empty<Void> keepAliveProcessed = Sinks.empty();
        AtomicBoolean delayed = new AtomicBoolean();
        // the first keep-alive after creation reaches the connection manager's session 300 ms late: the restart
        // written after it arrives first and is parked
        cm = FakeConnectionManager.start(r -> {
            if (!r.isCreation() && r.payload().isEmpty() && r.body().attribute(RESTART) == null
                && delayed.compareAndSet(false, true)) {
                return Mono.delay(Duration.ofMillis(300))
                    .then(Mono.defer(() -> {
                        Mono<FakeConnectionManager.Reply> reply = server.handle(r);
                        keepAliveProcessed.tryEmitEmpty();
                        return reply;
                    }));
            }
            return server.handle(r);
        });
        CountingObserver observer = new CountingObserver();
        TransportConnection c = BoshTransport.builder().url(cm.url()).timer(time).requestOrderGuard(Duration.ZERO)
            .build().withObserver(observer)
            .connect(StreamOpen.to("localhost")).block(TIMEOUT);
        Received keepAlive = cm.awaitRequest(r -> !r.isCreation() && r.payload().isEmpty()).block(TIMEOUT);

        c.restart().subscribe(null, e -> { });
        Received restart = cm.awaitRequest(r -> r.rid() == keepAlive.rid() + 1).block(TIMEOUT);
        assertThat(restart.body().attribute(RESTART)).isEqualTo("true");
        keepAliveProcessed.asMono().block(TIMEOUT);
        assertThat(server.parked()).as("the restart arrived first and was parked").isEqualTo(1);

        // far past the stall timeout (20 s) on the session's clock, well within wait (60 s)
        for (int i = 0; i < 300 && observer.stalls == 0; i++) {
            time.advanceTimeBy(Duration.ofMillis(100));
            cm.awaitRequest(r -> r.rid() == restart.rid() && r.index() != restart.index())
                .timeout(Duration.ofMillis(10), Mono.empty()).block(TIMEOUT);
        }
        time.advanceTimeBy(Duration.ofSeconds(5));
        assertThat(observer.stalls).as("stalls reported").isEqualTo(1);
        assertThat(cm.received()).as("arrivals of the parked restart").filteredOn(r -> r.rid() == restart.rid())
            .hasSize(1);
        assertThat(server.crashes()).as("key_exists crashes").isZero();

        // a push answers the held keep-alive with data, and ejabberd processes the parked restart
        StepVerifier.create(c.inbound().filter(e -> "pushed".equals(e.attribute("id"))).next()
                .doOnSubscribe(s -> server.push("<message xmlns='jabber:client' id='pushed'/>")))
            .expectNextCount(1)
            .verifyComplete();
        StepVerifier.create(c.close(null)).expectComplete().verify(TIMEOUT);
        assertThat(server.crashes()).isZero();
        assertThat(observer.resends).as("resends").isZero();
    }

    private static final class CountingObserver implements TransportObserver {
        volatile int stalls;
        volatile int resends;

        @Override
        public void stalled() {
            stalls++;
        }

        @Override
        public void resent(ResendReason reason) {
            resends++;
        }
    }
}
