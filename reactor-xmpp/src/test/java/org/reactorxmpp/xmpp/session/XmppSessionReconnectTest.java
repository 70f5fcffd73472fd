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
import org.reactorxmpp.xmpp.transport.TransportException;
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
    private FakeTransport transport;

    /**
     * @param failing which connections (numbered from 1) fail right after opening, with a transient error
     * @param script adjusts each scripted server
     */
    private XmppSession connect(Reconnect policy, IntPredicate failing, Consumer<ScriptedServer> script,
                                boolean initialPresence) {
        transport = new FakeTransport(false, c -> {
            int number = transport.connections.size() + 1;
            if (failing.test(number)) {
                return new FakeConnection.Server() {
                    @Override
                    public void opened() {
                        c.fail(new TransportException("connection refused (" + number + ")", true));
                    }
                };
            }
            ScriptedServer s = new ScriptedServer(c);
            script.accept(s);
            servers.add(s);
            return s;
        });
        return XmppClient.builder().jid("juliet@example.com").password(ScriptedServer.PASSWORD)
            .transport(transport).saslScheduler(Schedulers.immediate()).sendInitialPresence(initialPresence)
            .reconnect(policy).reconnectScheduler(time)
            .build().connect().block(Duration.ofSeconds(10));
    }

    private XmppSession connect(Reconnect policy) {
        return connect(policy, n -> false, s -> { }, false);
    }

    private static Reconnect countdown10s() {
        return Reconnect.countdown(Duration.ofSeconds(10)).withRandom(() -> 0.5);
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
        transport.last().fail(new TransportException("connection reset", true));
        assertThat(states).containsExactly(ConnectionState.CONNECTED, ConnectionState.reconnecting(1));

        time.advanceTimeBy(Duration.ofMillis(8_999));
        assertThat(transport.connections).hasSize(1);
        time.advanceTimeBy(Duration.ofMillis(2_001));
        assertThat(transport.connections).hasSize(2);
        assertThat(states).containsExactly(ConnectionState.CONNECTED, ConnectionState.reconnecting(1),
            ConnectionState.CONNECTED);

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
            .expectNext(ConnectionState.CONNECTED)
            .then(() -> transport.last().fail(SHUTDOWN))
            .expectNext(ConnectionState.reconnecting(1))
            .expectNoEvent(Duration.ofMillis(9_999))
            .thenAwait(Duration.ofMillis(1))
            .expectNext(ConnectionState.CONNECTED)
            .then(() -> session.close().subscribe())
            .expectNext(ConnectionState.DISCONNECTING, ConnectionState.disconnected(null))
            .verifyComplete();
        assertThat(transport.connections).hasSize(2);
        assertThat(transport.last().closed).isTrue();
        StepVerifier.create(session.onClose()).verifyComplete();
    }

    @Test
    void failedAttemptsBackOffExponentiallyUpToTheCap() {
        XmppSession session = connect(Reconnect.backoff(Duration.ofSeconds(1), Duration.ofSeconds(4))
            .withRandom(() -> 0.5), n -> n >= 2 && n <= 4, s -> { }, false);
        StepVerifier.withVirtualTime(session::states, () -> time, Long.MAX_VALUE)
            .expectNext(ConnectionState.CONNECTED)
            .then(() -> transport.last().fail(SHUTDOWN))
            .expectNext(ConnectionState.reconnecting(1))
            .expectNoEvent(Duration.ofMillis(999))
            .thenAwait(Duration.ofMillis(1))
            .expectNext(ConnectionState.reconnecting(2))
            .expectNoEvent(Duration.ofMillis(1_999))
            .thenAwait(Duration.ofMillis(1))
            .expectNext(ConnectionState.reconnecting(3))
            .expectNoEvent(Duration.ofMillis(3_999))
            .thenAwait(Duration.ofMillis(1))
            .expectNext(ConnectionState.reconnecting(4))
            .expectNoEvent(Duration.ofMillis(3_999))
            .thenAwait(Duration.ofMillis(1))
            .expectNext(ConnectionState.CONNECTED)
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
        assertThat(states).hasSize(4);
        assertThat(states.subList(0, 3)).containsExactly(ConnectionState.CONNECTED, ConnectionState.reconnecting(1),
            ConnectionState.reconnecting(2));
        assertThat(states.get(3).kind()).isEqualTo(ConnectionState.Kind.DISCONNECTED);
        assertThat(states.get(3).cause()).get().asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.THROWABLE)
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
        assertThat(states).containsExactly(ConnectionState.CONNECTED, ConnectionState.disconnected(conflict));
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
        assertThat(states).hasSize(3);
        assertThat(states.get(1)).isEqualTo(ConnectionState.reconnecting(1));
        assertThat(states.get(2).cause()).containsInstanceOf(SaslException.class);
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
        assertThat(states).containsExactly(ConnectionState.CONNECTED, ConnectionState.reconnecting(1),
            ConnectionState.disconnected(null));
    }

    @Test
    void explicitCloseNeverReconnects() {
        XmppSession session = connect(countdown10s());
        List<ConnectionState> states = record(session);
        StepVerifier.create(session.close()).verifyComplete();
        time.advanceTimeBy(Duration.ofHours(1));
        assertThat(transport.connections).hasSize(1);
        assertThat(states).containsExactly(ConnectionState.CONNECTED, ConnectionState.DISCONNECTING,
            ConnectionState.disconnected(null));
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
        assertThat(states).containsExactly(ConnectionState.CONNECTED, ConnectionState.reconnecting(1),
            ConnectionState.CONNECTED);
    }

    @Test
    void disabledReconnectLeavesTheSessionAsBefore() {
        XmppSession session = connect(Reconnect.disabled());
        transport.last().fail(SHUTDOWN);
        time.advanceTimeBy(Duration.ofHours(1));
        assertThat(transport.connections).hasSize(1);
        StepVerifier.create(session.states()).expectNext(ConnectionState.disconnected(SHUTDOWN)).verifyComplete();
    }
}
