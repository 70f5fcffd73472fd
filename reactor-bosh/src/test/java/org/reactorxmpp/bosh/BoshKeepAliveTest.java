package org.reactorxmpp.bosh;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactorxmpp.xmpp.transport.StreamOpen;
import org.reactorxmpp.xmpp.transport.TransportConnection;
import org.reactorxmpp.xmpp.transport.TransportOverflowException;

import reactor.test.StepVerifier;

/**
 * A congestion pause (no empty request while subscribers lag) must not outlive the connection manager's
 * inactivity window: before it runs out an empty request goes out anyway, and whatever it brings back goes
 * into the bounded buffer, which errors explicitly when full. The fake drops a session left without a held
 * request for longer than {@code inactivity} (4 s here), like XEP-0124 section 10 allows.
 */
class BoshKeepAliveTest {

    static final Duration TIMEOUT = Duration.ofSeconds(20);

    private FakeConnectionManager cm;

    @AfterEach
    void stop() {
        if (cm != null) {
            cm.close();
        }
    }

    private static String messages(int from, int count) {
        return IntStream.range(from, from + count)
            .mapToObj(i -> "<message xmlns='jabber:client' id='" + i + "'/>")
            .collect(Collectors.joining());
    }

    /** The clock of the client's timers and of the fake's inactivity window: the test moves it. */
    private final reactor.test.scheduler.VirtualTimeScheduler time = reactor.test.scheduler.VirtualTimeScheduler.create();

    private TransportConnection congested(ProsodyLikeHandler server) {
        server.inactivity = 4;
        server.enforceInactivity = true;
        server.clock = () -> time.now(java.util.concurrent.TimeUnit.NANOSECONDS);
        cm = FakeConnectionManager.start(server);
        TransportConnection c = BoshTransport.builder().url(cm.url()).inboundCapacity(16).timer(time).build()
            .connect(StreamOpen.to("localhost")).block(TIMEOUT);
        cm.advanceUntilRequest(time, r -> !r.isCreation());
        // nobody reads: features + 9 messages fill more than half of the buffer, the client stops polling
        server.push(messages(0, 9));
        return c;
    }

    @Test
    void aLaggingConsumerDoesNotLetTheSessionExpire() {
        ProsodyLikeHandler server = new ProsodyLikeHandler();
        TransportConnection c = congested(server);
        long burstAnswered = time.now(java.util.concurrent.TimeUnit.NANOSECONDS);
        int burstIndex = cm.received().size() - 1;
        // the keep-alive: the next request after the one that carried the burst away, made although nobody reads,
        // once three quarters of the 4 s inactivity window have passed on the clock and before it runs out
        FakeConnectionManager.Received keepAlive = cm.advanceUntilRequest(time, r -> r.index() > burstIndex);
        long after = time.now(java.util.concurrent.TimeUnit.NANOSECONDS) - burstAnswered;
        assertThat(keepAlive.payload()).isEmpty();
        assertThat(Duration.ofNanos(after)).isGreaterThanOrEqualTo(Duration.ofSeconds(3)).isLessThan(Duration.ofSeconds(4));
        assertThat(server.inactivityExpired()).isFalse();
        assertThat(server.heldCount()).isEqualTo(1);

        List<String> ids = c.inbound().skip(1).take(10).map(e -> e.attribute("id")).collectList()
            .doOnSubscribe(s -> server.push(messages(9, 1)))
            .block(TIMEOUT);
        assertThat(ids).isEqualTo(IntStream.range(0, 10).mapToObj(Integer::toString).collect(Collectors.toList()));
        StepVerifier.create(c.close(null)).expectComplete().verify(TIMEOUT);
        assertThat(server.inactivityExpired()).isFalse();
    }

    @Test
    void whenTheKeepAliveBringsMoreThanTheBufferHoldsTheSessionFailsWithAnInboundOverflow() {
        ProsodyLikeHandler server = new ProsodyLikeHandler();
        TransportConnection c = congested(server);
        int burstIndex = cm.received().size() - 1;
        cm.advanceUntilRequest(time, r -> r.index() > burstIndex);
        server.push(messages(9, 10)); // answered on the keep-alive request: 20 > 16
        StepVerifier.create(c.onClose())
            .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(TransportOverflowException.class))
            .verify(TIMEOUT);
        assertThat(server.inactivityExpired()).isFalse();
    }
}
