package org.reactorxmpp.bosh;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.reactorxmpp.xmpp.testing.OnBothServers;
import org.reactorxmpp.xmpp.testing.XmppTestServer;
import org.reactorxmpp.xmpp.transport.StreamOpen;
import org.reactorxmpp.xmpp.transport.TransportConnection;
import org.reactorxmpp.xmpp.xml.XmlElement;

import reactor.test.StepVerifier;

/**
 * The BOSH transport against each real server (Prosody 0.12 and ejabberd 23.01, Debian): both announce
 * requests=2, hold=1 and send the stream features at session creation.
 */
@OnBothServers
class BoshTransportIT {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final String STREAMS = "http://etherx.jabber.org/streams";
    static final String SASL = "urn:ietf:params:xml:ns:xmpp-sasl";
    static final String CLIENT = "jabber:client";
    static final String REGISTER = "jabber:iq:register";

    /** Both harness configurations allow in-band registration, so the registration form query is answered. */
    @Parameter
    XmppTestServer server;

    private static BoshTransport transport(XmppTestServer server) {
        return BoshTransport.builder().url(server.boshUrl()).wait(Duration.ofSeconds(10)).build();
    }

    private static XmlElement registrationQuery(String id, XmppTestServer server) {
        return XmlElement.builder(CLIENT, "iq").attribute("type", "get").attribute("id", id).attribute("to", server.host())
            .child(XmlElement.empty(REGISTER, "query")).build();
    }

    @Test
    void keySequencesDoNotDisturbAConnectionManagerThatIgnoresThem() {
        // neither server checks XEP-0124 section 15 keys: the attributes must be harmless, rekeys included
        BoshTransport keyed = BoshTransport.builder().url(server.boshUrl()).wait(Duration.ofSeconds(10))
            .keySequences(true).keySequenceLength(2).build();
        TransportConnection c = keyed.connect(StreamOpen.to(server.host())).block(TIMEOUT);
        assertThat(c.inbound().next().block(TIMEOUT).is(STREAMS, "features")).isTrue();
        for (String id : List.of("k1", "k2", "k3")) {
            StepVerifier.create(c.inbound().filter(e -> id.equals(e.attribute("id"))).next())
                .then(() -> c.send(registrationQuery(id, server)).subscribe())
                .assertNext(iq -> assertThat(iq.attribute("type")).isEqualTo("result"))
                .expectComplete()
                .verify(TIMEOUT);
        }
        StepVerifier.create(c.close(null)).expectComplete().verify(TIMEOUT);
        StepVerifier.create(c.onClose()).expectComplete().verify(TIMEOUT);
    }

    @Test
    void createsASessionExchangesAnIqAndTerminatesCleanly() {
        TransportConnection c = transport(server).connect(StreamOpen.to(server.host()).withLang("en")).block(TIMEOUT);
        assertThat(c.sessionId()).isPresent();

        XmlElement features = c.inbound().next().block(TIMEOUT);
        assertThat(features.is(STREAMS, "features")).isTrue();
        assertThat(features.element(SASL, "mechanisms")).isNotNull();

        StepVerifier.create(c.inbound().filter(e -> "r1".equals(e.attribute("id"))).next())
            .then(() -> c.send(registrationQuery("r1", server)).subscribe())
            .assertNext(iq -> {
                assertThat(iq.is(CLIENT, "iq")).isTrue();
                assertThat(iq.attribute("type")).isEqualTo("result");
                assertThat(iq.element(REGISTER, "query")).isNotNull();
            })
            .expectComplete()
            .verify(TIMEOUT);

        StepVerifier.create(c.close(null)).expectComplete().verify(TIMEOUT);
        StepVerifier.create(c.onClose()).expectComplete().verify(TIMEOUT);
        StepVerifier.create(c.inbound()).expectComplete().verify(TIMEOUT);
    }

    /**
     * An unauthenticated {@code xmpp:restart} (XEP-0206 section 5). Prosody 0.12's mod_bosh never reads the
     * {@code xmpp:restart} attribute: it sends stream features only when its stream was reset, which only a
     * SASL success (or STARTTLS) does. So before authentication the restart request is neither refused nor
     * answered with new features: it is processed like an empty request, and the session goes on. The
     * assertion is exact: the registration query sent after the restart is answered (rid order: anything the
     * restart caused would come first) and no {@code <stream:features/>} arrives in between.
     */
    @Test
    void anUnauthenticatedRestartIsIgnoredByProsodyAndTheSessionGoesOn() {
        TransportConnection c = transport(server).connect(StreamOpen.to(server.host())).block(TIMEOUT);
        XmlElement features = c.inbound().next().block(TIMEOUT);
        assertThat(features.is(STREAMS, "features")).isTrue();
        StepVerifier.create(c.inbound().filter(e -> "r1".equals(e.attribute("id"))).next())
            .then(() -> c.send(registrationQuery("r1", server)).subscribe())
            .assertNext(iq -> assertThat(iq.element(REGISTER, "query")).isNotNull())
            .expectComplete()
            .verify(TIMEOUT);

        StepVerifier.create(c.inbound().takeUntil(e -> "r2".equals(e.attribute("id"))).collectList())
            .then(() -> c.restart().then(c.send(registrationQuery("r2", server))).subscribe())
            .assertNext(received -> {
                assertThat(received).noneMatch(e -> e.is(STREAMS, "features"));
                XmlElement last = received.get(received.size() - 1);
                assertThat(last.attribute("id")).isEqualTo("r2");
                assertThat(last.attribute("type")).isEqualTo("result");
            })
            .expectComplete()
            .verify(TIMEOUT);

        StepVerifier.create(c.close(null)).expectComplete().verify(TIMEOUT);
        StepVerifier.create(c.onClose()).expectComplete().verify(TIMEOUT);
    }

    @Test
    void anUnknownSidIsTerminalItemNotFound() {
        BoshSessionState bogus = new BoshSessionState("no-such-session", 4_000_000L, server.host(), null, 2, 1,
            Duration.ofSeconds(10), null, null, false, List.of());
        TransportConnection c = transport(server).attach(bogus).block(TIMEOUT);
        StepVerifier.create(c.inbound())
            .expectErrorSatisfies(e -> {
                assertThat(e).isInstanceOf(BoshException.class);
                assertThat(((BoshException) e).condition()).isEqualTo(BoshCondition.ITEM_NOT_FOUND);
            })
            .verify(TIMEOUT);
    }

    @Test
    void aRidJumpOfThreeIsTerminalItemNotFound() {
        BoshTransport transport = transport(server);
        TransportConnection c = transport.connect(StreamOpen.to(server.host())).block(TIMEOUT);
        c.inbound().next().block(TIMEOUT);
        BoshSessionState state = BoshTransport.detach(c).block(TIMEOUT);
        // the next expected rid is nextRid + unanswered; skip three beyond it
        long jumped = state.nextRid() + state.unanswered().size() + 3;
        BoshSessionState skipping = new BoshSessionState(state.sid(), jumped, state.to(), state.lang(),
            state.requests(), state.hold(), state.waitTime(), state.inactivity(), state.polling(), state.secure(), List.of());
        TransportConnection jumpedConnection = transport.attach(skipping).block(TIMEOUT);
        StepVerifier.create(jumpedConnection.inbound())
            .expectErrorSatisfies(e -> assertThat(((BoshException) e).condition()).isEqualTo(BoshCondition.ITEM_NOT_FOUND))
            .verify(TIMEOUT);
    }

    @Test
    void aDetachedSessionIsTakenOverByAnotherConnection() {
        BoshTransport transport = transport(server);
        TransportConnection first = transport.connect(StreamOpen.to(server.host())).block(TIMEOUT);
        first.inbound().next().block(TIMEOUT);
        BoshSessionState state = BoshTransport.detach(first).block(TIMEOUT);
        StepVerifier.create(first.onClose()).expectComplete().verify(TIMEOUT);

        TransportConnection second = BoshTransport.builder().url(server.boshUrl()).wait(Duration.ofSeconds(10)).build()
            .attach(state).block(TIMEOUT);
        assertThat(second.sessionId()).isEqualTo(first.sessionId());
        StepVerifier.create(second.inbound().filter(e -> "r2".equals(e.attribute("id"))).next())
            .then(() -> second.send(registrationQuery("r2", server)).subscribe())
            .assertNext(iq -> assertThat(iq.attribute("type")).isEqualTo("result"))
            .expectComplete()
            .verify(TIMEOUT);
        StepVerifier.create(second.close(null)).expectComplete().verify(TIMEOUT);
    }
}
