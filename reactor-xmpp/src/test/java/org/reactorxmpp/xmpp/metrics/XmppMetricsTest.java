package org.reactorxmpp.xmpp.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.reactorxmpp.xmpp.session.ConnectionState;
import org.reactorxmpp.xmpp.session.Reconnect;
import org.reactorxmpp.xmpp.session.XmppClient;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.testing.ScriptedTransport;
import org.reactorxmpp.xmpp.transport.TransportException;
import org.reactorxmpp.xmpp.xml.XmlElement;
import reactor.test.scheduler.VirtualTimeScheduler;

/** XmppMetrics on a real session over the scripted transport (the Prosody run is MetricsIT in samples). */
class XmppMetricsTest {

    private static final String ME = "juliet@example.com/balcony";
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final XmlElement PING = XmlElement.empty("urn:xmpp:ping", "ping");

    private final MeterRegistry registry = new SimpleMeterRegistry();

    private XmppClient.Builder client(ScriptedTransport transport, XmppMetrics metrics) {
        return XmppClient.builder().jid("juliet@example.com").password("any").transport(transport).observer(metrics);
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
        connectedAgain.orTimeout(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS).join();

        assertThat(registry.get("xmpp.reconnect.attempts").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("xmpp.reconnects").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("xmpp.transport.connects").tag("outcome", "success").timer().count()).isEqualTo(2);
        assertThat(gauge("connected")).isEqualTo(1.0);
        assertThat(gauge("reconnecting")).isZero();
        session.close().block(WAIT);
    }
}
