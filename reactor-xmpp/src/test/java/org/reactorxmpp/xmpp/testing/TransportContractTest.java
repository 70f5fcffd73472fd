package org.reactorxmpp.xmpp.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import org.reactorxmpp.xmpp.XmppException;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.sasl.SaslCondition;
import org.reactorxmpp.xmpp.sasl.SaslException;
import org.reactorxmpp.xmpp.session.ConnectionState;
import org.reactorxmpp.xmpp.session.XmppClient;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.stanza.Stanza;
import org.reactorxmpp.xmpp.transport.Transport;
import org.reactorxmpp.xmpp.transport.TransportClosedException;
import org.reactorxmpp.xmpp.transport.TransportOverflowException;
import org.reactorxmpp.xmpp.xml.XmlElement;
import reactor.core.Disposable;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * What every {@link Transport} must do, checked through a real session against a real server: log
 * in; deliver in order; a flood of 10,000 messages with nothing lost; close; cancel; typed errors;
 * overflow instead of silent loss; large stanzas within the limits. A transport's test tree runs it
 * by extending this class (the BOSH one: {@code BoshTransportContractIT}).
 *
 * <pre>{@code
 * class MyTransportContractIT extends TransportContractTest {
 *     protected Transport transport(int outboundCapacity) { return MyTransport.builder()...build(); }
 *     protected Transport unreachable() { return MyTransport.builder().url(closedPort).build(); }
 *     protected XmppClient.Builder account(int n) { return XmppClient.builder().jid("user" + n + "@" + host)... }
 * }
 * }</pre>
 */
public abstract class TransportContractTest {

    /** The limit of each wait: generous, a failure shows up as a timeout naming the step. */
    protected static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final List<XmppSession> open = new CopyOnWriteArrayList<>();

    /**
     * @param outboundCapacity how many elements the transport's outbound queue holds
     * @return a new transport to the server under test
     */
    protected abstract Transport transport(int outboundCapacity);

    /** @return a transport to the server under test with its default settings */
    protected abstract Transport transport();

    /** @return a transport to an address where nothing listens */
    protected abstract Transport unreachable();

    /**
     * @param n 1 or 2: two distinct accounts on the server under test
     * @return a client builder with that account's JID and password, without a transport
     */
    protected abstract XmppClient.Builder account(int n);

    /** @return the kind the transport reports in its {@code TransportDetails} */
    protected abstract org.reactorxmpp.xmpp.transport.TransportDetails.Kind kind();

    @AfterEach
    void closeSessions() {
        for (XmppSession s : open) {
            s.close().onErrorResume(e -> Mono.empty()).block(TIMEOUT);
        }
    }

    private XmppSession connect(int account, Transport transport) {
        XmppSession s = account(account).transport(transport).build().connect().block(TIMEOUT);
        open.add(s);
        return s;
    }

    /**
     * Returns once a message from alice reached bob: his initial presence goes out after {@code connect()} emits,
     * and until the server has processed it, a message to his bare JID goes to offline storage (ejabberd then
     * delivered "burst 0" after the marker that followed it). Whether the first one went live or was flushed
     * from offline storage by that presence, bob is available once it arrives.
     */
    private static void awaitAvailable(XmppSession alice, XmppSession bob) {
        Mono<Message> ready = bob.messages().filter(m -> "ready".equals(m.body())).next().cache();
        ready.subscribe();
        alice.send(chat(bob, "ready")).block(TIMEOUT);
        ready.block(TIMEOUT);
    }

    private static Message chat(XmppSession to, String body) {
        return Message.builder().to(to.jid().asBare()).type(Message.Type.CHAT).body(body).build();
    }

    @Test
    void logsInAndAnswersAPing() {
        XmppSession session = connect(1, transport());
        assertThat(session.states().take(4).map(ConnectionState::kind).collectList().block(TIMEOUT))
            .containsExactly(ConnectionState.Kind.CONNECTING, ConnectionState.Kind.AUTHENTICATING,
                ConnectionState.Kind.BINDING, ConnectionState.Kind.CONNECTED);
        Iq pong = session.request(Iq.get(Jid.domain(session.jid().domainpart()),
            XmlElement.empty("urn:xmpp:ping", "ping"))).block(TIMEOUT);
        assertThat(pong.type()).isEqualTo(Iq.Type.RESULT);
        assertThat(session.connectionDetails().number()).isEqualTo(1);
        assertThat(session.connectionDetails().transport().kind()).isEqualTo(kind());
    }

    @Test
    void stanzasArriveInTheOrderTheyWereSent() {
        XmppSession alice = connect(1, transport());
        XmppSession bob = connect(2, transport());
        awaitAvailable(alice, bob);
        int count = 200;
        Mono<List<String>> received = bob.messages().map(Message::body).take(count).collectList().cache();
        received.subscribe();
        Flux.range(0, count).concatMap(i -> alice.send(chat(bob, "m" + i))).then().block(TIMEOUT);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            expected.add("m" + i);
        }
        assertThat(received.block(TIMEOUT)).containsExactlyElementsOf(expected);
    }

    @Test
    void aFloodOfTenThousandMessagesLosesNothing() {
        XmppSession alice = connect(1, transport());
        XmppSession bob = connect(2, transport());
        awaitAvailable(alice, bob);
        int count = 10_000;
        // the flood measures the transport, not the server's archive: ejabberd's mod_mam (mnesia) delivered only
        // ~30 messages/s to bob while archiving on a loaded 2-core machine, so neither account archives this run
        archiveNothing(alice);
        archiveNothing(bob);
        Mono<List<String>> received = bob.messages().map(Message::body).take(count).collectList().cache();
        received.subscribe();
        // many sends in flight at once: the transport batches them, its queue keeps them in order
        Flux.range(0, count).flatMapSequential(i -> alice.send(chat(bob, "flood " + i)), 64).then().block(TIMEOUT);
        List<String> bodies = received.block(TIMEOUT);
        assertThat(bodies).hasSize(count).doesNotHaveDuplicates();
        for (int i = 0; i < count; i++) {
            assertThat(bodies.get(i)).isEqualTo("flood " + i);
        }
    }

    /** Sets the account's XEP-0313 default to {@code never} (both test servers archive every message otherwise). */
    private static void archiveNothing(XmppSession session) {
        Iq answer = session.request(Iq.set(null, XmlElement.builder("urn:xmpp:mam:2", "prefs")
            .attribute("default", "never").build())).block(TIMEOUT);
        assertThat(answer.type()).isEqualTo(Iq.Type.RESULT);
    }

    @Test
    void closeEndsEverythingCleanlyAndLaterCallsFailTyped() {
        XmppSession session = connect(1, transport());
        StepVerifier.create(session.close()).expectComplete().verify(TIMEOUT);
        StepVerifier.create(session.onClose()).expectComplete().verify(TIMEOUT);
        StepVerifier.create(session.inbound()).expectComplete().verify(TIMEOUT);
        assertThat(session.states().blockLast(TIMEOUT)).isEqualTo(ConnectionState.disconnected(null));
        StepVerifier.create(session.send(Message.builder().to(session.jid()).body("late").build()))
            .expectError(TransportClosedException.class).verify(TIMEOUT);
        // idempotent
        StepVerifier.create(session.close()).expectComplete().verify(TIMEOUT);
    }

    @Test
    void aCancelledRequestLeavesTheSessionWorking() {
        XmppSession session = connect(1, transport());
        Jid server = Jid.domain(session.jid().domainpart());
        Disposable cancelled = session.request(Iq.get(server, XmlElement.empty("http://jabber.org/protocol/disco#items",
            "query"))).subscribe();
        cancelled.dispose();
        Iq pong = session.request(Iq.get(server, XmlElement.empty("urn:xmpp:ping", "ping"))).block(TIMEOUT);
        assertThat(pong.type()).isEqualTo(Iq.Type.RESULT);
        // a cancelled connect leaves nothing behind that stops the next one
        account(1).transport(transport()).build().connect().subscribe().dispose();
        XmppSession again = connect(1, transport());
        assertThat(again.jid().asBare()).isEqualTo(session.jid().asBare());
    }

    @Test
    void errorsAreTyped() {
        StepVerifier.create(account(1).transport(unreachable()).connectTimeout(Duration.ofSeconds(20)).build().connect())
            .expectErrorSatisfies(e -> {
                assertThat(e).isInstanceOf(XmppException.class);
                assertThat(((XmppException) e).isTransient()).as("an unreachable server may come back").isTrue();
            })
            .verify(TIMEOUT);
        StepVerifier.create(account(1).password("not the password").transport(transport()).build().connect())
            .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(SaslException.class,
                s -> assertThat(s.condition()).isEqualTo(SaslCondition.NOT_AUTHORIZED)))
            .verify(TIMEOUT);
    }

    @Test
    void aFullOutboundQueueIsAnErrorTheCallerSeesNeverASilentLoss() {
        int capacity = 4;
        XmppSession alice = connect(1, transport(capacity));
        XmppSession bob = connect(2, transport());
        awaitAvailable(alice, bob);
        int count = 200;
        List<String> receivedBodies = new CopyOnWriteArrayList<>();
        bob.messages().map(Message::body).subscribe(receivedBodies::add);
        AtomicInteger written = new AtomicInteger();
        AtomicInteger overflowed = new AtomicInteger();
        List<Throwable> others = new CopyOnWriteArrayList<>();
        // all at once, nobody waiting: more than the queue holds
        Flux.range(0, count).flatMap(i -> alice.send(chat(bob, "burst " + i))
                .doOnSuccess(v -> written.incrementAndGet())
                .onErrorResume(e -> {
                    if (e instanceof TransportOverflowException o) {
                        assertThat(o.direction()).isEqualTo(TransportOverflowException.Direction.OUTBOUND);
                        overflowed.incrementAndGet();
                    } else {
                        others.add(e);
                    }
                    return Mono.empty();
                }), count)
            .then().block(TIMEOUT);
        assertThat(others).isEmpty();
        assertThat(overflowed.get()).as("some sends found the queue full").isPositive();
        assertThat(written.get() + overflowed.get()).isEqualTo(count);
        // a marker after the burst: once it arrives, everything written before it has arrived
        Mono<Message> end = bob.messages().filter(m -> "end".equals(m.body())).next().cache();
        end.subscribe();
        alice.send(chat(bob, "end")).block(TIMEOUT);
        end.block(TIMEOUT);
        assertThat(receivedBodies).hasSize(written.get() + 1);
    }

    @Test
    void aSubscriberThatStopsRequestingGetsAnInboundOverflowAfterWhatWasBuffered() {
        XmppSession alice = connect(1, transport());
        XmppSession bob = account(2).transport(transport()).inboundBufferSize(8).build().connect().block(TIMEOUT);
        open.add(bob);
        List<Object> signals = new CopyOnWriteArrayList<>();
        BaseSubscriber<Stanza> stalled = new BaseSubscriber<>() {
            @Override
            protected void hookOnSubscribe(Subscription subscription) {
                // requests nothing
            }

            @Override
            protected void hookOnNext(Stanza value) {
                signals.add(value);
            }

            @Override
            protected void hookOnError(Throwable error) {
                signals.add(error);
            }
        };
        bob.inbound().subscribe(stalled);
        Flux.range(0, 20).concatMap(i -> alice.send(chat(bob, "o" + i))).then().block(TIMEOUT);
        // the 20 have reached bob once a ping answered after them has
        Iq ping = Iq.get(Jid.domain(bob.jid().domainpart()), XmlElement.empty("urn:xmpp:ping", "ping"));
        alice.request(ping).block(TIMEOUT);
        bob.request(ping).block(TIMEOUT);
        stalled.request(100);
        // exactly the buffer's worth of stanzas (the messages among them in order), then the overflow
        assertThat(signals).hasSize(9);
        assertThat(signals.subList(0, 8)).allSatisfy(s -> assertThat(s).isInstanceOf(Stanza.class));
        List<String> bodies = signals.subList(0, 8).stream().filter(Message.class::isInstance)
            .map(s -> ((Message) s).body()).toList();
        for (int i = 0; i < bodies.size(); i++) {
            assertThat(bodies.get(i)).isEqualTo("o" + i);
        }
        assertThat(signals.get(8)).isInstanceOfSatisfying(TransportOverflowException.class,
            e -> assertThat(e.direction()).isEqualTo(TransportOverflowException.Direction.INBOUND));
        // bob's session itself keeps working
        assertThat(bob.request(ping).block(TIMEOUT).type()).isEqualTo(Iq.Type.RESULT);
    }

    @Test
    void aLargeStanzaWithinTheLimitsArrivesIntact() {
        XmppSession alice = connect(1, transport());
        XmppSession bob = connect(2, transport());
        awaitAvailable(alice, bob);
        String body = "x".repeat(60_000) + "é<&>\"'" + "y".repeat(1_000);
        Mono<Message> received = bob.messages().next().cache();
        received.subscribe();
        alice.send(chat(bob, body)).block(TIMEOUT);
        assertThat(received.block(TIMEOUT).body()).isEqualTo(body);
    }
}
