package org.reactorxmpp.samples.guide;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.reactorxmpp.bosh.BoshTransport;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.metrics.XmppMetrics;
import org.reactorxmpp.xmpp.session.XmppClient;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.testing.ProsodyServer;
import org.reactorxmpp.xmpp.xml.XmlElement;

/** docs/metrics.md: XmppMetrics with a SimpleMeterRegistry against a real Prosody login and ping over BOSH. */
class MetricsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    static XmppClient metered(java.net.URI boshUrl, String jid, MeterRegistry registry) {
        // tag::metrics[]
        XmppClient client = XmppClient.builder()
            .jid(jid)
            .password("secret")
            .transport(BoshTransport.builder().url(boshUrl).build())
            .observer(XmppMetrics.of(registry))      // xmpp.* meters and Reactor Netty's HTTP client metrics
            .build();
        // end::metrics[]
        return client;
    }

    @Test
    void aLoginAndAPingAreCountedTimedAndSeenByReactorNetty() {
        Assumptions.assumeTrue(ProsodyServer.isInstalled() || "true".equals(System.getenv("CI")),
            "Prosody is not installed: apt-get install -y prosody");
        MeterRegistry registry = new SimpleMeterRegistry();
        try (ProsodyServer prosody = ProsodyServer.builder().users("user", 1, "secret").build()) {
            prosody.start();
            XmppClient client = metered(prosody.boshUrl(), "user1@" + prosody.host(), registry);

            Iq pong = client.withSession(session -> session.request(
                    Iq.get(Jid.domain(prosody.host()), XmlElement.empty("urn:xmpp:ping", "ping")))
                .doOnNext(answer -> assertThat(registry.get("xmpp.sessions").tag("state", "connected").gauge().value())
                    .isEqualTo(1.0)))
                .block(TIMEOUT);

            assertThat(pong.type()).isEqualTo(Iq.Type.RESULT);
        } finally {
            io.micrometer.core.instrument.Metrics.removeRegistry(registry);
        }
        assertThat(registry.get("xmpp.transport.connects").tag("outcome", "success").timer().count()).isEqualTo(1);
        assertThat(registry.get("xmpp.iq.latency").tag("outcome", "result").timer().count())
            .as("bind and ping, at least (Prosody may ask disco#info of our caps too)").isGreaterThanOrEqualTo(2);
        assertThat(registry.get("xmpp.stanzas").tag("direction", "out").tag("kind", "presence").counter().count())
            .as("initial and final presence").isEqualTo(2.0);
        assertThat(registry.get("xmpp.sessions").tag("state", "connected").gauge().value()).isZero();
        assertThat(registry.get("xmpp.iq.timeouts").counter().count()).isZero();
        // the BOSH transport's own request meters: every exchange answered, none resent
        assertThat(registry.get("xmpp.bosh.requests").tag("outcome", "answered").timers().stream()
            .mapToLong(io.micrometer.core.instrument.Timer::count).sum()).isGreaterThanOrEqualTo(4);
        assertThat(registry.get("xmpp.bosh.resends").counters()).allSatisfy(c -> assertThat(c.count()).isZero());
        assertThat(registry.get("xmpp.bosh.session.requests").summary().count()).isEqualTo(1);
        // Reactor Netty's own metrics of the BOSH requests, switched on by the same call
        assertThat(registry.get("reactor.netty.http.client.response.time").timers())
            .isNotEmpty().allSatisfy(t -> assertThat(t.getId().getTag("uri")).contains("/http-bind"));
    }
}
