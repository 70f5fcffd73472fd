package org.reactorxmpp.bosh;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactorxmpp.bosh.FakeConnectionManager.Received;
import org.reactorxmpp.bosh.FakeConnectionManager.Reply;
import org.reactorxmpp.bosh.internal.BoshWireAccess;
import org.reactorxmpp.xmpp.transport.StreamOpen;
import org.reactorxmpp.xmpp.transport.TransportConnection;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlName;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

class BoshTransportTest {

    static final Duration TIMEOUT = Duration.ofSeconds(20);
    static final String CLIENT = "jabber:client";

    private FakeConnectionManager cm;

    @AfterEach
    void stop() {
        if (cm != null) {
            cm.close();
        }
    }

    static XmlElement message(String id) {
        return XmlElement.builder(CLIENT, "message").attribute("id", id).attribute("to", "romeo@localhost")
            .textChild(CLIENT, "body", "hello " + id).build();
    }

    private BoshTransport.Builder transport() {
        return BoshTransport.builder().url(cm.url()).retryBackoff(Duration.ofMillis(10), Duration.ofMillis(50));
    }

    private TransportConnection connect(BoshTransport transport) {
        return transport.connect(StreamOpen.to("localhost").withLang("en")).block(TIMEOUT);
    }

    private static List<Received> nonCreation(FakeConnectionManager cm) {
        return cm.received().stream().filter(r -> !r.isCreation()).collect(Collectors.toList());
    }

    @Test
    void sessionCreationSendsTheXep0206AttributesAndObeysTheAnswer() {
        ProsodyLikeHandler server = new ProsodyLikeHandler();
        cm = FakeConnectionManager.start(server);
        BoshTransport transport = transport().wait(Duration.ofSeconds(30)).hold(1).route("xmpp:localhost:5222")
            .content("text/xml; charset=utf-8").build();
        TransportConnection c = transport.connect(StreamOpen.to("localhost").withFrom("juliet@localhost").withLang("en"))
            .block(TIMEOUT);

        XmlElement create = cm.received().get(0).body();
        assertThat(create.name()).isEqualTo(XmlName.of(BoshWireAccess.HTTPBIND_NS, "body"));
        assertThat(create.attribute("to")).isEqualTo("localhost");
        assertThat(create.attribute("from")).isEqualTo("juliet@localhost");
        assertThat(create.attribute("route")).isEqualTo("xmpp:localhost:5222");
        assertThat(create.attribute("content")).isEqualTo("text/xml; charset=utf-8");
        assertThat(create.attribute("hold")).isEqualTo("1");
        assertThat(create.attribute("wait")).isEqualTo("30");
        assertThat(create.attribute("ver")).isEqualTo("1.11");
        assertThat(create.attribute(XmlName.XML_LANG)).isEqualTo("en");
        assertThat(create.attribute(BoshWireAccess.XMPP_VERSION)).isEqualTo("1.0");
        assertThat(create.attribute("sid")).isNull();
        long rid = Long.parseLong(create.attribute("rid"));
        assertThat(rid).isPositive().isLessThan(1L << 52);

        assertThat(c.sessionId()).contains("s1");
        // the answer says secure='true' (the CM-to-server hop), but our hop is http://: not secure
        assertThat(c.isSecure()).isFalse();
        StepVerifier.create(c.inbound().take(1))
            .assertNext(e -> assertThat(e.is("http://etherx.jabber.org/streams", "features")).isTrue())
            .verifyComplete();

        StepVerifier.create(c.send(message("m1"))).expectComplete().verify(TIMEOUT);
        // requests='2'
        assertThat(cm.maxInFlight()).isLessThanOrEqualTo(2);
        StepVerifier.create(c.close(null)).expectComplete().verify(TIMEOUT);
        List<Received> rest = nonCreation(cm);
        assertThat(rest).isNotEmpty().allSatisfy(r -> assertThat(r.body().attribute("sid")).isEqualTo("s1"));
        assertThat(rest.stream().map(Received::rid).sorted().collect(Collectors.toList()))
            .isEqualTo(IntStream.rangeClosed(1, rest.size()).mapToObj(i -> rid + i).collect(Collectors.toList()));
        assertThat(server.delivered()).containsExactly(message("m1"));
        assertThat(cm.maxInFlight()).isLessThanOrEqualTo(3);
        StepVerifier.create(c.onClose()).expectComplete().verify(TIMEOUT);
    }

    @Test
    void featuresMayArriveInALaterResponse() {
        ProsodyLikeHandler server = new ProsodyLikeHandler();
        server.featuresInCreation = false;
        cm = FakeConnectionManager.start(server);
        TransportConnection c = connect(transport().build());
        StepVerifier.create(c.inbound().take(1))
            .assertNext(e -> assertThat(e.is("http://etherx.jabber.org/streams", "features")).isTrue())
            .expectComplete()
            .verify(TIMEOUT);
    }

    @Test
    void lostResponseIsResentWithTheSameRidAndTheSameBytes() {
        ProsodyLikeHandler server = new ProsodyLikeHandler();
        AtomicInteger drops = new AtomicInteger();
        cm = FakeConnectionManager.start(r -> {
            Mono<Reply> normal = server.handle(r);
            if (r.carries("m1") && drops.getAndIncrement() == 0) {
                return Mono.just(Reply.drop()); // processed, but the response is lost
            }
            return normal;
        });
        TransportConnection c = connect(transport().build());
        // the held request first: m1 must not overtake it, or the fake (which processes rids in order) would
        // still be waiting for it when the assertions below read what it delivered
        cm.awaitRequest(r -> !r.isCreation()).block(TIMEOUT);
        StepVerifier.create(c.send(message("m1"))).expectComplete().verify(TIMEOUT);

        List<Received> carrying = cm.requests().filter(r -> r.carries("m1")).take(2).collectList().block(TIMEOUT);
        assertThat(carrying).hasSize(2);
        assertThat(carrying.get(1).rid()).isEqualTo(carrying.get(0).rid());
        assertThat(carrying.get(1).raw()).isEqualTo(carrying.get(0).raw());
        assertThat(server.delivered()).containsExactly(message("m1"));
        assertThat(server.resends()).isEqualTo(1);
    }

    @Test
    void http5xxIsRetriedWithTheSameRid() {
        ProsodyLikeHandler server = new ProsodyLikeHandler();
        AtomicInteger failures = new AtomicInteger();
        cm = FakeConnectionManager.start(r -> r.carries("m1") && failures.getAndIncrement() < 2
            ? Mono.just(Reply.status(503))
            : server.handle(r));
        TransportConnection c = connect(transport().build());
        cm.awaitRequest(r -> !r.isCreation()).block(TIMEOUT); // held first, as above
        StepVerifier.create(c.send(message("m1"))).expectComplete().verify(TIMEOUT);
        List<Received> carrying = cm.requests().filter(r -> r.carries("m1")).take(3).collectList().block(TIMEOUT);
        assertThat(carrying).hasSize(3).extracting(Received::rid).containsOnly(carrying.get(0).rid());
        assertThat(server.delivered()).containsExactly(message("m1"));
    }

    @Test
    void retriesAreBoundedThenTheSessionFailsAsConnectionLost() {
        ProsodyLikeHandler server = new ProsodyLikeHandler();
        cm = FakeConnectionManager.start(r -> r.isCreation() ? server.handle(r) : Mono.just(Reply.status(500)));
        TransportConnection c = connect(transport().maxRetries(2).build());
        StepVerifier.create(c.onClose())
            .expectErrorSatisfies(e -> {
                assertThat(e).isInstanceOf(BoshException.class);
                assertThat(((BoshException) e).condition()).isEqualTo(BoshCondition.CONNECTION_LOST);
                assertThat(((BoshException) e).isTransient()).isTrue();
            })
            .verify(TIMEOUT);
        // the first request and its two resends, all with one rid
        assertThat(nonCreation(cm)).hasSize(3).extracting(Received::rid).containsOnly(nonCreation(cm).get(0).rid());
        StepVerifier.create(c.send(message("late")))
            .expectError(org.reactorxmpp.xmpp.transport.TransportClosedException.class).verify(TIMEOUT);
    }

    @Test
    void http404IsTerminalItemNotFound() {
        ProsodyLikeHandler server = new ProsodyLikeHandler();
        cm = FakeConnectionManager.start(r -> r.isCreation() ? server.handle(r) : Mono.just(Reply.status(404)));
        TransportConnection c = connect(transport().build());
        StepVerifier.create(c.inbound().skip(1))
            .expectErrorSatisfies(e -> {
                assertThat(e).isInstanceOf(BoshException.class);
                BoshException b = (BoshException) e;
                assertThat(b.condition()).isEqualTo(BoshCondition.ITEM_NOT_FOUND);
                assertThat(b.httpStatus()).isEqualTo(404);
            })
            .verify(TIMEOUT);
        assertThat(nonCreation(cm)).hasSize(1);
    }

    @Test
    void responsesCompletingOutOfOrderAreDeliveredInRidOrder() {
        Sinks.One<Reply> first = Sinks.one();
        java.util.concurrent.atomic.AtomicLong creationRid = new java.util.concurrent.atomic.AtomicLong();
        String a = "<body xmlns='" + FakeConnectionManager.HTTPBIND + "'><message xmlns='jabber:client' id='A'/></body>";
        String b = "<body xmlns='" + FakeConnectionManager.HTTPBIND + "'><message xmlns='jabber:client' id='B'/></body>";
        cm = FakeConnectionManager.start(r -> {
            if (r.isCreation()) {
                creationRid.set(r.rid());
                return new ProsodyLikeHandler().handle(r);
            }
            long n = r.rid() - creationRid.get();
            if (n == 1) { // answered second, with A
                return first.asMono();
            }
            if (n == 2) { // answered first, with B; then (a little later) the first request, with A
                return Mono.just(Reply.xml(b)).doOnSuccess(reply -> Mono.delay(Duration.ofMillis(100))
                    .subscribe(t -> first.tryEmitValue(Reply.xml(a))));
            }
            return Mono.never();
        });
        TransportConnection c = connect(transport().build());
        cm.awaitRequest(r -> !r.isCreation()).block(TIMEOUT); // the empty request: rid + 1
        StepVerifier.create(c.inbound().skip(1).take(2).map(e -> e.attribute("id")))
            .then(() -> c.send(message("m1")).subscribe()) // rid + 2
            .expectNext("A", "B")
            .expectComplete()
            .verify(TIMEOUT);
    }

    @Test
    void tenThousandQueuedStanzasGoOutInFewBodiesAndArriveInOrder() {
        ProsodyLikeHandler server = new ProsodyLikeHandler();
        server.echo = true;
        cm = FakeConnectionManager.start(server);
        int n = 10_000;
        int maxBody = 16 * 1024;
        TransportConnection c = connect(transport().maxBodySize(maxBody).inboundCapacity(n).build());
        int oneSize = BoshWireAccess.payload(message("00000")).length;

        StepVerifier.create(c.inbound().skip(1).take(n).map(e -> e.attribute("id")).collectList())
            .then(() -> Flux.range(0, n).flatMap(i -> c.send(message(String.format("%05d", i))), n).subscribe())
            .assertNext(ids -> assertThat(ids).isEqualTo(
                IntStream.range(0, n).mapToObj(i -> String.format("%05d", i)).collect(Collectors.toList())))
            .expectComplete()
            .verify(Duration.ofSeconds(60));

        assertThat(server.delivered()).hasSize(n);
        long carrying = nonCreation(cm).stream().filter(r -> !r.payload().isEmpty()).count();
        long minimum = (long) n * oneSize / maxBody;
        assertThat(carrying).isBetween(minimum, 2 * minimum + 2);
        assertThat(nonCreation(cm)).allSatisfy(r -> assertThat(r.raw().length).isLessThan(maxBody + 512));
        assertThat(cm.maxInFlight()).isLessThanOrEqualTo(2);
    }

    @Test
    void cancellingAQueuedSendRemovesItAndKeepsTheRidSequence() {
        ProsodyLikeHandler server = new ProsodyLikeHandler();
        Sinks.One<Boolean> release = Sinks.one();
        cm = FakeConnectionManager.start(r -> {
            Mono<Reply> normal = server.handle(r);
            return r.isCreation() ? normal : release.asMono().then(normal);
        });
        TransportConnection c = connect(transport().build());
        cm.awaitRequest(r -> !r.isCreation()).block(TIMEOUT); // the empty request kept at the server
        c.send(message("m1")).subscribe();
        cm.awaitRequest(r -> r.carries("m1")).block(TIMEOUT); // both request slots are now taken
        c.send(message("m2")).subscribe().dispose();
        StepVerifier.create(c.send(message("m3")))
            .then(() -> release.tryEmitValue(true))
            .expectComplete()
            .verify(TIMEOUT);
        cm.awaitRequest(r -> r.carries("m3")).block(TIMEOUT);
        assertThat(cm.received()).noneMatch(r -> r.carries("m2"));
        assertThat(server.delivered()).containsExactly(message("m1"), message("m3"));
        List<Long> rids = cm.received().stream().map(Received::rid).collect(Collectors.toList());
        assertThat(rids.stream().sorted().collect(Collectors.toList()))
            .isEqualTo(IntStream.range(0, rids.size()).mapToObj(i -> rids.get(0) + i).collect(Collectors.toList()));
        assertThat(cm.maxInFlight()).isLessThanOrEqualTo(2);
    }

    @Test
    void cleanCloseCarriesTheFinalPayload() {
        ProsodyLikeHandler server = new ProsodyLikeHandler();
        cm = FakeConnectionManager.start(server);
        TransportConnection c = connect(transport().build());
        XmlElement unavailable = XmlElement.builder(CLIENT, "presence").attribute("type", "unavailable").build();
        StepVerifier.create(c.inbound())
            .expectNextCount(1)
            .then(() -> c.close(unavailable).subscribe())
            .expectComplete()
            .verify(TIMEOUT);
        List<Received> terminates = cm.received().stream()
            .filter(r -> "terminate".equals(r.body().attribute("type"))).collect(Collectors.toList());
        assertThat(terminates).hasSize(1);
        Received terminate = terminates.get(0);
        assertThat(terminate.rid()).isEqualTo(cm.received().stream().mapToLong(Received::rid).max().orElseThrow());
        assertThat(terminate.payload()).containsExactly(unavailable);
        StepVerifier.create(c.onClose()).expectComplete().verify(TIMEOUT);
        StepVerifier.create(c.send(message("late")))
            .expectError(org.reactorxmpp.xmpp.transport.TransportClosedException.class).verify(TIMEOUT);
    }

    @Test
    void restartSendsXmppRestartAndTheResponseCarriesNewFeatures() {
        ProsodyLikeHandler server = new ProsodyLikeHandler();
        cm = FakeConnectionManager.start(server);
        TransportConnection c = connect(transport().build());
        StepVerifier.create(c.inbound().take(2))
            .expectNextMatches(e -> e.localName().equals("features"))
            .then(() -> c.restart().subscribe())
            .expectNextMatches(e -> e.localName().equals("features"))
            .expectComplete()
            .verify(TIMEOUT);
        Received restart = cm.received().stream()
            .filter(r -> "true".equals(r.body().attribute(BoshWireAccess.XMPP_RESTART))).findFirst().orElseThrow();
        assertThat(restart.body().attribute("to")).isEqualTo("localhost");
        assertThat(restart.body().attribute(XmlName.XML_LANG)).isEqualTo("en");
        assertThat(restart.payload()).isEmpty();
    }

    @Test
    void streamErrorInsideABodyEndsInboundWithStreamErrorException() {
        ProsodyLikeHandler server = new ProsodyLikeHandler();
        cm = FakeConnectionManager.start(server);
        TransportConnection c = connect(transport().build());
        StepVerifier.create(c.inbound())
            .expectNextCount(1)
            .then(() -> server.push("<stream:error xmlns:stream='http://etherx.jabber.org/streams'>"
                + "<conflict xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>"))
            .expectErrorSatisfies(e -> {
                assertThat(e).isInstanceOf(org.reactorxmpp.xmpp.stanza.StreamErrorException.class);
                assertThat(((org.reactorxmpp.xmpp.stanza.StreamErrorException) e).condition().elementName())
                    .isEqualTo("conflict");
            })
            .verify(TIMEOUT);
    }

    @Test
    void pollingSessionSpacesEmptyRequestsAndStillSendsAtOnce() {
        ProsodyLikeHandler server = new ProsodyLikeHandler();
        server.hold = 0;
        server.requests = 1;
        server.polling = 1;
        cm = FakeConnectionManager.start(server);
        TransportConnection c = connect(transport().hold(0).build());
        // three empty polls in a row, none closer than 'polling' (the fake terminates with policy-violation otherwise)
        cm.requests().filter(r -> !r.isCreation() && r.payload().isEmpty()).take(3).blockLast(TIMEOUT);
        StepVerifier.create(c.send(message("m1"))).expectComplete().verify(TIMEOUT);
        cm.awaitRequest(r -> r.carries("m1")).block(TIMEOUT);
        assertThat(server.tooFrequentPolls).isZero();
        assertThat(server.delivered()).containsExactly(message("m1"));
        assertThat(cm.maxInFlight()).isEqualTo(1);
        StepVerifier.create(c.close(null)).expectComplete().verify(TIMEOUT);
    }
}
