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

    private TransportConnection congested(ProsodyLikeHandler server) {
        server.inactivity = 4;
        server.enforceInactivity = true;
        cm = FakeConnectionManager.start(server);
        TransportConnection c = BoshTransport.builder().url(cm.url()).inboundCapacity(16).build()
            .connect(StreamOpen.to("localhost")).block(TIMEOUT);
        cm.awaitRequest(r -> !r.isCreation()).block(TIMEOUT);
        // nobody reads: features + 9 messages fill more than half of the buffer, the client stops polling
        server.push(messages(0, 9));
        return c;
    }

    @Test
    void aLaggingConsumerDoesNotLetTheSessionExpire() {
        ProsodyLikeHandler server = new ProsodyLikeHandler();
        TransportConnection c = congested(server);
        int afterPush = cm.requests().filter(r -> r.payload().size() == 0 && !r.isCreation()).take(2)
            .map(FakeConnectionManager.Received::index).last().block(TIMEOUT);
        // the keep-alive request: the one after the request that carried the burst away
        assertThat(afterPush).isPositive();
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
        cm.requests().filter(r -> r.payload().size() == 0 && !r.isCreation()).take(2).last().block(TIMEOUT);
        server.push(messages(9, 10)); // answered on the keep-alive request: 20 > 16
        StepVerifier.create(c.onClose())
            .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(TransportOverflowException.class))
            .verify(TIMEOUT);
        assertThat(server.inactivityExpired()).isFalse();
    }
}
