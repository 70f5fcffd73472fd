package org.reactorxmpp.xmpp.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.session.ConnectionState;
import org.reactorxmpp.xmpp.session.Reconnect;
import org.reactorxmpp.xmpp.session.XmppClient;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.stanza.Stanza;
import org.reactorxmpp.xmpp.testing.ScriptedTransport;
import org.reactorxmpp.xmpp.transport.StreamOpen;
import org.reactorxmpp.xmpp.transport.Transport;
import org.reactorxmpp.xmpp.transport.TransportConnection;
import org.reactorxmpp.xmpp.transport.TransportException;
import org.reactorxmpp.xmpp.transport.TransportObserver;
import org.reactorxmpp.xmpp.transport.TransportOverflowException;
import org.reactorxmpp.xmpp.xml.XmlElement;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.scheduler.VirtualTimeScheduler;

/** XmppMetrics on a real session over the scripted transport (the Prosody run is MetricsIT in samples). */
class XmppMetricsTest {

    private static final String ME = "juliet@example.com/balcony";
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final XmlElement PING = XmlElement.empty("urn:xmpp:ping", "ping");

    private final MeterRegistry registry = new SimpleMeterRegistry();

    private XmppClient.Builder client(ScriptedTransport transport, XmppMetrics metrics) {
        // SASL on the calling thread: connect() completes and the session's inbound is released before block()
        // returns, so a stanza pushed afterwards is delivered synchronously (with the default scheduler the release
        // ran on another thread and could deliver a test's pushes after its request)
        return XmppClient.builder().jid("juliet@example.com").password("any").transport(transport).observer(metrics)
            .saslScheduler(Schedulers.immediate());
    }

    private double gauge(String state) {
        return registry.get("xmpp.sessions").tag("state", state).gauge().value();
    }

    private double stanzas(String direction, String kind) {
        return registry.get("xmpp.stanzas").tag("direction", direction).tag("kind", kind).counter().count();
    }

    @Test
    void countsStanzasTimesIqsAndFollowsTheSessionState() {
        ScriptedTransport transport = ScriptedTransport.builder(ME)
            .expectIq("urn:xmpp:ping").thenRespond(ScriptedTransport.result(null)).build();
        XmppMetrics metrics = XmppMetrics.builder(registry).networkMetrics(false).build();
        XmppSession session = client(transport, metrics).build().connect().block(WAIT);

        session.request(Iq.get(null, PING)).block(WAIT);

        assertThat(gauge("connected")).isEqualTo(1.0);
        assertThat(stanzas("out", "iq")).as("bind + ping").isEqualTo(2.0);
        assertThat(stanzas("in", "iq")).as("their results").isEqualTo(2.0);
        assertThat(stanzas("out", "presence")).as("initial presence").isEqualTo(1.0);
        assertThat(registry.get("xmpp.iq.latency").tag("outcome", "result").timer().count()).isEqualTo(2);
        assertThat(registry.get("xmpp.transport.connects").tag("outcome", "success").timer().count()).isEqualTo(1);
        assertThat(registry.get("xmpp.iq.timeouts").counter().count()).isZero();

        session.close().block(WAIT);
        assertThat(gauge("connected")).isZero();
        assertThat(registry.find("xmpp.sessions").tag("state", "disconnected").gauge()).isNull();
    }

    @Test
    void anUnansweredIqCountsAsATimeoutOnceTheMetricsTimeoutPassed() {
        VirtualTimeScheduler time = VirtualTimeScheduler.create();
        ScriptedTransport transport = ScriptedTransport.builder(ME).expectIq("urn:xmpp:ping").thenNothing().build();
        XmppMetrics metrics = XmppMetrics.builder(registry).networkMetrics(false)
            .iqTimeout(Duration.ofSeconds(30)).timer(time).build();
        XmppSession session = client(transport, metrics).build().connect().block(WAIT);

        session.request(Iq.get(null, PING), Duration.ofHours(1)).subscribe(iq -> { }, e -> { });
        transport.verify();                       // the ping was sent
        time.advanceTimeBy(Duration.ofSeconds(29));
        assertThat(registry.get("xmpp.iq.timeouts").counter().count()).isZero();
        time.advanceTimeBy(Duration.ofSeconds(1));
        assertThat(registry.get("xmpp.iq.timeouts").counter().count()).isEqualTo(1.0);

        session.close().block(WAIT);
    }

    @Test
    void countsReconnectAttemptsAndReconnects() {
        ScriptedTransport transport = ScriptedTransport.builder(ME).build();
        XmppMetrics metrics = XmppMetrics.builder(registry).networkMetrics(false).build();
        XmppSession session = client(transport, metrics)
            .reconnect(Reconnect.backoff(Duration.ofMillis(1), Duration.ofMillis(10))).build().connect().block(WAIT);
        var connectedAgain = session.stateChanges().filter(s -> s.kind() == ConnectionState.Kind.CONNECTED).next().toFuture();

        transport.last().drop(new TransportException("connection reset", true));
        connectedAgain.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();

        assertThat(registry.get("xmpp.reconnect.attempts").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("xmpp.reconnects").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("xmpp.transport.connects").tag("outcome", "success").timer().count()).isEqualTo(2);
        assertThat(gauge("connected")).isEqualTo(1.0);
        assertThat(gauge("reconnecting")).isZero();
        session.close().block(WAIT);
    }

    @Test
    void aSubscriberWhoseSessionBufferOverflowsIsCountedApartFromTheTransportsOverflow() {
        ScriptedTransport transport = ScriptedTransport.builder(ME).build();
        XmppMetrics metrics = XmppMetrics.builder(registry).networkMetrics(false).build();
        XmppSession session = client(transport, metrics).inboundBufferSize(2).build().connect().block(WAIT);
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        BaseSubscriber<Stanza> slow = new BaseSubscriber<>() {
            @Override
            protected void hookOnSubscribe(Subscription subscription) {
                // no demand: the session's buffer of 2 fills
            }

            @Override
            protected void hookOnError(Throwable error) {
                errors.add(error);
            }
        };
        session.inbound().subscribe(slow);
        assertThat(registry.get("xmpp.session.inbound.overflows").counter().count()).isZero();

        for (int i = 0; i < 3; i++) {
            transport.push(Message.builder().from(Jid.parse("romeo@example.net/x"))
                .body("m" + i).build());
        }
        slow.request(2);

        assertThat(errors).singleElement().isInstanceOf(TransportOverflowException.class);
        assertThat(registry.get("xmpp.session.inbound.overflows").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("xmpp.overflows").tag("direction", "in").counter().count())
            .as("the transport's own buffer did not overflow").isZero();
        session.close().block(WAIT);
    }

    @Test
    void aTransportReportsToTheMetricsThroughItsObserver() {
        RecordingTransport transport = new RecordingTransport();
        XmppMetrics metrics = XmppMetrics.builder(registry).networkMetrics(false).build();
        metrics.transport(transport);
        TransportObserver observer = transport.observer;
        assertThat(observer).isNotNull().isNotSameAs(TransportObserver.NONE);

        observer.exchange(TransportObserver.Outcome.ANSWERED, true, 2_000_000);
        observer.exchange(TransportObserver.Outcome.FAILED, false, 1_000_000);
        observer.resent(TransportObserver.ResendReason.HTTP_5XX);
        observer.stalled();
        observer.sessionEnded(12, 1);

        assertThat(registry.get("xmpp.bosh.requests").tag("outcome", "answered").tag("payload", "true").timer()
            .totalTime(TimeUnit.MILLISECONDS)).isEqualTo(2.0);
        assertThat(registry.get("xmpp.bosh.requests").tag("outcome", "failed").tag("payload", "false").timer().count())
            .isEqualTo(1);
        assertThat(registry.get("xmpp.bosh.resends").tag("reason", "http-5xx").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("xmpp.bosh.resends").tag("reason", "timeout").counter().count()).isZero();
        assertThat(registry.get("xmpp.bosh.stalls").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("xmpp.bosh.session.requests").summary().totalAmount()).isEqualTo(12.0);
        assertThat(registry.get("xmpp.bosh.session.resends").summary().totalAmount()).isEqualTo(1.0);
    }

    /** A transport that keeps the observer it is given. */
    private static final class RecordingTransport implements Transport {
        volatile @Nullable TransportObserver observer;

        @Override
        public Mono<TransportConnection> connect(
            StreamOpen open) {
            return Mono.never();
        }

        @Override
        public Transport withObserver(TransportObserver o) {
            this.observer = o;
            return this;
        }
    }
}
