package org.reactorxmpp.bosh;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactorxmpp.xmpp.transport.StreamOpen;
import org.reactorxmpp.xmpp.transport.TransportConnection;
import org.reactorxmpp.xmpp.xml.XmlElement;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * A connection manager that takes long to process a request's payload (the MUC fan-out stall, issue 14):
 * Prosody processes a request body in one pass and answers the request it holds only afterwards, so a body of
 * a thousand groupchat messages to 200 occupants keeps the held request unanswered for seconds, minutes on a
 * busy machine. The stall watcher must not take that for a lost request: its resend (same rid, the original
 * exchange abandoned) reached Prosody after the rid that followed, and Prosody ended the session with
 * {@code item-not-found}. The fake answers any resend so.
 */
class BoshBusyConnectionManagerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final String EMPTY = "<body xmlns='http://jabber.org/protocol/httpbind'/>";

    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
    private FakeConnectionManager cm;

    @AfterEach
    void stop() {
        if (cm != null) {
            cm.close();
        }
    }

    /** Holds empty requests; a payload is "processed" until the test says so, then the held request is answered. */
    private static final class SlowProcessing implements FakeConnectionManager.Handler {
        final Sinks.Empty<Void> processed = Sinks.empty();
        final Map<Long, Integer> arrivals = new ConcurrentHashMap<>();
        private volatile Sinks.One<FakeConnectionManager.Reply> held;

        @Override
        public Mono<FakeConnectionManager.Reply> handle(FakeConnectionManager.Received r) {
            if (r.isCreation()) {
                return Mono.just(FakeConnectionManager.Reply.xml("<body xmlns='http://jabber.org/protocol/httpbind'"
                    + " sid='s1' wait='60' requests='2' hold='1' inactivity='60' polling='5' ver='1.6' from='localhost'>"
                    + ProsodyLikeHandler.FEATURES + "</body>"));
            }
            if (arrivals.merge(r.rid(), 1, Integer::sum) > 1) {
                return Mono.just(FakeConnectionManager.Reply.xml("<body xmlns='http://jabber.org/protocol/httpbind'"
                    + " type='terminate' condition='item-not-found'/>"));
            }
            if ("terminate".equals(r.body().attribute("type"))) {
                release(EMPTY);
                return Mono.just(FakeConnectionManager.Reply.xml(
                    "<body xmlns='http://jabber.org/protocol/httpbind' type='terminate'/>"));
            }
            if (r.payload().isEmpty()) {
                return hold();
            }
            return processed.asMono().then(Mono.defer(() -> {
                release(EMPTY);
                return hold();
            }));
        }

        private synchronized Mono<FakeConnectionManager.Reply> hold() {
            Sinks.One<FakeConnectionManager.Reply> s = Sinks.one();
            held = s;
            return s.asMono();
        }

        private synchronized void release(String xml) {
            if (held != null) {
                held.tryEmitValue(FakeConnectionManager.Reply.xml(xml));
                held = null;
            }
        }
    }

    @Test
    void aPayloadProcessedLongerThanTheStallTimeoutIsNotResent() {
        SlowProcessing server = new SlowProcessing();
        cm = FakeConnectionManager.start(server);
        TransportConnection c = BoshTransport.builder().url(cm.url()).timer(time).stallTimeout(Duration.ofSeconds(5)).build()
            .connect(StreamOpen.to("localhost")).block(TIMEOUT);
        cm.advanceUntilRequest(time, r -> !r.isCreation() && r.payload().isEmpty());

        StepVerifier.create(c.send(XmlElement.builder("jabber:client", "message").attribute("id", "m1").build()))
            .expectComplete().verify(TIMEOUT);
        FakeConnectionManager.Received data = cm.awaitRequest(r -> r.carries("m1")).block(TIMEOUT);
        // the connection manager is still processing the body, the held request unanswered, far past the stall timeout
        time.advanceTimeBy(Duration.ofSeconds(30));
        server.processed.tryEmitEmpty();

        // a resend would be written before the terminate (rids go out in order), and answered item-not-found
        StepVerifier.create(c.close(null)).expectComplete().verify(TIMEOUT);
        assertThat(server.arrivals.get(data.rid())).as("arrivals of the request that carried the payload").isEqualTo(1);
        assertThat(cm.received()).filteredOn(r -> r.rid() == data.rid()).hasSize(1);
    }
}
