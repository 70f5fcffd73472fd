package org.reactorxmpp.bosh;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactorxmpp.bosh.FakeConnectionManager.Reply;
import org.reactorxmpp.xmpp.metrics.XmppMetrics;
import org.reactorxmpp.xmpp.transport.StreamOpen;
import org.reactorxmpp.xmpp.transport.Transport;
import org.reactorxmpp.xmpp.transport.TransportConnection;
import org.reactorxmpp.xmpp.xml.XmlElement;

import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The BOSH transport's requests, resends (with their reason) and per-session totals in {@link XmppMetrics}, against
 * a scripted connection manager that loses one exchange.
 */
class BoshMetricsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private FakeConnectionManager cm;

    @AfterEach
    void stop() {
        if (cm != null) {
            cm.close();
        }
    }

    /** Prosody-like, except that the first request carrying {@code m1} gets {@code failure} instead of an answer. */
    private TransportConnection connect(Reply failure) {
        ProsodyLikeHandler prosody = new ProsodyLikeHandler();
        AtomicBoolean failed = new AtomicBoolean();
        cm = FakeConnectionManager.start(r -> r.carries("m1") && failed.compareAndSet(false, true)
            ? Mono.just(failure) : prosody.handle(r));
        Transport metered = XmppMetrics.builder(registry).networkMetrics(false).build()
            .transport(BoshTransport.builder().url(cm.url()).retryBackoff(Duration.ofMillis(10), Duration.ofMillis(20))
                .build());
        return metered.connect(StreamOpen.to("localhost")).block(TIMEOUT);
    }

    private double resends(String reason) {
        return registry.get("xmpp.bosh.resends").tag("reason", reason).counter().count();
    }

    private long exchanges(String outcome, boolean payload) {
        return registry.get("xmpp.bosh.requests").tag("outcome", outcome).tag("payload", Boolean.toString(payload))
            .timer().count();
    }

    private void sendAndClose(TransportConnection c) {
        StepVerifier.create(c.send(XmlElement.builder("jabber:client", "message").attribute("id", "m1").build()))
            .expectComplete().verify(TIMEOUT);
        cm.requests().filter(r -> r.carries("m1")).take(2).last().block(TIMEOUT); // the resend arrived
        StepVerifier.create(c.close(null)).expectComplete().verify(TIMEOUT);
        // close() completes when the terminate is answered, a step before the session records its end (on the
        // session's loop); onClose() completes after that
        StepVerifier.create(c.onClose()).expectComplete().verify(TIMEOUT);
    }

    @Test
    void aDroppedConnectionIsOneFailedExchangeAndOneResendForThatReason() {
        TransportConnection c = connect(Reply.drop());
        sendAndClose(c);

        assertThat(resends("connection")).isEqualTo(1.0);
        assertThat(resends("timeout") + resends("http-5xx") + resends("recoverable-error") + resends("reported-lost")
            + resends("unacknowledged")).isZero();
        assertThat(exchanges("failed", true)).isEqualTo(1);
        assertThat(exchanges("answered", true) + exchanges("abandoned", true))
            .as("the resend: answered, or still held when the terminate's answer ended the session").isEqualTo(1);
        assertThat(exchanges("answered", false)).as("the creation at least (the keep-alive and the terminate are"
            + " answered or, when the other one's answer ended the session first, abandoned)").isGreaterThanOrEqualTo(1);
        assertThat(registry.get("xmpp.bosh.session.requests").summary().count()).as("sessions ended").isEqualTo(1);
        assertThat(registry.get("xmpp.bosh.session.requests").summary().totalAmount())
            .as("every HTTP exchange of the session, each of which reached the connection manager")
            .isEqualTo(cm.received().size());
        assertThat(registry.get("xmpp.bosh.session.resends").summary().totalAmount()).isEqualTo(1.0);
    }

    @Test
    void anHttp503IsAResendForHttp5xx() {
        TransportConnection c = connect(Reply.status(503));
        sendAndClose(c);

        assertThat(resends("http-5xx")).isEqualTo(1.0);
        assertThat(resends("connection")).isZero();
        assertThat(exchanges("failed", true)).isEqualTo(1);
    }

    @Test
    void aRecoverableBindingErrorIsCountedAsSuch() {
        TransportConnection c = connect(Reply.xml("<body xmlns='http://jabber.org/protocol/httpbind' type='error'/>"));
        sendAndClose(c);

        assertThat(resends("recoverable-error")).as("the request answered type='error' (no earlier one unanswered)")
            .isGreaterThanOrEqualTo(1.0);
        assertThat(exchanges("recoverable-error", true)).isEqualTo(1);
        assertThat(resends("connection") + resends("http-5xx")).isZero();
    }
}
