package org.reactorxmpp.bosh.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.reactorxmpp.bosh.BoshTransport;
import org.reactorxmpp.xmpp.metrics.XmppMetrics;
import org.reactorxmpp.xmpp.session.XmppClient;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.testing.OnBothServers;
import org.reactorxmpp.xmpp.testing.TestAccount;
import org.reactorxmpp.xmpp.testing.XmppTestServer;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** The BOSH request meters of {@link XmppMetrics} for a login and ten messages, on each real server. */
@OnBothServers
class BoshMetricsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int MESSAGES = 10;

    @Parameter
    XmppTestServer server;

    private XmppClient client(TestAccount account, MeterRegistry registry) {
        XmppClient.Builder b = XmppClient.builder().jid(account.jid()).password(account.password())
            .transport(BoshTransport.builder().url(server.boshUrl()).build());
        return registry == null ? b.build() : b.observer(XmppMetrics.builder(registry).networkMetrics(false).build()).build();
    }

    private static long count(MeterRegistry registry, String outcome, String payload) {
        return registry.find("xmpp.bosh.requests").tag("outcome", outcome).tag("payload", payload).timers().stream()
            .mapToLong(Timer::count).sum();
    }

    @Test
    void aLoginAndTenMessagesAreCountedRequestByRequestWithoutResends() {
        List<TestAccount> accounts = server.newAccounts("bosh-metrics", 2);
        MeterRegistry registry = new SimpleMeterRegistry();
        XmppSession alice = client(accounts.get(0), registry).connect().block(TIMEOUT);
        XmppSession bob = client(accounts.get(1), null).connect().block(TIMEOUT);
        try {
            List<String> bodies = IntStream.range(0, MESSAGES).mapToObj(i -> "metered " + i).collect(Collectors.toList());
            StepVerifier.create(bob.messages().filter(m -> alice.jid().equals(m.from())).map(Message::body)
                    .take(MESSAGES).collectList())
                .then(() -> Flux.fromIterable(bodies)
                    .concatMap(body -> alice.send(Message.builder().to(bob.jid()).type(Message.Type.CHAT).body(body).build()))
                    .subscribe())
                .assertNext(received -> assertThat(received).containsExactlyElementsOf(bodies))
                .expectComplete()
                .verify(TIMEOUT);
        } finally {
            alice.close().block(TIMEOUT);
            bob.close().block(TIMEOUT);
        }

        long withPayload = count(registry, "answered", "true") + count(registry, "abandoned", "true");
        long all = registry.find("xmpp.bosh.requests").timers().stream().mapToLong(Timer::count).sum();
        double stanzasOut = registry.find("xmpp.stanzas").tag("direction", "out").counters().stream()
            .mapToDouble(c -> c.count()).sum();
        // a healthy server on loopback: nothing failed, nothing resent, nothing stalled
        assertThat(count(registry, "failed", "true") + count(registry, "failed", "false")).isZero();
        assertThat(registry.find("xmpp.bosh.resends").counters().stream().mapToDouble(c -> c.count()).sum()).isZero();
        assertThat(registry.get("xmpp.bosh.stalls").counter().count()).isZero();
        // every message and the login's payload (SASL, bind, presence) rode requests with payload: at least one
        // body for the messages (cap of 100 elements), and never more bodies than elements sent (stanzas + SASL)
        assertThat(stanzasOut).as("bind, presences and the messages").isGreaterThanOrEqualTo(MESSAGES + 2);
        assertThat(withPayload).as("requests with payload").isGreaterThanOrEqualTo(1 + 3)
            .isLessThanOrEqualTo((long) stanzasOut + 3);
        // creation, restart and the keep-alives are requests without payload
        assertThat(count(registry, "answered", "false")).isGreaterThanOrEqualTo(2);
        // one session ended: its own total is every exchange the meters saw
        assertThat(registry.get("xmpp.bosh.session.requests").summary().count()).isEqualTo(1);
        assertThat(registry.get("xmpp.bosh.session.requests").summary().totalAmount()).isEqualTo(all);
        assertThat(registry.get("xmpp.bosh.session.resends").summary().totalAmount()).isZero();
        assertThat(registry.get("xmpp.bosh.requests").tag("outcome", "answered").tag("payload", "true").timer()
            .totalTime(TimeUnit.NANOSECONDS)).as("latency recorded").isPositive();
    }
}
