package org.reactorxmpp.bosh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactorxmpp.bosh.FakeConnectionManager.Received;
import org.reactorxmpp.bosh.FakeConnectionManager.Reply;
import org.reactorxmpp.xmpp.jid.FullJid;
import org.reactorxmpp.xmpp.session.ConnectionState;
import org.reactorxmpp.xmpp.session.SessionHandover;
import org.reactorxmpp.xmpp.session.SessionHandoverException;
import org.reactorxmpp.xmpp.session.XmppClient;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.stream.StreamFeatures;
import org.reactorxmpp.xmpp.transport.StreamOpen;
import org.reactorxmpp.xmpp.transport.TransportConnection;
import org.reactorxmpp.xmpp.xml.XmlReader;

import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The session-level handover ({@code XmppSession.detach}, {@code XmppClient.attach}, checkpoints) over BOSH against
 * the scripted connection manager: the edge cases a real server cannot be made to produce on demand, and what goes
 * on the wire (nothing but the resent requests: no SASL, no bind, no presence, no terminate).
 */
public class BoshHandoverTest {

    static final Duration TIMEOUT = Duration.ofSeconds(20);
    static final String STREAMS = "http://etherx.jabber.org/streams";
    static final FullJid ALICE = FullJid.parse("alice@localhost/desk");
    static final StreamFeatures BOUND = StreamFeatures.from(XmlReader.create().read(("<stream:features xmlns:stream='"
        + STREAMS + "'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></stream:features>").getBytes(StandardCharsets.UTF_8)));

    private FakeConnectionManager cm;

    @AfterEach
    void stop() {
        if (cm != null) {
            cm.close();
        }
    }

    static String push(String id) {
        return "<message xmlns='jabber:client' from='romeo@localhost' to='alice@localhost/desk' id='" + id
            + "'><body>" + id + "</body></message>";
    }

    private XmppClient client() {
        return XmppClient.builder().jid("alice@localhost").password("secret")
            .transport(BoshTransport.builder().url(cm.url()).build()).build();
    }

    /** A BOSH session past its stream features, detached at the transport level: what a bound session hands over. */
    private SessionHandover liveHandover() {
        TransportConnection c = BoshTransport.builder().url(cm.url()).build().connect(StreamOpen.to("localhost"))
            .block(TIMEOUT);
        assertThat(c.inbound().next().block(TIMEOUT).is(STREAMS, "features")).isTrue();
        return SessionHandover.of(ALICE, "BOSH", BOUND, c.detach().block(TIMEOUT));
    }

    @Test
    void anAttachedSessionSendsNothingButTheResentRequestsReceivesInOrderAndDetachesWithoutEndingTheSession() {
        ProsodyLikeHandler server = new ProsodyLikeHandler();
        cm = FakeConnectionManager.start(server);
        SessionHandover handover = liveHandover();
        int before = cm.received().size();
        server.push(push("p1")); // while nobody owns the session

        List<String> bodies = new CopyOnWriteArrayList<>();
        // subscribed in the callback: p1 comes with the very first response of the attached session
        XmppSession session = client().attach(handover)
            .doOnNext(s -> s.messages().subscribe(m -> bodies.add(m.body())))
            .block(TIMEOUT);
        assertThat(session.jid()).isEqualTo(ALICE);
        assertThat(session.features().feature("urn:ietf:params:xml:ns:xmpp-bind")).isPresent();
        server.push(push("p2"));
        server.push(push("p3"));
        awaitCondition(() -> bodies.size() >= 3, "three messages");
        assertThat(session.states().map(ConnectionState::kind).take(2).collectList().block(TIMEOUT))
            .containsExactly(ConnectionState.Kind.CONNECTING, ConnectionState.Kind.CONNECTED);

        SessionHandover again = session.detach().block(TIMEOUT);
        StepVerifier.create(session.onClose()).expectComplete().verify(TIMEOUT);
        StepVerifier.create(session.inbound()).expectComplete().verify(TIMEOUT);
        ConnectionState last = session.states().last().block(TIMEOUT);
        assertThat(last.kind()).isEqualTo(ConnectionState.Kind.DISCONNECTED);
        assertThat(last.isDetached()).isTrue();
        assertThat(again.jid()).isEqualTo(ALICE);

        server.push(push("p4"));
        List<String> later = new CopyOnWriteArrayList<>();
        XmppSession third = client().attach(SessionHandover.fromBytes(again.toBytes()))
            .doOnNext(s -> s.messages().subscribe(m -> later.add(m.body())))
            .block(TIMEOUT);
        awaitCondition(() -> !later.isEmpty(), "p4 on the third owner");
        third.send(Message.builder().to(org.reactorxmpp.xmpp.jid.Jid.parse("romeo@localhost")).body("m1").build())
            .block(TIMEOUT);
        third.close().block(TIMEOUT);

        assertThat(bodies).containsExactly("p1", "p2", "p3");
        assertThat(later).containsExactly("p4");
        // the attached owners wrote nothing of their own until the application sent m1 (no SASL, no bind, no
        // initial presence), and the detaches sent no terminate
        List<Received> after = cm.received().subList(before, cm.received().size());
        assertThat(after).filteredOn(r -> !"terminate".equals(r.body().attribute("type")))
            .noneMatch(r -> r.text().contains("xmpp-sasl") || r.text().contains("xmpp-bind")
                || r.text().contains("<presence"));
        assertThat(server.delivered()).hasSize(2); // m1, and the unavailable presence of the final close
        assertThat(server.delivered().get(0).localName()).isEqualTo("message");
        long terminates = after.stream().filter(r -> "terminate".equals(r.body().attribute("type"))).count();
        assertThat(terminates).as("only the final close terminates").isEqualTo(1);
    }

    @Test
    void sendsStillQueuedWhenTheSessionIsDetachedGoOutWithTheHandoverNotFailed() throws Exception {
        ProsodyLikeHandler server = new ProsodyLikeHandler();
        cm = FakeConnectionManager.start(server);
        SessionHandover first = liveHandover();
        server.push(push("p0"));
        XmppSession session = client().attach(first).block(TIMEOUT);
        org.reactorxmpp.xmpp.jid.Jid romeo = org.reactorxmpp.xmpp.jid.Jid.parse("romeo@localhost");
        // 300 sends subscribed at once and the detach right after: most are still queued in the transport, a
        // reply a fleet handler was writing when its member handed the session over
        java.util.concurrent.CompletableFuture<Void> sent = reactor.core.publisher.Flux.range(0, 300)
            .flatMap(i -> session.send(Message.builder().to(romeo).id("q" + i).body("q" + i).build()), 300)
            .then().toFuture();
        SessionHandover handover = session.detach().block(TIMEOUT);
        sent.get(TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS); // none failed

        XmppSession next = client().attach(handover).block(TIMEOUT);
        awaitCondition(() -> server.delivered().size() >= 300, "the 300 messages at the connection manager");
        next.close().block(TIMEOUT);
        List<String> ids = server.delivered().stream().filter(e -> e.localName().equals("message"))
            .map(e -> e.attribute("id")).toList();
        assertThat(ids).hasSize(300).doesNotHaveDuplicates();
        assertThat(ids).containsExactlyElementsOf(java.util.stream.IntStream.range(0, 300).mapToObj(i -> "q" + i).toList());
    }

    @Test
    void checkpointsCarryEachRequestWithItsRidAndBytesAndFollowDelivery() {
        ProsodyLikeHandler server = new ProsodyLikeHandler();
        cm = FakeConnectionManager.start(server);
        TransportConnection c = BoshTransport.builder().url(cm.url()).build().connect(StreamOpen.to("localhost"))
            .block(TIMEOUT);
        assertThat(c.inbound().next().block(TIMEOUT).is(STREAMS, "features")).isTrue();
        List<BoshSessionState> seen = new CopyOnWriteArrayList<>();
        Disposable watching = c.checkpoints().map(BoshSessionState::fromBytes).subscribe(seen::add);
        awaitCondition(() -> !seen.isEmpty(), "the current state, at subscription");

        c.send(BoshTransportTest.message("m1")).block(TIMEOUT);
        Received carrying = cm.awaitRequest(r -> r.carries("m1")).block(TIMEOUT);
        awaitCondition(() -> seen.stream().anyMatch(s -> carries(s, carrying)), "a checkpoint with m1's request");
        BoshSessionState withM1 = seen.stream().filter(s -> carries(s, carrying)).findFirst().orElseThrow();
        assertThat(withM1.sid()).isEqualTo("s1");

        StepVerifier.create(c.inbound().filter(e -> "p1".equals(e.attribute("id"))).next())
            .then(() -> server.push(push("p1")))
            .expectNextCount(1)
            .expectComplete()
            .verify(TIMEOUT);
        // once p1 was delivered, a checkpoint starts beyond the rid that carried it
        awaitCondition(() -> seen.get(seen.size() - 1).nextRid() > carrying.rid(), "a checkpoint after the delivery");
        for (int i = 1; i < seen.size(); i++) {
            assertThat(seen.get(i).nextRid()).isGreaterThanOrEqualTo(seen.get(i - 1).nextRid());
        }
        watching.dispose();
        c.close(null).block(TIMEOUT);
        StepVerifier.create(c.checkpoints()).expectNextCount(1).expectComplete().verify(TIMEOUT);
    }

    private static boolean carries(BoshSessionState s, Received r) {
        long index = r.rid() - s.nextRid();
        return index >= 0 && index < s.unanswered().size() && s.unanswered().get((int) index).equals(r.text());
    }

    @Test
    void aSessionTheServerNoLongerHasIsRejectedWithATypedError() {
        ProsodyLikeHandler server = new ProsodyLikeHandler();
        AtomicBoolean gone = new AtomicBoolean();
        cm = FakeConnectionManager.start(r -> gone.get() && !r.isCreation()
            ? Mono.just(Reply.xml("<body xmlns='http://jabber.org/protocol/httpbind' type='terminate'"
                + " condition='item-not-found'/>"))
            : server.handle(r));
        SessionHandover handover = liveHandover();
        gone.set(true); // timed out, or the checkpoint's rids are below the server's window
        StepVerifier.create(client().attach(handover))
            .expectErrorSatisfies(e -> {
                assertThat(e).isInstanceOf(SessionHandoverException.class);
                assertThat(((SessionHandoverException) e).reason()).isEqualTo(SessionHandoverException.Reason.REJECTED);
                assertThat(e.getCause()).isInstanceOf(BoshException.class);
                assertThat(((BoshException) e.getCause()).condition()).isEqualTo(BoshCondition.ITEM_NOT_FOUND);
            })
            .verify(TIMEOUT);
    }

    @Test
    void damagedOrUnknownStateIsATypedError() {
        cm = FakeConnectionManager.start(new ProsodyLikeHandler());
        SessionHandover handover = liveHandover();
        byte[] state = handover.transportState();
        BoshSessionState decoded = BoshSessionState.fromBytes(state);
        assertThat(decoded.toBytes()).isEqualTo(state);
        byte[] truncated = java.util.Arrays.copyOf(state, state.length - 3);
        assertThatThrownBy(() -> BoshSessionState.fromBytes(truncated))
            .isInstanceOfSatisfying(SessionHandoverException.class,
                e -> assertThat(e.reason()).isEqualTo(SessionHandoverException.Reason.CORRUPT));
        byte[] future = state.clone();
        future[4] = 9;
        assertThatThrownBy(() -> BoshSessionState.fromBytes(future))
            .isInstanceOfSatisfying(SessionHandoverException.class,
                e -> assertThat(e.reason()).isEqualTo(SessionHandoverException.Reason.UNKNOWN_VERSION));
        SessionHandover damaged = SessionHandover.of(ALICE, "BOSH", BOUND, truncated);
        StepVerifier.create(client().attach(damaged))
            .expectErrorSatisfies(e -> assertThat(((SessionHandoverException) e).reason())
                .isEqualTo(SessionHandoverException.Reason.CORRUPT))
            .verify(TIMEOUT);
        SessionHandover bob = SessionHandover.of(FullJid.parse("bob@localhost/desk"), "BOSH", BOUND, state);
        StepVerifier.create(client().attach(bob))
            .expectErrorSatisfies(e -> assertThat(((SessionHandoverException) e).reason())
                .isEqualTo(SessionHandoverException.Reason.JID_MISMATCH))
            .verify(TIMEOUT);
    }

    @Test
    void stateWithKeysAndEveryOptionalFieldSurvivesTheEncoding() {
        BoshSessionState full = new BoshSessionState("sid-1", 12345, "example.com", "de", 2, 1, Duration.ofSeconds(60),
            Duration.ofSeconds(90), Duration.ofSeconds(2), true, List.of("<body rid='12345'/>", "<body rid='12346'>ü</body>"),
            List.of("0123456789abcdef0123456789abcdef01234567"), Duration.ofSeconds(120), "gzip");
        BoshSessionState back = BoshSessionState.fromBytes(full.toBytes());
        assertThat(back).isEqualTo(full);
        BoshSessionState bare = new BoshSessionState("sid-2", 7, "example.com", null, 1, 0, Duration.ofSeconds(10),
            null, null, false, List.of());
        assertThat(BoshSessionState.fromBytes(bare.toBytes())).isEqualTo(bare);
        assertThat(full.toString()).doesNotContain("0123456789abcdef");
    }

    /**
     * Waits, polling every 5 ms, until {@code condition} holds.
     *
     * @param condition what to wait for
     * @param what its description for the failure
     */
    public static void awaitCondition(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
