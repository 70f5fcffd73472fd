package org.reactorxmpp.xmpp.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.IntPredicate;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.xmpp.config.XmppClientConfig;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.sasl.SaslException;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.stanza.Stanza;
import org.reactorxmpp.xmpp.stanza.StreamError;
import org.reactorxmpp.xmpp.stanza.StreamErrorException;
import org.reactorxmpp.xmpp.session.internal.SessionInternals;
import org.reactorxmpp.xmpp.transport.TransportException;
import org.reactorxmpp.xmpp.transport.TransportOverflowException;
import org.reactorxmpp.xmpp.xml.XmlElement;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

class XmppSessionReconnectTest {

    private static final Jid ROMEO = Jid.parse("romeo@example.net/orchard");
    private static final StreamErrorException SHUTDOWN =
        new StreamErrorException(StreamError.of(StreamError.Condition.SYSTEM_SHUTDOWN));

    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
    private final List<ScriptedServer> servers = new CopyOnWriteArrayList<>();
    /** The errors of the connections that failed right after opening, by connection number. */
    private final java.util.Map<Integer, TransportException> refusals = new java.util.concurrent.ConcurrentHashMap<>();
    private FakeTransport transport;

    /**
     * @param failing which connections (numbered from 1) fail right after opening, with a transient error
     * @param script adjusts each scripted server
     */
    private XmppSession connect(Reconnect policy, IntPredicate failing, Consumer<ScriptedServer> script,
                                boolean initialPresence) {
        return connect(policy, failing, script, initialPresence, b -> { });
    }

    private XmppSession connect(Reconnect policy, IntPredicate failing, Consumer<ScriptedServer> script,
                                boolean initialPresence, Consumer<XmppClient.Builder> options) {
        transport = new FakeTransport(false, c -> {
            int number = transport.connections.size() + 1;
            if (failing.test(number)) {
                return new FakeConnection.Server() {
                    @Override
                    public void opened() {
                        TransportException refused = new TransportException("connection refused (" + number + ")", true);
                        refusals.put(number, refused);
                        c.fail(refused);
                    }
                };
            }
            ScriptedServer s = new ScriptedServer(c);
            script.accept(s);
            servers.add(s);
            return s;
        });
        XmppClient.Builder builder = XmppClient.builder().jid("juliet@example.com").password(ScriptedServer.PASSWORD)
            .transport(transport).saslScheduler(Schedulers.immediate()).sendInitialPresence(initialPresence)
            .reconnect(policy).reconnectScheduler(time);
        options.accept(builder);
        return builder.build().connect().block(Duration.ofSeconds(10));
    }

    private XmppSession connect(Reconnect policy) {
        return connect(policy, n -> false, s -> { }, false);
    }

    private static Reconnect countdown10s() {
        return Reconnect.countdown(Duration.ofSeconds(10)).withRandom(() -> 0.5);
    }

    /** The states of one negotiation up to CONNECTED. */
    private static final List<ConnectionState> HANDSHAKE = List.of(ConnectionState.CONNECTING,
        ConnectionState.AUTHENTICATING, ConnectionState.BINDING, ConnectionState.CONNECTED);

    private static ConnectionState[] states(Object... parts) {
        List<ConnectionState> all = new java.util.ArrayList<>();
        for (Object p : parts) {
            if (p instanceof List) {
                for (Object o : (List<?>) p) {
                    all.add((ConnectionState) o);
                }
            } else {
                all.add((ConnectionState) p);
            }
        }
        return all.toArray(new ConnectionState[0]);
    }

    private List<ConnectionState> record(XmppSession session) {
        List<ConnectionState> states = new CopyOnWriteArrayList<>();
        session.states().subscribe(states::add);
        return states;
    }

    @Test
    void sameSessionKeepsReceivingAndSendingAfterATransientDrop() {
        XmppSession session = connect(Reconnect.countdown(Duration.ofSeconds(10)), n -> false, s -> { }, true);
        List<Stanza> inbound = new CopyOnWriteArrayList<>();
        AtomicReference<Throwable> inboundError = new AtomicReference<>();
        session.inbound().subscribe(inbound::add, inboundError::set);
        List<ConnectionState> states = record(session);

        servers.get(0).deliver(Message.builder().from(ROMEO).body("before").build());
        TransportException reset = new TransportException("connection reset", true);
        transport.last().fail(reset);
        assertThat(states).containsExactly(states(HANDSHAKE, ConnectionState.reconnecting(1, reset)));

        time.advanceTimeBy(Duration.ofMillis(8_999));
        assertThat(transport.connections).hasSize(1);
        time.advanceTimeBy(Duration.ofMillis(2_001));
        assertThat(transport.connections).hasSize(2);
        assertThat(states).containsExactly(states(HANDSHAKE, ConnectionState.reconnecting(1, reset), HANDSHAKE));

        servers.get(1).deliver(Message.builder().from(ROMEO).body("after").build());
        assertThat(inbound).extracting(s -> ((Message) s).body()).containsExactly("before", "after");
        assertThat(inboundError).hasValue(null);

        session.send(Message.builder().to(ROMEO).body("hello again").build()).block(Duration.ofSeconds(5));
        // initial presence was sent again on the new connection, then our message
        assertThat(servers.get(0).stanzas).extracting(XmlElement::localName).containsExactly("presence");
        assertThat(servers.get(1).stanzas).extracting(XmlElement::localName).containsExactly("presence", "message");
        assertThat(Message.of(servers.get(1).stanzas.get(1)).body()).isEqualTo("hello again");
    }

    @Test
    void statesGoThroughReconnectingBackToConnectedThenDisconnectedOnClose() {
        XmppSession session = connect(countdown10s());
        StepVerifier.withVirtualTime(session::states, () -> time, Long.MAX_VALUE)
            .expectNext(states(HANDSHAKE))
            .then(() -> transport.last().fail(SHUTDOWN))
            .expectNext(ConnectionState.reconnecting(1, SHUTDOWN))
            .expectNoEvent(Duration.ofMillis(9_999))
            .thenAwait(Duration.ofMillis(1))
            .expectNext(states(HANDSHAKE))
            .then(() -> session.close().subscribe())
            .expectNext(ConnectionState.DISCONNECTING, ConnectionState.disconnected(null))
            .verifyComplete();
        assertThat(transport.connections).hasSize(2);
        assertThat(transport.last().isClosed()).isTrue();
        StepVerifier.create(session.onClose()).verifyComplete();
    }

    @Test
    void failedAttemptsBackOffExponentiallyUpToTheCap() {
        XmppSession session = connect(Reconnect.backoff(Duration.ofSeconds(1), Duration.ofSeconds(4))
            .withRandom(() -> 0.5), n -> n >= 2 && n <= 4, s -> { }, false);
        StepVerifier.withVirtualTime(session::states, () -> time, Long.MAX_VALUE)
            .expectNext(states(HANDSHAKE))
            .then(() -> transport.last().fail(SHUTDOWN))
            .expectNext(ConnectionState.reconnecting(1, SHUTDOWN))
            .expectNoEvent(Duration.ofMillis(999))
            .thenAwait(Duration.ofMillis(1))
            // each failed attempt got as far as opening the transport
            .expectNextMatches(s -> s.equals(ConnectionState.CONNECTING))
            .expectNextMatches(s -> s.equals(ConnectionState.reconnecting(2, refusals.get(2))))
            .expectNoEvent(Duration.ofMillis(1_999))
            .thenAwait(Duration.ofMillis(1))
            .expectNextMatches(s -> s.equals(ConnectionState.CONNECTING))
            .expectNextMatches(s -> s.equals(ConnectionState.reconnecting(3, refusals.get(3))))
            .expectNoEvent(Duration.ofMillis(3_999))
            .thenAwait(Duration.ofMillis(1))
            .expectNextMatches(s -> s.equals(ConnectionState.CONNECTING))
            .expectNextMatches(s -> s.equals(ConnectionState.reconnecting(4, refusals.get(4))))
            .expectNoEvent(Duration.ofMillis(3_999))
            .thenAwait(Duration.ofMillis(1))
            .expectNext(states(HANDSHAKE))
            .thenCancel()
            .verify();
        assertThat(transport.connections).hasSize(5);
    }

    @Test
    void givesUpAfterMaxAttemptsWithTheLastCause() {
        XmppSession session = connect(countdown10s().maxAttempts(2), n -> n >= 2, s -> { }, false);
        List<ConnectionState> states = record(session);
        transport.last().fail(SHUTDOWN);
        time.advanceTimeBy(Duration.ofHours(1));
        assertThat(transport.connections).hasSize(3);
        assertThat(states).hasSize(9);
        assertThat(states.subList(0, 8)).containsExactly(states(HANDSHAKE, ConnectionState.reconnecting(1, SHUTDOWN),
            ConnectionState.CONNECTING, ConnectionState.reconnecting(2, refusals.get(2)), ConnectionState.CONNECTING));
        assertThat(states.get(8).kind()).isEqualTo(ConnectionState.Kind.DISCONNECTED);
        assertThat(states.get(8).cause()).get().asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.THROWABLE)
            .hasMessageContaining("connection refused (3)");
        StepVerifier.create(session.onClose()).expectError(TransportException.class).verify(Duration.ofSeconds(5));
    }

    @Test
    void conflictEndsTheSessionWithoutReconnecting() {
        XmppSession session = connect(countdown10s());
        List<ConnectionState> states = record(session);
        StreamErrorException conflict = new StreamErrorException(StreamError.of(StreamError.Condition.CONFLICT));
        StepVerifier.create(session.inbound())
            .then(() -> transport.last().fail(conflict))
            .expectErrorSatisfies(e -> assertThat(e).isSameAs(conflict))
            .verify(Duration.ofSeconds(5));
        time.advanceTimeBy(Duration.ofHours(1));
        assertThat(transport.connections).hasSize(1);
        assertThat(states).containsExactly(states(HANDSHAKE, ConnectionState.disconnected(conflict)));
    }

    @Test
    void authenticationFailureWhileReconnectingEndsTheSession() {
        AtomicReference<Integer> count = new AtomicReference<>(0);
        XmppSession session = connect(countdown10s(), n -> false, s -> {
            count.set(count.get() + 1);
            if (count.get() > 1) {
                s.password = "changed-meanwhile";
            }
        }, false);
        List<ConnectionState> states = record(session);
        transport.last().fail(SHUTDOWN);
        time.advanceTimeBy(Duration.ofHours(1));
        assertThat(transport.connections).hasSize(2);
        assertThat(states.subList(0, states.size() - 1)).containsExactly(states(HANDSHAKE,
            ConnectionState.reconnecting(1, SHUTDOWN), ConnectionState.CONNECTING, ConnectionState.AUTHENTICATING));
        assertThat(states.get(states.size() - 1).cause()).containsInstanceOf(SaslException.class);
        StepVerifier.create(session.onClose()).expectError(SaslException.class).verify(Duration.ofSeconds(5));
    }

    @Test
    void closeDuringTheCountdownStopsReconnecting() {
        XmppSession session = connect(countdown10s());
        List<ConnectionState> states = record(session);
        transport.last().fail(SHUTDOWN);
        time.advanceTimeBy(Duration.ofSeconds(5));
        StepVerifier.create(session.close()).verifyComplete();
        time.advanceTimeBy(Duration.ofHours(1));
        assertThat(transport.connections).hasSize(1);
        assertThat(states).containsExactly(states(HANDSHAKE, ConnectionState.reconnecting(1, SHUTDOWN),
            ConnectionState.disconnected(null)));
    }

    @Test
    void explicitCloseNeverReconnects() {
        XmppSession session = connect(countdown10s());
        List<ConnectionState> states = record(session);
        StepVerifier.create(session.close()).verifyComplete();
        time.advanceTimeBy(Duration.ofHours(1));
        assertThat(transport.connections).hasSize(1);
        assertThat(states).containsExactly(states(HANDSHAKE, ConnectionState.DISCONNECTING,
            ConnectionState.disconnected(null)));
    }

    @Test
    void handlersAndRequestsWorkAfterRecovery() {
        XmppSession session = connect(countdown10s());
        session.handle("urn:example:echo", iq -> Mono.just(iq.resultWith(XmlElement.empty("urn:example:echo", "ok"))));
        transport.last().fail(SHUTDOWN);
        time.advanceTimeBy(Duration.ofSeconds(10));
        ScriptedServer second = servers.get(1);

        Iq get = Iq.get(null, XmlElement.empty("urn:example:echo", "q")).withFrom(ROMEO);
        second.deliver(get);
        assertThat(second.sentIqs()).anySatisfy(reply -> {
            assertThat(reply.id()).isEqualTo(get.id());
            assertThat(reply.type()).isEqualTo(Iq.Type.RESULT);
        });

        Iq ping = Iq.get(ROMEO, XmlElement.empty("urn:xmpp:ping", "ping"));
        StepVerifier.create(session.request(ping))
            .then(() -> second.deliver(ping.resultWith(null).withFrom(ROMEO)))
            .expectNextCount(1)
            .verifyComplete();
    }

    @Test
    void jsonBaseReconnectCountdownEnablesReconnect() {
        transport = new FakeTransport(false, c -> {
            ScriptedServer s = new ScriptedServer(c);
            servers.add(s);
            return s;
        });
        XmppClientConfig config = XmppClientConfig.fromJson("{\"jid\": \"juliet@example.com/balcony\","
            + " \"baseReconnectCountdown\": 20, \"sendInitialPresence\": false}");
        XmppSession session = config.applyTo(XmppClient.builder()).password(ScriptedServer.PASSWORD)
            .transport(transport).saslScheduler(Schedulers.immediate()).reconnectScheduler(time)
            .build().connect().block(Duration.ofSeconds(10));
        assertThat(session.jid().resourcepart()).contains("balcony");
        assertThat(servers.get(0).stanzas).isEmpty();
        List<ConnectionState> states = record(session);
        transport.last().fail(SHUTDOWN);
        time.advanceTimeBy(Duration.ofSeconds(17));
        assertThat(transport.connections).hasSize(1);
        time.advanceTimeBy(Duration.ofSeconds(6));
        assertThat(transport.connections).hasSize(2);
        assertThat(states).containsExactly(states(HANDSHAKE, ConnectionState.reconnecting(1, SHUTDOWN), HANDSHAKE));
    }

    @Test
    void disabledReconnectLeavesTheSessionAsBefore() {
        XmppSession session = connect(Reconnect.disabled());
        transport.last().fail(SHUTDOWN);
        time.advanceTimeBy(Duration.ofHours(1));
        assertThat(transport.connections).hasSize(1);
        StepVerifier.create(session.states()).expectNext(states(HANDSHAKE, ConnectionState.disconnected(SHUTDOWN)))
            .verifyComplete();
    }

    private static Message chat(String body) {
        return Message.builder().to(ROMEO).type(Message.Type.CHAT).body(body).build();
    }

    private static List<String> bodies(ScriptedServer server) {
        List<String> bodies = new java.util.ArrayList<>();
        for (XmlElement e : server.stanzas) {
            if (e.localName().equals("message")) {
                bodies.add(Message.of(e).body());
            }
        }
        return bodies;
    }

    @Test
    void sendsBetweenConnectionsAreQueuedAndFlushedInOrderOnceConnected() {
        XmppSession session = connect(countdown10s());
        FakeConnection first = transport.last();
        session.send(chat("before")).block(Duration.ofSeconds(5));
        first.fail(SHUTDOWN);

        List<String> done = new CopyOnWriteArrayList<>();
        AtomicReference<Throwable> error = new AtomicReference<>();
        for (int i = 1; i <= 3; i++) {
            String body = "during " + i;
            session.send(chat(body)).subscribe(null, error::set, () -> done.add(body));
        }
        // nothing went to the dead connection, nothing completed yet
        assertThat(bodies(servers.get(0))).containsExactly("before");
        assertThat(first.sent("message")).hasSize(1);
        assertThat(done).isEmpty();
        assertThat(SessionInternals.queuedCalls(session)).isEqualTo(3);

        time.advanceTimeBy(Duration.ofSeconds(10));
        assertThat(transport.connections).hasSize(2);
        session.send(chat("after")).block(Duration.ofSeconds(5));
        assertThat(bodies(servers.get(1))).containsExactly("during 1", "during 2", "during 3", "after");
        assertThat(done).containsExactly("during 1", "during 2", "during 3");
        assertThat(error).hasValue(null);
        assertThat(SessionInternals.queuedCalls(session)).isZero();
    }

    @Test
    void aFullOfflineQueueFailsTheCallWithOverflow() {
        XmppSession session = connect(countdown10s(), n -> false, s -> { }, false, b -> b.offlineQueueSize(2));
        transport.last().fail(SHUTDOWN);
        session.send(chat("one")).subscribe();
        session.send(chat("two")).subscribe();
        StepVerifier.create(session.send(chat("three")))
            .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(TransportOverflowException.class)
                .hasMessageContaining("capacity 2"))
            .verify(Duration.ofSeconds(5));
        time.advanceTimeBy(Duration.ofSeconds(10));
        assertThat(bodies(servers.get(1))).containsExactly("one", "two");
    }

    @Test
    void cancelledQueuedSendIsDroppedAndFreesItsPlace() {
        XmppSession session = connect(countdown10s(), n -> false, s -> { }, false, b -> b.offlineQueueSize(1));
        transport.last().fail(SHUTDOWN);
        reactor.core.Disposable cancelled = session.send(chat("cancelled")).subscribe();
        cancelled.dispose();
        session.send(chat("kept")).subscribe();
        time.advanceTimeBy(Duration.ofSeconds(10));
        assertThat(bodies(servers.get(1))).containsExactly("kept");
    }

    @Test
    void requestIssuedBetweenConnectionsIsSentAfterRecovery() {
        XmppSession session = connect(countdown10s());
        transport.last().fail(SHUTDOWN);
        Iq ping = Iq.get(ROMEO, XmlElement.empty("urn:xmpp:ping", "ping"));
        AtomicReference<Iq> reply = new AtomicReference<>();
        session.request(ping, Duration.ofSeconds(30)).subscribe(reply::set);
        time.advanceTimeBy(Duration.ofSeconds(10));
        ScriptedServer second = servers.get(1);
        assertThat(second.sentIqs()).extracting(Iq::id).containsExactly(ping.id());
        assertThat(reply).hasValue(null);
        second.deliver(ping.resultWith(null).withFrom(ROMEO));
        assertThat(reply.get()).isNotNull();
        assertThat(reply.get().id()).isEqualTo(ping.id());
    }

    @Test
    void requestQueuedBetweenConnectionsStillTimesOut() {
        XmppSession session = connect(Reconnect.countdown(Duration.ofSeconds(60)).withRandom(() -> 0.5));
        transport.last().fail(SHUTDOWN);
        Iq ping = Iq.get(ROMEO, XmlElement.empty("urn:xmpp:ping", "ping"));
        AtomicReference<Throwable> error = new AtomicReference<>();
        session.request(ping, Duration.ofSeconds(5)).subscribe(null, error::set);
        time.advanceTimeBy(Duration.ofSeconds(4));
        assertThat(error).hasValue(null);
        time.advanceTimeBy(Duration.ofSeconds(1));
        assertThat(error.get()).isInstanceOf(org.reactorxmpp.xmpp.stanza.StanzaErrorException.class);
        assertThat(((org.reactorxmpp.xmpp.stanza.StanzaErrorException) error.get()).condition())
            .isEqualTo(org.reactorxmpp.xmpp.stanza.StanzaError.Condition.REMOTE_SERVER_TIMEOUT);
        assertThat(SessionInternals.queuedCalls(session)).isZero();
        time.advanceTimeBy(Duration.ofSeconds(60));
        assertThat(transport.connections).hasSize(2);
        // the timed-out request is not sent on the new connection
        assertThat(servers.get(1).sentIqs()).isEmpty();
    }

    @Test
    void queuedCallsFailWhenTheSessionIsClosedInsteadOfRecovering() {
        XmppSession session = connect(countdown10s());
        transport.last().fail(SHUTDOWN);
        AtomicReference<Throwable> error = new AtomicReference<>();
        session.send(chat("never")).subscribe(null, error::set);
        session.close().block(Duration.ofSeconds(5));
        assertThat(error.get()).isInstanceOf(org.reactorxmpp.xmpp.transport.TransportClosedException.class);
    }

    @Test
    void queuedCallsFailWithTheCauseWhenReconnectGivesUp() {
        XmppSession session = connect(countdown10s().maxAttempts(1), n -> n >= 2, s -> { }, false);
        transport.last().fail(SHUTDOWN);
        AtomicReference<Throwable> error = new AtomicReference<>();
        session.send(chat("never")).subscribe(null, error::set);
        time.advanceTimeBy(Duration.ofHours(1));
        assertThat(error.get()).isInstanceOf(TransportException.class).hasMessageContaining("connection refused (2)");
    }

    @Test
    void lateSubscriberSeesTheLastSixteenStatesThenLiveChanges() {
        XmppSession session = connect(countdown10s());
        for (int i = 0; i < 3; i++) {
            transport.last().fail(SHUTDOWN);
            time.advanceTimeBy(Duration.ofSeconds(10));
        }
        // 4 + 3 * (1 + 4) = 19 states so far; a new subscriber gets the last 16
        List<ConnectionState> late = record(session);
        assertThat(late).containsExactly(states(ConnectionState.CONNECTED, ConnectionState.reconnecting(1, SHUTDOWN), HANDSHAKE, ConnectionState.reconnecting(1, SHUTDOWN), HANDSHAKE,
            ConnectionState.reconnecting(1, SHUTDOWN), HANDSHAKE));
        session.close().block(Duration.ofSeconds(5));
        assertThat(late.subList(16, late.size())).containsExactly(ConnectionState.DISCONNECTING,
            ConnectionState.disconnected(null));
    }

    @Test
    void passwordIsKeptForReconnectsUntilCloseThenZeroed() throws Exception {
        XmppSession session = connect(countdown10s());
        org.reactorxmpp.xmpp.sasl.SaslCredentials credentials = SessionInternals.credentials(session);
        assertThat(credentials.isDestroyed()).isFalse();
        assertThat(passwordChars(credentials)).containsExactly(ScriptedServer.PASSWORD.toCharArray());
        transport.last().fail(SHUTDOWN);
        time.advanceTimeBy(Duration.ofSeconds(10));
        // the reconnect authenticated with the same copy, still there for the next one
        assertThat(servers.get(1).authenticated()).isTrue();
        assertThat(SessionInternals.currentConnectionCredentials(session)).isSameAs(credentials);
        assertThat(credentials.isDestroyed()).isFalse();

        session.close().block(Duration.ofSeconds(5));
        assertThat(credentials.isDestroyed()).isTrue();
        assertThat(passwordChars(credentials)).containsOnly('\0');
    }

    @Test
    void passwordIsZeroedWhenReconnectGivesUp() throws Exception {
        XmppSession session = connect(countdown10s().maxAttempts(1), n -> n >= 2, s -> { }, false);
        org.reactorxmpp.xmpp.sasl.SaslCredentials credentials = SessionInternals.credentials(session);
        transport.last().fail(SHUTDOWN);
        time.advanceTimeBy(Duration.ofHours(1));
        assertThat(credentials.isDestroyed()).isTrue();
        assertThat(passwordChars(credentials)).containsOnly('\0');
    }

    @Test
    void elementsStillQueuedInTheTransportAtADropMoveInOrderToTheNextConnection() {
        XmppSession session = connect(countdown10s());
        FakeConnection first = transport.last();
        first.holdSends();
        List<String> done = new CopyOnWriteArrayList<>();
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        for (int i = 1; i <= 3; i++) {
            String body = "queued " + i;
            session.send(chat(body)).subscribe(null, errors::add, () -> done.add(body));
        }
        assertThat(first.held()).isEqualTo(3);
        first.fail(SHUTDOWN);
        // nothing failed: the three wait for the next connection, before any later call
        assertThat(errors).isEmpty();
        assertThat(SessionInternals.queuedCalls(session)).isEqualTo(3);
        session.send(chat("later")).subscribe(null, errors::add, () -> done.add("later"));

        time.advanceTimeBy(Duration.ofSeconds(10));
        assertThat(bodies(servers.get(1))).containsExactly("queued 1", "queued 2", "queued 3", "later");
        assertThat(done).containsExactly("queued 1", "queued 2", "queued 3", "later");
        assertThat(errors).isEmpty();
        assertThat(bodies(servers.get(0))).isEmpty();
    }

    @Test
    void elementsQueuedInTheTransportFailWithTheCauseWhenTheSessionEndsForGood() {
        XmppSession session = connect(countdown10s().maxAttempts(1), n -> n >= 2, s -> { }, false);
        transport.last().holdSends();
        AtomicReference<Throwable> error = new AtomicReference<>();
        session.send(chat("never")).subscribe(null, error::set);
        transport.last().fail(SHUTDOWN);
        assertThat(error).hasValue(null);
        time.advanceTimeBy(Duration.ofHours(1));
        assertThat(error.get()).isSameAs(refusals.get(2));
        StepVerifier.create(session.onClose()).expectErrorMatches(e -> e == refusals.get(2)).verify(Duration.ofSeconds(5));
    }

    @Test
    void withoutReconnectElementsQueuedInTheTransportFailWithTheSessionsCause() {
        XmppSession session = connect(Reconnect.disabled());
        transport.last().holdSends();
        AtomicReference<Throwable> error = new AtomicReference<>();
        session.send(chat("never")).subscribe(null, error::set);
        transport.last().fail(SHUTDOWN);
        assertThat(error.get()).isSameAs(SHUTDOWN);
    }

    @Test
    void aRequestWrittenOnTheLostConnectionFailsWhileAnUnwrittenOneMovesToTheNext() {
        XmppSession session = connect(countdown10s());
        FakeConnection first = transport.last();
        Iq written = Iq.get(ROMEO, XmlElement.empty("urn:xmpp:ping", "ping"));
        AtomicReference<Throwable> writtenError = new AtomicReference<>();
        session.request(written, Duration.ofMinutes(1)).subscribe(null, writtenError::set);
        first.holdSends();
        Iq unwritten = Iq.get(ROMEO, XmlElement.empty("urn:xmpp:ping", "ping"));
        AtomicReference<Iq> reply = new AtomicReference<>();
        session.request(unwritten, Duration.ofMinutes(1)).subscribe(reply::set);
        first.fail(SHUTDOWN);
        // its reply cannot come any more: the server routed it to the lost connection
        assertThat(writtenError.get()).isInstanceOf(org.reactorxmpp.xmpp.transport.TransportClosedException.class)
            .hasCause(SHUTDOWN);
        time.advanceTimeBy(Duration.ofSeconds(10));
        ScriptedServer second = servers.get(1);
        assertThat(second.sentIqs()).extracting(Iq::id).containsExactly(unwritten.id());
        second.deliver(unwritten.resultWith(null).withFrom(ROMEO));
        assertThat(reply.get()).isNotNull();
        assertThat(SessionInternals.pendingRequests(session)).isZero();
    }

    @Test
    void reconnectingStatesCarryTheirCauseAndConnectionDetailsFollowTheConnection() {
        XmppSession session = connect(countdown10s());
        assertThat(session.connectionDetails().number()).isEqualTo(1);
        assertThat(session.connectionDetails().isSecure()).isFalse();
        List<ConnectionState> changes = new CopyOnWriteArrayList<>();
        session.stateChanges().subscribe(changes::add);
        transport.last().fail(SHUTDOWN);
        assertThat(changes).singleElement().satisfies(s -> {
            assertThat(s.kind()).isEqualTo(ConnectionState.Kind.RECONNECTING);
            assertThat(s.cause()).containsSame(SHUTDOWN);
        });
        time.advanceTimeBy(Duration.ofSeconds(10));
        assertThat(session.connectionDetails().number()).isEqualTo(2);
    }

    /** Reads the credentials' own password array (private), to see whether it was zeroed. */
    static char[] passwordChars(org.reactorxmpp.xmpp.sasl.SaslCredentials credentials) throws Exception {
        java.lang.reflect.Field f = org.reactorxmpp.xmpp.sasl.SaslCredentials.class.getDeclaredField("password");
        f.setAccessible(true);
        return (char[]) f.get(credentials);
    }
}
