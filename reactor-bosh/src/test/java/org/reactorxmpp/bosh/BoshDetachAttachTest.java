package org.reactorxmpp.bosh;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactorxmpp.bosh.FakeConnectionManager.Received;
import org.reactorxmpp.xmpp.transport.StreamOpen;
import org.reactorxmpp.xmpp.transport.TransportConnection;
import org.reactorxmpp.xmpp.xml.XmlElement;

import reactor.test.StepVerifier;

/** Detach / attach against the fake connection manager: the session goes on at the next rid, nothing lost. */
class BoshDetachAttachTest {

    static final Duration TIMEOUT = Duration.ofSeconds(20);
    static final String STREAMS = "http://etherx.jabber.org/streams";

    private FakeConnectionManager cm;

    @AfterEach
    void stop() {
        if (cm != null) {
            cm.close();
        }
    }

    private static String push(String id) {
        return "<message xmlns='jabber:client' from='romeo@localhost' id='" + id + "'><body>" + id + "</body></message>";
    }

    private static void expectPushed(TransportConnection c, ProsodyLikeHandler server, String id, boolean pushNow) {
        StepVerifier.create(c.inbound().filter(e -> id.equals(e.attribute("id"))).next())
            .then(() -> {
                if (pushNow) {
                    server.push(push(id));
                }
            })
            .assertNext(e -> assertThat(e.is("jabber:client", "message")).isTrue())
            .expectComplete()
            .verify(TIMEOUT);
    }

    @Test
    void anotherTransportTakesTheSessionOverAtTheNextRidAndNothingIsLost() {
        ProsodyLikeHandler server = new ProsodyLikeHandler();
        cm = FakeConnectionManager.start(server);
        BoshTransport first = BoshTransport.builder().url(cm.url()).build();
        TransportConnection c1 = first.connect(StreamOpen.to("localhost").withLang("en")).block(TIMEOUT);
        assertThat(c1.inbound().next().block(TIMEOUT).is(STREAMS, "features")).isTrue();
        StepVerifier.create(c1.send(BoshTransportTest.message("m1"))).expectComplete().verify(TIMEOUT);
        expectPushed(c1, server, "p1", true);

        BoshSessionState state = BoshTransport.detach(c1).block(TIMEOUT);
        StepVerifier.create(c1.onClose()).expectComplete().verify(TIMEOUT);
        StepVerifier.create(c1.inbound()).expectComplete().verify(TIMEOUT);
        assertThat(state.sid()).isEqualTo("s1");
        assertThat(state.to()).isEqualTo("localhost");
        assertThat(state.lang()).isEqualTo("en");
        assertThat(state.requests()).isEqualTo(2);
        long lastRidOfFirst = cm.received().stream().mapToLong(Received::rid).max().orElseThrow();
        // no gap before the first exported rid, and every rid the server saw is answered or exported (a request
        // fired just before the detach may still be on its way, hence not an equality)
        assertThat(state.nextRid()).isLessThanOrEqualTo(lastRidOfFirst + 1);
        assertThat(state.nextRid() + state.unanswered().size()).isGreaterThanOrEqualTo(lastRidOfFirst + 1);

        // pushed while nobody owns the session: answered on a request the first owner abandoned
        server.push(push("p2"));
        int before = cm.received().size();

        TransportConnection c2 = BoshTransport.builder().url(cm.url()).build().attach(state).block(TIMEOUT);
        assertThat(c2.sessionId()).contains("s1");
        expectPushed(c2, server, "p2", false);
        StepVerifier.create(c2.send(BoshTransportTest.message("m2"))).expectComplete().verify(TIMEOUT);
        expectPushed(c2, server, "p3", true);
        StepVerifier.create(c2.close(null)).expectComplete().verify(TIMEOUT);

        List<Received> second = cm.received().subList(before, cm.received().size());
        assertThat(second).isNotEmpty().allSatisfy(r -> assertThat(r.body().attribute("sid")).isEqualTo("s1"));
        // the first request of the new owner resends the first unanswered rid (or, with none, the next one)
        assertThat(second.get(0).rid()).isEqualTo(state.nextRid());
        List<Long> rids = second.stream().map(Received::rid).distinct().sorted().collect(Collectors.toList());
        for (int i = 0; i < rids.size(); i++) {
            assertThat(rids.get(i)).isEqualTo(state.nextRid() + i);
        }
        // the resent bodies are the exported bytes
        for (int i = 0; i < state.unanswered().size(); i++) {
            long rid = state.nextRid() + i;
            XmlElement resent = second.stream().filter(r -> r.rid() == rid).findFirst().orElseThrow().body();
            assertThat(resent).isEqualTo(cm.received().stream().filter(r -> r.rid() == rid).findFirst().orElseThrow().body());
        }
        assertThat(server.delivered()).containsExactly(BoshTransportTest.message("m1"), BoshTransportTest.message("m2"));
    }

    /**
     * Responses arrive in any order: when the answer to a later rid came back but an earlier rid is still
     * unanswered, the exported state must still cover every rid the session used, so that the new owner
     * never sends new traffic under a rid the connection manager already processed (it would replay the old
     * answer and drop the new payload). The answered request is handed over too: its response, replayed by
     * the connection manager (XEP-0124 section 14.3), reaches the new owner in rid order, exactly once.
     */
    @Test
    void aDetachWithAnAnsweredRidAfterAnUnansweredOneHandsBothOver() {
        ProsodyLikeHandler server = new ProsodyLikeHandler();
        reactor.core.publisher.Sinks.One<Boolean> release = reactor.core.publisher.Sinks.one();
        java.util.concurrent.atomic.AtomicLong heldBack = new java.util.concurrent.atomic.AtomicLong();
        cm = FakeConnectionManager.start(r -> {
            reactor.core.publisher.Mono<FakeConnectionManager.Reply> normal = server.handle(r);
            // the answer to the first empty request is lost on its way until released
            if (!r.isCreation() && heldBack.compareAndSet(0, r.rid())) {
                return release.asMono().then(normal);
            }
            return normal;
        });
        TransportConnection c1 = BoshTransport.builder().url(cm.url()).build().connect(StreamOpen.to("localhost")).block(TIMEOUT);
        assertThat(c1.inbound().next().block(TIMEOUT).is(STREAMS, "features")).isTrue();
        long first = cm.awaitRequest(r -> !r.isCreation()).block(TIMEOUT).rid();
        // m1 goes out at first + 1 (the fake answers first, held back, and holds first + 1); p1 answers first + 1
        // the leaving owner's sends end with an error when it detaches (their answers are handed over):
        // collected, not left to Reactor's onErrorDropped
        java.util.List<Throwable> sendErrors = new java.util.concurrent.CopyOnWriteArrayList<>();
        c1.send(BoshTransportTest.message("m1")).subscribe(null, sendErrors::add);
        assertThat(cm.awaitRequest(r -> r.carries("m1")).block(TIMEOUT).rid()).isEqualTo(first + 1);
        server.push(push("p1"));
        // a request slot frees only once the client has the answer to first + 1: m3 then goes out at first + 2
        c1.send(BoshTransportTest.message("m3")).subscribe(null, sendErrors::add);
        assertThat(cm.awaitRequest(r -> r.carries("m3")).block(TIMEOUT).rid()).isEqualTo(first + 2);

        BoshSessionState state = BoshTransport.detach(c1).block(TIMEOUT);
        // p1 waits behind the unanswered rid: it is handed over, not delivered to the leaving owner
        StepVerifier.create(c1.inbound()).expectComplete().verify(TIMEOUT);
        assertThat(state.nextRid()).isEqualTo(first);
        assertThat(state.nextRid() + state.unanswered().size()).isEqualTo(first + 3);
        assertThat(sendErrors).allSatisfy(e -> assertThat(e)
            .isInstanceOf(org.reactorxmpp.xmpp.transport.TransportClosedException.class));

        TransportConnection c2 = BoshTransport.builder().url(cm.url()).build().attach(state).block(TIMEOUT);
        release.tryEmitValue(true);
        StepVerifier.create(c2.inbound().filter(e -> "p1".equals(e.attribute("id"))).next())
            .expectNextCount(1)
            .expectComplete()
            .verify(TIMEOUT);
        StepVerifier.create(c2.send(BoshTransportTest.message("m2"))).expectComplete().verify(TIMEOUT);
        assertThat(cm.awaitRequest(r -> r.carries("m2")).block(TIMEOUT).rid()).isGreaterThanOrEqualTo(first + 3);
        StepVerifier.create(c2.close(null)).expectComplete().verify(TIMEOUT);
        assertThat(server.delivered()).containsExactly(BoshTransportTest.message("m1"), BoshTransportTest.message("m3"),
            BoshTransportTest.message("m2"));
    }

    @Test
    void onlyAnOpenSessionCanBeDetached() {
        cm = FakeConnectionManager.start(new ProsodyLikeHandler());
        TransportConnection c = BoshTransport.builder().url(cm.url()).build().connect(StreamOpen.to("localhost")).block(TIMEOUT);
        StepVerifier.create(c.close(null)).expectComplete().verify(TIMEOUT);
        StepVerifier.create(BoshTransport.detach(c))
            .expectError(org.reactorxmpp.xmpp.transport.TransportClosedException.class)
            .verify(TIMEOUT);
    }
}
