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
import org.reactorxmpp.xmpp.xml.XmlElement;

import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * Rids reach the connection manager in order (XEP-0124 section 12), proven against a scripted connection manager
 * with ejabberd 23.01's rid handling ({@link EjabberdLikeHandler}): a rid that arrives ahead of its predecessor is
 * parked, and when the predecessor is an empty poll it gets held while the parked request waits, unprocessed,
 * for a push. The connection manager also takes a while to serve the first request of each new connection (a
 * busy acceptor), which is what let rid N, sent on a new pooled connection, arrive after rid N+1 sent a moment
 * later on a warm one.
 */
class BoshRequestOrderTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private FakeConnectionManager cm;

    @AfterEach
    void stop() {
        if (cm != null) {
            cm.close();
        }
    }

    @Test
    void aPingPongNeverSendsARidAheadOfTheOneBeforeIt() {
        EjabberdLikeHandler server = new EjabberdLikeHandler();
        cm = FakeConnectionManager.start(server).firstRequestDelay(Duration.ofMillis(30));
        int rounds = 200;
        TransportConnection c = BoshTransport.builder().url(cm.url()).build()
            .connect(StreamOpen.to("localhost")).block(TIMEOUT);
        Flux<String> echoes = c.inbound()
            .filter(e -> e.name().localName().equals("message"))
            .map(e -> e.attribute("id"))
            .replay().autoConnect(0);

        // each message is sent when the echo of the previous one arrives: the client then answers the response
        // with an empty request (to keep one held) and, a moment later from the subscriber, sends the message
        List<String> received = Flux.range(0, rounds)
            .concatMap(i -> c.send(XmlElement.builder("jabber:client", "message").attribute("id", "m" + i).build())
                .then(echoes.filter(id -> id.equals("m" + i)).next()))
            .collectList()
            .block(TIMEOUT);

        assertThat(received).isEqualTo(IntStream.range(0, rounds).mapToObj(i -> "m" + i).collect(Collectors.toList()));
        assertThat(server.parked()).as("requests that arrived ahead of the rid before them").isZero();
        assertThat(server.crashes()).as("rids processed twice").isZero();
        // one keep-alive connection per request slot, reused for the 400-odd requests
        assertThat(cm.connections()).as("connections opened").isLessThanOrEqualTo(2);
        StepVerifier.create(c.close(null)).expectComplete().verify(TIMEOUT);
    }

    @Test
    void closeSucceedsWhenTheHeldRequestIsAnsweredOtherRequest() {
        // ejabberd ends the session on our terminate and answers the request it holds with
        // type='terminate' condition='other-request', often before the terminate's own answer
        EjabberdLikeHandler server = new EjabberdLikeHandler();
        cm = FakeConnectionManager.start(server);
        for (int i = 0; i < 5; i++) {
            TransportConnection c = BoshTransport.builder().url(cm.url()).build()
                .connect(StreamOpen.to("localhost")).block(TIMEOUT);
            int before = cm.received().size();
            cm.awaitRequest(r -> r.index() >= before - 1 && r.payload().isEmpty() && r.body().attribute("type") == null
                && !r.isCreation()).block(TIMEOUT);
            StepVerifier.create(c.close(null)).expectComplete().verify(TIMEOUT);
            StepVerifier.create(c.onClose()).expectComplete().verify(TIMEOUT);
        }
        assertThat(cm.received()).filteredOn(r -> "terminate".equals(r.body().attribute("type"))).hasSize(5);
    }
}
