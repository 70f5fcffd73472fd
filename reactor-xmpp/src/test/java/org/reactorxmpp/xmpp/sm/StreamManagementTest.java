package org.reactorxmpp.xmpp.sm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.xmpp.feature.Feature;
import org.reactorxmpp.xmpp.feature.FeatureContext;
import org.reactorxmpp.xmpp.feature.FeatureKey;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.session.ConnectionState;
import org.reactorxmpp.xmpp.session.Reconnect;
import org.reactorxmpp.xmpp.session.XmppClient;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.stanza.Stanza;
import org.reactorxmpp.xmpp.transport.TransportException;
import org.reactorxmpp.xmpp.xml.XmlElement;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.scheduler.VirtualTimeScheduler;

/** XEP-0198 in the session, against {@link SmServer}: enable, counting, ack requests, resume and its failures. */
class StreamManagementTest {

    private static final Jid BOB = Jid.parse("bob@example.com");

    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
    private final SmServer server = new SmServer("juliet@example.com/balcony");
    private final AtomicInteger reconnectHooks = new AtomicInteger();

    /** A feature counting its reconnect hook runs (what MUC rejoins and the roster reloads on). */
    private final Feature<AtomicInteger> hookCounter = new Feature<>() {
        private final FeatureKey<AtomicInteger> key = FeatureKey.of("sm-test-hook", () -> null);

        @Override
        public FeatureKey<AtomicInteger> key() {
            return key;
        }

        @Override
        public AtomicInteger install(FeatureContext ctx) {
            ctx.onReconnect(() -> Mono.fromRunnable(reconnectHooks::incrementAndGet));
            return reconnectHooks;
        }
    };

    private XmppSession connect(StreamManagement sm) {
        XmppSession session = XmppClient.builder().bindRetryCountdown(Duration.ofSeconds(5)).jid("juliet@example.com").password("any").transport(server)
            .saslScheduler(Schedulers.immediate()).sendInitialPresence(false)
            .reconnect(Reconnect.backoff(Duration.ofSeconds(1), Duration.ofSeconds(2)))
            .timerScheduler(time).streamManagement(sm).feature(hookCounter)
            .build().connect().block(Duration.ofSeconds(5));
        assertThat(session).isNotNull();
        return session;
    }

    private static Message message(String body) {
        return Message.builder().to(BOB).type(Message.Type.CHAT).body(body).build();
    }

    private static XmlElement a(long h) {
        return XmlElement.builder(SmServer.NS, "a").attribute("h", Long.toString(h)).build();
    }

    private static long h(XmlElement a) {
        return Long.parseLong(a.attribute("h"));
    }

    private long requests() {
        return server.control().stream().filter(e -> e.localName().equals("r")).count();
    }

    private static List<String> bodies(String... bodies) {
        return List.of(bodies);
    }

    @Test
    void enablesAfterBindAndAnswersRequestsWithTheCountOfHandledStanzas() {
        XmppSession session = connect(StreamManagement.enabled());
        List<Stanza> inbound = new CopyOnWriteArrayList<>();
        session.inbound().subscribe(inbound::add);

        XmlElement enable = server.control().get(0);
        assertThat(enable.localName()).isEqualTo("enable");
        assertThat(enable.attribute("resume")).isEqualTo("true");
        assertThat(session.streamManagement().enabled()).isTrue();
        assertThat(session.streamManagement().resumable()).isTrue();

        for (int i = 0; i < 3; i++) {
            server.push(Message.builder().from(BOB).body("in" + i).build().element());
        }
        server.pushRaw(XmlElement.empty(SmServer.NS, "r"));
        assertThat(h(server.lastControl("a"))).isEqualTo(3);
        assertThat(inbound).hasSize(3);
        assertThat(session.streamManagement().handled()).isEqualTo(3);
        session.close().block(Duration.ofSeconds(5));
    }

    @Test
    void requestsAnAckEveryNStanzasAndAfterAQuietPeriod() {
        server.answerRequests(false);
        XmppSession session = connect(StreamManagement.enabled().withAckEvery(5).withAckAfter(Duration.ofSeconds(2)));
        for (int i = 0; i < 12; i++) {
            session.send(message("m" + i)).block(Duration.ofSeconds(5));
        }
        assertThat(requests()).as("after the 5th and the 10th").isEqualTo(2);
        assertThat(session.streamManagement().unacked()).isEqualTo(12);

        time.advanceTimeBy(Duration.ofMillis(1_999));
        assertThat(requests()).isEqualTo(2);
        time.advanceTimeBy(Duration.ofMillis(1));
        assertThat(requests()).as("2 s without a new stanza, 2 still unacknowledged").isEqualTo(3);

        server.pushRaw(a(12));
        assertThat(session.streamManagement().unacked()).isZero();
        assertThat(session.streamManagement().acknowledged()).isEqualTo(12);
        time.advanceTimeBy(Duration.ofSeconds(10));
        assertThat(requests()).as("nothing unacknowledged: no more requests").isEqualTo(3);
        session.close().block(Duration.ofSeconds(5));
    }

    @Test
    void sendAckedCompletesWhenTheServerAcknowledges() {
        server.answerRequests(false);
        XmppSession session = connect(StreamManagement.enabled().withAckEvery(100));
        List<String> done = new CopyOnWriteArrayList<>();
        session.sendAcked(message("one")).subscribe(null, e -> done.add("error " + e), () -> done.add("one acked"));
        session.sendAcked(message("two")).subscribe(null, e -> done.add("error " + e), () -> done.add("two acked"));
        assertThat(server.bodies()).containsExactly("one", "two");
        assertThat(done).isEmpty();

        server.pushRaw(a(1));
        assertThat(done).containsExactly("one acked");
        server.pushRaw(a(2));
        assertThat(done).containsExactly("one acked", "two acked");
        session.close().block(Duration.ofSeconds(5));
    }

    @Test
    void sendAckedFailsWhenTheServerDoesNotOfferOrRefusesStreamManagement() {
        server.offer(false);
        XmppSession notOffered = connect(StreamManagement.enabled());
        assertThat(notOffered.streamManagement().enabled()).isFalse();
        StepVerifierLite.expectReason(notOffered.sendAcked(message("x")), StreamManagementException.Reason.NOT_ENABLED);
        assertThat(server.bodies()).containsExactly("x");
        notOffered.close().block(Duration.ofSeconds(5));

        server.offer(true);
        server.refuseEnable(true);
        XmppSession refused = connect(StreamManagement.enabled());
        assertThat(refused.streamManagement().enabled()).isFalse();
        StepVerifierLite.expectReason(refused.sendAcked(message("y")), StreamManagementException.Reason.NOT_ENABLED);
        refused.close().block(Duration.ofSeconds(5));

        XmppSession off = connect(StreamManagement.disabled());
        StepVerifierLite.expectReason(off.sendAcked(message("z")), StreamManagementException.Reason.NOT_ENABLED);
        assertThat(server.lastControl("enable")).as("only the two sessions above asked").isNotNull();
        off.close().block(Duration.ofSeconds(5));
    }

    @Test
    void aFullUnackedQueueFailsTheSendWithATypedErrorAndDropsNothing() {
        server.answerRequests(false);
        XmppSession session = connect(StreamManagement.enabled().withMaxUnacked(3).withAckEvery(100));
        for (int i = 1; i <= 3; i++) {
            session.send(message("m" + i)).block(Duration.ofSeconds(5));
        }
        StepVerifierLite.expectReason(session.send(message("m4")), StreamManagementException.Reason.QUEUE_FULL);
        assertThat(server.bodies()).containsExactly("m1", "m2", "m3");

        server.pushRaw(a(2));
        session.send(message("m4")).block(Duration.ofSeconds(5));
        assertThat(server.bodies()).containsExactly("m1", "m2", "m3", "m4");
        assertThat(session.streamManagement().unacked()).isEqualTo(2);
        session.close().block(Duration.ofSeconds(5));
    }

    /**
     * m1..m3 reach the server (unacknowledged), m4 and m5 are in the transport's queue when the connection is
     * cut, m6 is sent while reconnecting; the server had sent s1 (handled) and s2 (lost in the cut).
     */
    private XmppSession cutDuringTraffic(List<Stanza> inbound, List<String> written) {
        server.answerRequests(false);
        XmppSession session = connect(StreamManagement.enabled().withAckEvery(100));
        session.inbound().subscribe(inbound::add, e -> { }); // a test may end the session with an error
        for (int i = 1; i <= 3; i++) {
            session.send(message("m" + i)).block(Duration.ofSeconds(5));
        }
        server.push(Message.builder().from(BOB).body("s1").build().element());
        server.lose(Message.builder().from(BOB).body("s2").build().element());
        server.last().holdSends();
        session.send(message("m4")).subscribe(null, e -> written.add("m4 " + e), () -> written.add("m4"));
        session.send(message("m5")).subscribe(null, e -> written.add("m5 " + e), () -> written.add("m5"));
        server.last().drop(new TransportException("connection reset", true));
        session.send(message("m6")).subscribe(null, e -> written.add("m6 " + e), () -> written.add("m6"));
        assertThat(written).isEmpty();
        assertThat(server.bodies()).containsExactly("m1", "m2", "m3");
        return session;
    }

    @Test
    void aResumeResendsWhatTheServerDidNotHandleBeforeAnyNewStanzaAndNothingTwice() {
        List<Stanza> inbound = new CopyOnWriteArrayList<>();
        List<String> written = new CopyOnWriteArrayList<>();
        List<ConnectionState> states = new CopyOnWriteArrayList<>();
        XmppSession session = cutDuringTraffic(inbound, written);
        session.stateChanges().subscribe(states::add);

        time.advanceTimeBy(Duration.ofSeconds(10));

        XmlElement resume = server.lastControl("resume");
        assertThat(resume.attribute("previd")).isEqualTo("sm-1");
        assertThat(resume.attribute("h")).as("s1 handled").isEqualTo("1");
        assertThat(server.binds()).as("resumed, not bound again").isEqualTo(1);
        assertThat(server.bodies()).containsExactly("m1", "m2", "m3", "m4", "m5", "m6");
        assertThat(written).containsExactly("m4", "m5", "m6");
        assertThat(inbound).extracting(s -> ((Message) s).body()).containsExactly("s1", "s2");
        assertThat(session.connectionDetails().isResumed()).isTrue();
        assertThat(session.connectionDetails().number()).isEqualTo(2);
        assertThat(states).contains(ConnectionState.CONNECTED.asResumed());
        assertThat(reconnectHooks).as("nothing to set up again after a resume").hasValue(0);

        server.pushRaw(XmlElement.empty(SmServer.NS, "r"));
        assertThat(h(server.lastControl("a"))).as("s1, s2").isEqualTo(2);
        server.pushRaw(a(6));
        assertThat(session.streamManagement().unacked()).isZero();
        session.close().block(Duration.ofSeconds(5));
    }

    @Test
    void aResumeFailedWithHBindsANewSessionAndResendsOnlyWhatHDidNotAcknowledge() {
        List<Stanza> inbound = new CopyOnWriteArrayList<>();
        List<String> written = new CopyOnWriteArrayList<>();
        XmppSession session = cutDuringTraffic(inbound, written);
        server.resumeAnswer(SmServer.ResumeAnswer.FAILED_WITH_H);

        time.advanceTimeBy(Duration.ofSeconds(10));

        assertThat(server.binds()).isEqualTo(2);
        assertThat(server.bodies()).as("h=3 acknowledged m1..m3: m4, m5 once, then m6")
            .containsExactly("m1", "m2", "m3", "m4", "m5", "m6");
        assertThat(written).containsExactly("m4", "m5", "m6");
        List<String> order = new ArrayList<>();
        server.control().forEach(e -> order.add(e.localName()));
        assertThat(order).containsSubsequence("resume", "enable");
        assertThat(session.connectionDetails().isResumed()).isFalse();
        assertThat(session.streamManagement().enabled()).isTrue();
        assertThat(session.streamManagement().unacked()).as("counted anew on the new session").isEqualTo(3);
        assertThat(reconnectHooks).as("a new session: features set up again").hasValue(1);
        session.close().block(Duration.ofSeconds(5));
    }

    @Test
    void aResumeFailedWithoutHResendsEverythingNotAcknowledgedOnce() {
        List<Stanza> inbound = new CopyOnWriteArrayList<>();
        List<String> written = new CopyOnWriteArrayList<>();
        server.answerRequests(false);
        XmppSession session = connect(StreamManagement.enabled().withAckEvery(100));
        session.inbound().subscribe(inbound::add);
        for (int i = 1; i <= 3; i++) {
            session.send(message("m" + i)).block(Duration.ofSeconds(5));
        }
        server.pushRaw(a(2));
        server.last().holdSends();
        session.send(message("m4")).subscribe(null, e -> written.add("m4 " + e), () -> written.add("m4"));
        server.last().drop(new TransportException("connection reset", true));
        server.forget();
        session.send(message("m5")).subscribe(null, e -> written.add("m5 " + e), () -> written.add("m5"));

        time.advanceTimeBy(Duration.ofSeconds(10));

        assertThat(server.binds()).isEqualTo(2);
        assertThat(server.bodies()).as("m3 was never acknowledged: it is sent again, once; then m4, then m5")
            .containsExactly("m1", "m2", "m3", "m3", "m4", "m5");
        assertThat(written).containsExactly("m4", "m5");
        assertThat(reconnectHooks).hasValue(1);
        session.close().block(Duration.ofSeconds(5));
    }

    @Test
    void aResumeTheServerNeverAnswersIsGivenUpAndTheNextAttemptBindsANewSession() {
        List<Stanza> inbound = new CopyOnWriteArrayList<>();
        List<String> written = new CopyOnWriteArrayList<>();
        XmppSession session = cutDuringTraffic(inbound, written);
        server.resumeAnswer(SmServer.ResumeAnswer.SILENT);

        time.advanceTimeBy(Duration.ofSeconds(3));
        assertThat(server.lastControl("resume")).isNotNull();
        assertThat(server.binds()).isEqualTo(1);
        time.advanceTimeBy(Duration.ofSeconds(5));
        time.advanceTimeBy(Duration.ofSeconds(10));

        long resumes = server.control().stream().filter(e -> e.localName().equals("resume")).count();
        assertThat(resumes).as("given up after the first went unanswered").isEqualTo(1);
        assertThat(server.binds()).isEqualTo(2);
        assertThat(server.bodies()).as("no h: everything unacknowledged again, once, before m6")
            .containsExactly("m1", "m2", "m3", "m1", "m2", "m3", "m4", "m5", "m6");
        assertThat(written).containsExactly("m4", "m5", "m6");
        assertThat(session.connectionDetails().isResumed()).isFalse();
        session.close().block(Duration.ofSeconds(5));
    }

    /**
     * Prosody 0.12 after a cut that left an element unfinished: {@code <resumed h/>}, then the first thing written on
     * the resumed stream ends it with {@code not-well-formed} (parsed as the old element's continuation) and the
     * session is gone. The next connection binds a new session at once (no second resume) and sends what h=3 did
     * not acknowledge again, once.
     */
    @Test
    void aResumedStreamEndedNotWellFormedBeforeAnyAckBindsANewSessionAndResendsOnce() {
        List<Stanza> inbound = new CopyOnWriteArrayList<>();
        List<String> written = new CopyOnWriteArrayList<>();
        List<ConnectionState> states = new CopyOnWriteArrayList<>();
        XmppSession session = cutDuringTraffic(inbound, written);
        session.stateChanges().subscribe(states::add);
        server.resumeAnswer(SmServer.ResumeAnswer.RESUMED_UNREAD);

        time.advanceTimeBy(Duration.ofSeconds(10));

        assertThat(server.control().stream().filter(e -> e.localName().equals("resume")).count())
            .as("resumed once; the session the server ended is not resumed again").isEqualTo(1);
        assertThat(server.binds()).isEqualTo(2);
        assertThat(server.bodies()).as("h=3 acknowledged m1..m3; m4..m6 were never read on the resumed stream")
            .containsExactly("m1", "m2", "m3", "m4", "m5", "m6");
        assertThat(written).containsExactly("m4", "m5", "m6");
        assertThat(states).extracting(ConnectionState::kind).containsSubsequence(ConnectionState.Kind.CONNECTED,
            ConnectionState.Kind.RECONNECTING, ConnectionState.Kind.CONNECTED);
        assertThat(states).filteredOn(st -> st.kind() == ConnectionState.Kind.RECONNECTING)
            .anySatisfy(st -> assertThat(st.cause().orElseThrow()).isInstanceOfSatisfying(StreamManagementException.class,
                e -> assertThat(e.reason()).isEqualTo(StreamManagementException.Reason.RESUMED_STREAM_FAILED)));
        assertThat(session.connectionDetails().isResumed()).isFalse();
        assertThat(session.streamManagement().unacked()).as("m4..m6 counted anew").isEqualTo(3);
        assertThat(reconnectHooks).as("a new session: features set up again").hasValue(1);
        session.close().block(Duration.ofSeconds(5));
    }

    /** Once the server acknowledged something on the resumed stream, not-well-formed is our fault: the session ends. */
    @Test
    void notWellFormedAfterTheResumedStreamWasAcknowledgedEndsTheSession() {
        List<Stanza> inbound = new CopyOnWriteArrayList<>();
        List<String> written = new CopyOnWriteArrayList<>();
        XmppSession session = cutDuringTraffic(inbound, written);
        time.advanceTimeBy(Duration.ofSeconds(10));
        assertThat(session.connectionDetails().isResumed()).isTrue();
        server.pushRaw(a(6));
        List<Throwable> ended = new CopyOnWriteArrayList<>();
        session.onClose().subscribe(null, ended::add);

        server.last().drop(new org.reactorxmpp.xmpp.stanza.StreamErrorException(
            org.reactorxmpp.xmpp.stanza.StreamError.of(org.reactorxmpp.xmpp.stanza.StreamError.Condition.NOT_WELL_FORMED)));
        time.advanceTimeBy(Duration.ofSeconds(10));

        assertThat(ended).singleElement().isInstanceOf(org.reactorxmpp.xmpp.stanza.StreamErrorException.class);
        assertThat(server.binds()).as("no new session").isEqualTo(1);
    }

    @Test
    void aNewSessionWithoutStreamManagementStillResendsOnceButCannotAcknowledge() {
        server.answerRequests(false);
        XmppSession session = connect(StreamManagement.enabled().withAckEvery(100));
        List<String> acked = new CopyOnWriteArrayList<>();
        session.sendAcked(message("m1")).subscribe(null, e -> acked.add(((StreamManagementException) e).reason().name()),
            () -> acked.add("acked"));
        server.last().drop(new TransportException("connection reset", true));
        server.offer(false);

        time.advanceTimeBy(Duration.ofSeconds(10));

        assertThat(server.bodies()).containsExactly("m1", "m1");
        assertThat(acked).containsExactly("UNACKNOWLEDGEABLE");
        session.close().block(Duration.ofSeconds(5));
    }

    @Test
    void closingFailsWhatWaitsForAnAcknowledgement() {
        server.answerRequests(false);
        XmppSession session = connect(StreamManagement.enabled().withAckEvery(100));
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        session.sendAcked(message("m1")).subscribe(null, errors::add);
        session.close().block(Duration.ofSeconds(5));
        assertThat(errors).hasSize(1);
    }

    /** Tiny synchronous checks of a Mono's error. */
    static final class StepVerifierLite {
        static void expectReason(Mono<?> mono, StreamManagementException.Reason reason) {
            Throwable[] error = new Throwable[1];
            mono.subscribe(null, e -> error[0] = e);
            assertThat(error[0]).isInstanceOf(StreamManagementException.class);
            assertThat(((StreamManagementException) error[0]).reason()).isEqualTo(reason);
        }
    }
}
