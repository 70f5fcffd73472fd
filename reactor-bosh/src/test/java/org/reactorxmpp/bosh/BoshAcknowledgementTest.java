package org.reactorxmpp.bosh;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactorxmpp.bosh.FakeConnectionManager.Received;
import org.reactorxmpp.bosh.FakeConnectionManager.Reply;
import org.reactorxmpp.xmpp.transport.StreamOpen;
import org.reactorxmpp.xmpp.transport.TransportConnection;
import org.reactorxmpp.xmpp.xml.XmlElement;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

/**
 * XEP-0124 section 9: the client's {@code ack} on requests, the connection manager's {@code report} of a
 * response the client missed, and the connection manager's {@code ack} revealing a lost request. Every
 * scenario would otherwise stall until the lost exchange's HTTP timeout ({@code wait} 60 s plus the margin),
 * far beyond the test timeout.
 */
class BoshAcknowledgementTest {

    static final Duration TIMEOUT = Duration.ofSeconds(20);
    static final String BODY = "<body xmlns='http://jabber.org/protocol/httpbind'";

    private FakeConnectionManager cm;

    @AfterEach
    void stop() {
        if (cm != null) {
            cm.close();
        }
    }

    /**
     * A connection manager (requests=2, hold=1) that answers in rid order, can acknowledge requests, reports
     * responses a request's ack shows missing, and can lose one request on its way in or one response on its
     * way out (the exchange then hangs, like behind a broken proxy).
     */
    static final class AckingHandler implements FakeConnectionManager.Handler {
        boolean acks;
        Predicate<Received> loseRequest = r -> false;
        Predicate<Long> loseResponse = rid -> false;

        private long expected;
        private long lastAnswered;
        private final Map<Long, String> answers = new HashMap<>();
        private final Map<Long, Long> answeredAt = new HashMap<>();
        private final Set<Long> lost = new HashSet<>();
        private final ArrayDeque<Object[]> held = new ArrayDeque<>();
        private final List<String> toPush = new ArrayList<>();
        private final List<XmlElement> delivered = new ArrayList<>();
        private final List<String> reports = new ArrayList<>();
        private final Map<Long, Object[]> early = new HashMap<>();

        @Override
        @SuppressWarnings("unchecked")
        public synchronized Mono<Reply> handle(Received r) {
            long rid = r.rid();
            if (r.isCreation()) {
                expected = rid + 1;
                lastAnswered = rid;
                return Mono.just(Reply.xml(BODY + " xmlns:stream='http://etherx.jabber.org/streams' sid='a1' wait='60'"
                    + " requests='2' hold='1' inactivity='60' ver='1.6'" + (acks ? " ack='" + rid + "'" : "") + ">"
                    + ProsodyLikeHandler.FEATURES + "</body>"));
            }
            if (rid >= expected && loseRequest.test(r) && lost.add(rid)) {
                return Mono.never(); // lost on its way in: never processed
            }
            if (rid > expected) {
                // arrived before a lower rid (separate connections): processed in rid order, as a CM must
                Sinks.One<Reply> later = Sinks.one();
                early.put(rid, new Object[] {r, later});
                return later.asMono();
            }
            Mono<Reply> reply = process(r);
            Object[] next;
            while ((next = early.remove(expected)) != null) {
                Sinks.One<Reply> sink = (Sinks.One<Reply>) next[1];
                process((Received) next[0]).subscribe(sink::tryEmitValue);
            }
            return reply;
        }

        @SuppressWarnings("unchecked")
        private Mono<Reply> process(Received r) {
            long rid = r.rid();
            if (rid < expected) { // a resend
                String cached = answers.get(rid);
                if (cached != null) {
                    return Mono.just(Reply.xml(cached));
                }
                for (Object[] h : held) {
                    if ((long) h[0] == rid) {
                        Sinks.One<Reply> fresh = Sinks.one();
                        ((Sinks.One<Reply>) h[1]).tryEmitValue(Reply.xml(BODY + "/>"));
                        h[1] = fresh;
                        return fresh.asMono();
                    }
                }
                return Mono.just(Reply.xml(BODY + " type='terminate' condition='item-not-found'/>"));
            }
            expected = rid + 1;
            delivered.addAll(r.payload());
            if ("terminate".equals(r.body().attribute("type"))) {
                while (!held.isEmpty()) {
                    answer(held.poll(), BODY + " type='terminate'/>");
                }
                return Mono.just(Reply.xml(BODY + " type='terminate'/>"));
            }
            String ack = r.body().attribute("ack");
            if (ack != null && Long.parseLong(ack) < lastAnswered) {
                // section 9.2: the client has not received a response we sent: say so at once
                long report = Long.parseLong(ack) + 1;
                long time = (System.nanoTime() - answeredAt.getOrDefault(report, System.nanoTime())) / 1_000_000;
                String xml = BODY + " report='" + report + "' time='" + time + "'/>";
                reports.add(xml);
                answers.put(rid, xml);
                lastAnswered = Math.max(lastAnswered, rid);
                return Mono.just(Reply.xml(xml));
            }
            Sinks.One<Reply> reply = Sinks.one();
            held.add(new Object[] {rid, reply});
            release();
            return reply.asMono();
        }

        @SuppressWarnings("unchecked")
        private void answer(Object[] h, String xml) {
            long rid = (long) h[0];
            long acked = expected - 1; // every rid below expected was received
            if (acks && acked != rid && !xml.contains("type='terminate'")) {
                xml = xml.replaceFirst(BODY, BODY + " ack='" + acked + "'");
            }
            answers.put(rid, xml);
            answeredAt.put(rid, System.nanoTime());
            lastAnswered = Math.max(lastAnswered, rid);
            if (!loseResponse.test(rid)) {
                ((Sinks.One<Reply>) h[1]).tryEmitValue(Reply.xml(xml));
            }
        }

        private void release() {
            if (!toPush.isEmpty() && !held.isEmpty()) {
                StringBuilder sb = new StringBuilder(BODY + ">");
                toPush.forEach(sb::append);
                toPush.clear();
                answer(held.poll(), sb.append("</body>").toString());
            }
            while (held.size() > 1) {
                answer(held.poll(), BODY + "/>");
            }
        }

        synchronized void push(String xml) {
            toPush.add(xml);
            release();
        }

        synchronized List<XmlElement> delivered() {
            return List.copyOf(delivered);
        }

        synchronized List<String> reports() {
            return List.copyOf(reports);
        }
    }

    private TransportConnection connect(AckingHandler server, Duration margin) {
        cm = FakeConnectionManager.start(server);
        TransportConnection c = BoshTransport.builder().url(cm.url()).timeoutMargin(margin).build()
            .connect(StreamOpen.to("localhost")).block(TIMEOUT);
        c.inbound().next().block(TIMEOUT); // the features
        return c;
    }

    @Test
    void aReportedResponseIsFetchedAgainByResendingItsRequest() {
        AckingHandler server = new AckingHandler();
        long[] firstRid = {-1};
        server.loseResponse = rid -> rid == firstRid[0];
        TransportConnection c = connect(server, Duration.ofSeconds(10));
        long creationRid = cm.received().get(0).rid();
        assertThat(cm.received().get(0).body().attribute("ack")).isEqualTo("1"); // acknowledgements announced

        Received held = cm.awaitRequest(r -> !r.isCreation()).block(TIMEOUT);
        assertThat(held.rid()).isEqualTo(creationRid + 1);
        assertThat(held.body().attribute("ack")).as("every response so far received: no ack").isNull();
        firstRid[0] = held.rid();

        StepVerifier.create(c.inbound().filter(e -> "lost-1".equals(e.attribute("id"))).next())
            .then(() -> server.push("<message xmlns='jabber:client' id='lost-1'/>")) // the answer never arrives
            .then(() -> c.send(BoshTransportTest.message("m1")).subscribe())
            .assertNext(e -> assertThat(e.attribute("id")).isEqualTo("lost-1"))
            .expectComplete()
            .verify(TIMEOUT);

        Received carrying = cm.awaitRequest(r -> r.carries("m1")).block(TIMEOUT);
        assertThat(carrying.body().attribute("ack")).as("the response to " + held.rid() + " is missing")
            .isEqualTo(Long.toString(creationRid));
        assertThat(server.reports()).containsExactly(BODY + " report='" + held.rid() + "' time='"
            + server.reports().get(0).replaceAll(".*time='(\\d+)'.*", "$1") + "'/>");
        List<Received> sends = cm.requests().filter(r -> r.rid() == held.rid()).take(2).collectList().block(TIMEOUT);
        assertThat(sends.get(1).raw()).isEqualTo(sends.get(0).raw());
        assertThat(server.delivered()).containsExactly(BoshTransportTest.message("m1"));
        StepVerifier.create(c.close(null)).expectComplete().verify(TIMEOUT);
    }

    @Test
    void aRequestTheConnectionManagerDoesNotAcknowledgeIsResentWithoutWaitingForItsTimeout() {
        AckingHandler server = new AckingHandler();
        server.acks = true;
        server.loseRequest = r -> r.carries("m1");
        // the lost request's own timeout is wait (60 s) + margin (1 s): far beyond the test timeout
        TransportConnection c = connect(server, Duration.ofSeconds(1));
        cm.awaitRequest(r -> !r.isCreation()).block(TIMEOUT); // held

        StepVerifier.create(c.send(BoshTransportTest.message("m1"))).expectComplete().verify(TIMEOUT); // written
        Received first = cm.awaitRequest(r -> r.carries("m1")).block(TIMEOUT);
        StepVerifier.create(c.inbound().filter(e -> "p1".equals(e.attribute("id"))).next())
            // answers the held request; its ack (absent: that rid) does not cover the request written after it
            .then(() -> server.push("<message xmlns='jabber:client' id='p1'/>"))
            .expectNextCount(1)
            .expectComplete()
            .verify(TIMEOUT);

        List<Received> carrying = cm.requests().filter(r -> r.carries("m1")).take(2).collectList().block(TIMEOUT);
        assertThat(carrying.get(1).rid()).isEqualTo(first.rid());
        assertThat(carrying.get(1).raw()).isEqualTo(first.raw());
        assertThat(server.delivered()).containsExactly(BoshTransportTest.message("m1"));
        StepVerifier.create(c.close(null)).expectComplete().verify(TIMEOUT);
    }

    @Test
    void aRequestAcknowledgedInTimeIsNotResent() {
        AckingHandler server = new AckingHandler();
        server.acks = true;
        TransportConnection c = connect(server, Duration.ofSeconds(1));
        cm.awaitRequest(r -> !r.isCreation()).block(TIMEOUT);
        StepVerifier.create(c.send(BoshTransportTest.message("m1"))).expectComplete().verify(TIMEOUT);
        // the held request is answered with ack = the m1 request: nothing is suspect
        StepVerifier.create(c.send(BoshTransportTest.message("m2"))).expectComplete().verify(TIMEOUT);
        StepVerifier.create(c.close(null)).expectComplete().verify(TIMEOUT);
        assertThat(server.delivered()).containsExactly(BoshTransportTest.message("m1"), BoshTransportTest.message("m2"));
        List<Long> rids = cm.received().stream().map(Received::rid).toList();
        assertThat(rids).doesNotHaveDuplicates();
    }
}
