package org.reactorxmpp.bosh;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactorxmpp.xmpp.transport.StreamOpen;
import org.reactorxmpp.xmpp.transport.TransportConnection;

import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * A request slot's connection unused for {@code idleConnectionTimeout} is closed by the session's own timer (on its
 * virtual clock here), so an idle session keeps one connection, its held request's; a slot used again in time keeps
 * its connection, and a closed one connects again when it is needed. Every connection closes when the session
 * ends, whichever way. The fake counts the connections open on its side.
 */
class BoshIdleConnectionTest {

    static final Duration TIMEOUT = Duration.ofSeconds(20);
    static final Duration IDLE = Duration.ofSeconds(5);
    static final String STREAMS = "http://etherx.jabber.org/streams";

    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
    private FakeConnectionManager cm;

    @AfterEach
    void stop() {
        if (cm != null) {
            cm.close();
        }
        time.dispose();
    }

    private BoshTransport transport() {
        return BoshTransport.builder().url(cm.url()).timer(time).idleConnectionTimeout(IDLE)
            .requestOrderGuard(Duration.ZERO).build();
    }

    /**
     * Connects to a Prosody-like fake that echoes (the features come with the creation response) and waits until
     * it holds the session's first empty request.
     */
    private TransportConnection connect(ProsodyLikeHandler server) {
        server.echo = true;
        cm = FakeConnectionManager.start(server);
        TransportConnection c = transport().connect(StreamOpen.to("localhost")).block(TIMEOUT);
        assertThat(c.inbound().next().block(TIMEOUT).is(STREAMS, "features")).isTrue();
        cm.awaitRequest(r -> !r.isCreation()).block(TIMEOUT);
        return c;
    }

    /** Sends a message and waits for its echo: it rides the free slot while the other one holds a request. */
    private static void echo(TransportConnection c, String id) {
        StepVerifier.create(c.inbound().filter(e -> id.equals(e.attribute("id"))).next())
            .then(() -> c.send(BoshTransportTest.message(id)).subscribe())
            .assertNext(e -> assertThat(e).isEqualTo(BoshTransportTest.message(id)))
            .expectComplete()
            .verify(TIMEOUT);
    }

    @Test
    void theSpareConnectionClosesAfterTheIdleTimeoutAndConnectsAgainWhenNeeded() {
        ProsodyLikeHandler server = new ProsodyLikeHandler();
        TransportConnection c = connect(server);
        echo(c, "m1");
        cm.awaitOpenConnections(2); // one slot holds a request, the other carried the message
        assertThat(cm.connections()).isEqualTo(2);

        // used again before its timeout: the spare slot's connection is still the one it had
        time.advanceTimeBy(IDLE.minusSeconds(1));
        echo(c, "m2");
        assertThat(cm.connections()).as("no new connection: nothing was closed early").isEqualTo(2);

        // the timeout counts from the slot's last use (4 s ago), not from the first timer: still both open at 8 s
        time.advanceTimeBy(IDLE.minusSeconds(1));
        echo(c, "m3");
        assertThat(cm.connections()).as("no new connection: the last use restarted the timeout").isEqualTo(2);

        // idle for the whole timeout since its last use (at 8 s): only the held request's connection is left
        Duration quiet = IDLE.minusSeconds(1);
        time.advanceTimeBy(quiet);
        assertThat(quiet.plus(advanceUntilOpen(1, IDLE.multipliedBy(2)))).isGreaterThanOrEqualTo(IDLE);
        assertThat(server.heldCount()).isEqualTo(1);

        // the held request's connection stays open however long it is held: its answer comes on it, and the next
        // empty request takes the same slot (no new connection)
        time.advanceTimeBy(IDLE.multipliedBy(4));
        int seen = cm.received().size();
        StepVerifier.create(c.inbound().filter(e -> "p1".equals(e.attribute("id"))).next())
            .then(() -> server.push(BoshTransportTest.message("p1").toString()))
            .expectNextCount(1)
            .expectComplete()
            .verify(TIMEOUT);
        cm.awaitRequest(r -> r.index() >= seen).block(TIMEOUT); // the empty request that replaces the answered one
        assertThat(cm.connections()).isEqualTo(2);

        // busy again: the closed slot connects again, and the session goes on
        echo(c, "m4");
        assertThat(cm.connections()).isEqualTo(3);
        cm.awaitOpenConnections(2);
        assertThat(server.delivered()).containsExactly(BoshTransportTest.message("m1"), BoshTransportTest.message("m2"),
            BoshTransportTest.message("m3"), BoshTransportTest.message("m4"));

        StepVerifier.create(c.close(null)).expectComplete().verify(TIMEOUT);
        cm.awaitOpenConnections(0);
    }

    /**
     * Advances the virtual clock in 100 ms steps until {@code expected} connections are open (after each step the
     * sockets get up to 100 ms of real time to close), at most {@code limit}.
     *
     * @return how much virtual time that took
     */
    private Duration advanceUntilOpen(int expected, Duration limit) {
        Duration step = Duration.ofMillis(100);
        for (Duration advanced = step; advanced.compareTo(limit) <= 0; advanced = advanced.plus(step)) {
            time.advanceTimeBy(step);
            Integer n = reactor.core.publisher.Flux.interval(Duration.ZERO, Duration.ofMillis(10))
                .map(tick -> cm.openConnections())
                .filter(open -> open == expected)
                .next()
                .timeout(Duration.ofMillis(100), Mono.empty())
                .block(TIMEOUT);
            if (n != null) {
                return advanced;
            }
        }
        throw new AssertionError("still " + cm.openConnections() + " open connections, not " + expected + ", after "
            + limit + " of virtual time");
    }

    @Test
    void aSessionTheConnectionManagerEndsClosesItsConnections() {
        ProsodyLikeHandler server = new ProsodyLikeHandler();
        TransportConnection c = connect(server);
        echo(c, "m1");
        cm.awaitOpenConnections(2);
        server.terminateHeld("condition='remote-connection-failed'");
        StepVerifier.create(c.onClose())
            .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(BoshException.class)
                .hasMessageContaining("remote-connection-failed"))
            .verify(TIMEOUT);
        cm.awaitOpenConnections(0);
    }

    @Test
    void aCancelledSessionCreationClosesItsConnection() {
        cm = FakeConnectionManager.start(r -> Mono.never()); // never answers the creation request
        Disposable creating = transport().connect(StreamOpen.to("localhost")).subscribe(c -> { }, e -> { });
        cm.awaitRequest(FakeConnectionManager.Received::isCreation).block(TIMEOUT);
        cm.awaitOpenConnections(1);
        creating.dispose();
        cm.awaitOpenConnections(0);
    }
}
