package org.reactorxmpp.bosh.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.reactorxmpp.bosh.BoshTransport;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.session.XmppClient;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.stanza.StanzaError;
import org.reactorxmpp.xmpp.stanza.StanzaErrorException;
import org.reactorxmpp.xmpp.testing.OnBothServers;
import org.reactorxmpp.xmpp.testing.TestAccount;
import org.reactorxmpp.xmpp.testing.XmppTestServer;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlName;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** Two sessions on each real server over BOSH: messages, IQs to the server and between clients, responders. */
@OnBothServers
class XmppSessionIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String DISCO_INFO = "http://jabber.org/protocol/disco#info";

    @Parameter
    XmppTestServer server;

    private XmppSession alice;
    private XmppSession bob;

    private XmppClient client(TestAccount account) {
        return XmppClient.builder()
            .jid(account.jid())
            .password(account.password())
            .transport(BoshTransport.builder().url(server.boshUrl()).build())
            .enabledMechanisms(List.of("SCRAM-SHA-1"))
            .software("IT-client", "9.9")
            .build();
    }

    @BeforeEach
    void connect() {
        List<TestAccount> accounts = server.newAccounts("session", 2);
        alice = client(accounts.get(0)).connect().block(TIMEOUT);
        bob = client(accounts.get(1)).connect().block(TIMEOUT);
    }

    @AfterEach
    void close() {
        try {
            if (alice != null) {
                alice.close().block(TIMEOUT);
            }
        } finally {
            if (bob != null) {
                bob.close().block(TIMEOUT);
            }
        }
    }

    private Jid domain() {
        return Jid.domain(server.host());
    }

    @Test
    void thousandMessagesArriveInOrderWithoutDuplicates() {
        int count = 1000;
        List<String> expected = IntStream.range(0, count).mapToObj(i -> "m" + i).collect(Collectors.toList());
        StepVerifier.create(bob.messages()
                .filter(m -> m.from() != null && m.from().equals(alice.jid()))
                .map(Message::body)
                .take(count)
                .collectList())
            .then(() -> Flux.fromIterable(expected)
                .concatMap(body -> alice.send(Message.builder().to(bob.jid()).type(Message.Type.CHAT).body(body).build()))
                .subscribe())
            .assertNext(bodies -> assertThat(bodies).containsExactlyElementsOf(expected))
            .expectComplete()
            // bounded: a stalled exchange fails here instead of hanging the run (1,000 messages take a few s)
            .verify(Duration.ofSeconds(90));
    }

    @Test
    void pingTheServer() {
        Iq pong = alice.request(Iq.get(domain(), XmlElement.empty("urn:xmpp:ping", "ping"))).block(TIMEOUT);
        assertThat(pong.type()).isEqualTo(Iq.Type.RESULT);
        assertThat(pong.fromText()).isEqualTo(server.host());
    }

    @Test
    void discoInfoOfTheServer() {
        Iq info = alice.request(Iq.get(domain(), XmlElement.empty(DISCO_INFO, "query"))).block(TIMEOUT);
        XmlElement query = info.payload().orElseThrow();
        // ejabberd lists a pubsub/pep identity first, Prosody only server/im: any order
        assertThat(query.elements(XmlName.of(DISCO_INFO, "identity")).map(i -> i.attribute("category")))
            .contains("server");
        Set<String> features = query.elements(XmlName.of(DISCO_INFO, "feature")).map(f -> f.attribute("var"))
            .collect(Collectors.toSet());
        assertThat(features).contains(DISCO_INFO, "urn:xmpp:ping");
    }

    @Test
    void errorReplyIsTyped() {
        StepVerifier.create(alice.request(Iq.get(domain(), XmlElement.empty("urn:example:nothing-here", "query"))))
            .expectErrorSatisfies(e -> {
                assertThat(e).isInstanceOf(StanzaErrorException.class);
                assertThat(((StanzaErrorException) e).condition()).isEqualTo(StanzaError.Condition.SERVICE_UNAVAILABLE);
            })
            .verify(TIMEOUT);
    }

    @Test
    void ourRespondersAnswerAnotherClient() {
        Iq pong = bob.request(Iq.get(alice.jid(), XmlElement.empty("urn:xmpp:ping", "ping"))).block(TIMEOUT);
        assertThat(pong.type()).isEqualTo(Iq.Type.RESULT);
        assertThat(pong.from()).isEqualTo(alice.jid());

        Iq version = bob.request(Iq.get(alice.jid(), XmlElement.empty("jabber:iq:version", "query"))).block(TIMEOUT);
        XmlElement v = version.payload().orElseThrow();
        assertThat(v.childText(XmlName.of("jabber:iq:version", "name"))).isEqualTo("IT-client");
        assertThat(v.childText(XmlName.of("jabber:iq:version", "version"))).isEqualTo("9.9");

        Iq time = bob.request(Iq.get(alice.jid(), XmlElement.empty("urn:xmpp:time", "time"))).block(TIMEOUT);
        assertThat(time.payload().orElseThrow().childText(XmlName.of("urn:xmpp:time", "utc"))).endsWith("Z");

        Iq info = bob.request(Iq.get(alice.jid(), XmlElement.empty(DISCO_INFO, "query"))).block(TIMEOUT);
        Set<String> features = info.payload().orElseThrow().elements(XmlName.of(DISCO_INFO, "feature"))
            .map(f -> f.attribute("var")).collect(Collectors.toSet());
        assertThat(features).contains("urn:xmpp:ping", "urn:xmpp:time", "jabber:iq:version", DISCO_INFO);
    }

    @Test
    void unknownIqIsAnsweredFeatureNotImplemented() {
        StepVerifier.create(bob.request(Iq.get(alice.jid(), XmlElement.empty("urn:example:unknown", "query"))))
            .expectErrorSatisfies(e -> {
                assertThat(e).isInstanceOf(StanzaErrorException.class);
                StanzaErrorException se = (StanzaErrorException) e;
                assertThat(se.condition()).isEqualTo(StanzaError.Condition.FEATURE_NOT_IMPLEMENTED);
                assertThat(se.stanza().orElseThrow().fromText()).isEqualTo(alice.jid().toString());
            })
            .verify(TIMEOUT);
    }

    @Test
    void anIqThatIsNeverAnsweredTimesOutAsRemoteServerTimeout() {
        // bob's handler takes the request and never answers: a real peer that stays silent
        java.util.concurrent.atomic.AtomicInteger seen = new java.util.concurrent.atomic.AtomicInteger();
        reactor.core.Disposable handler = bob.handle("urn:example:silent", iq -> {
            seen.incrementAndGet();
            return reactor.core.publisher.Mono.never();
        });
        try {
            StepVerifier.create(alice.request(Iq.get(bob.jid(), XmlElement.empty("urn:example:silent", "query")),
                    Duration.ofMillis(500)))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(org.reactorxmpp.xmpp.stanza.StanzaErrorException.class);
                    assertThat(((org.reactorxmpp.xmpp.stanza.StanzaErrorException) e).error().condition())
                        .isEqualTo(org.reactorxmpp.xmpp.stanza.StanzaError.Condition.REMOTE_SERVER_TIMEOUT);
                })
                .verify(TIMEOUT);
            assertThat(seen).hasValue(1);
        } finally {
            handler.dispose();
        }
    }

    @Test
    void cancellingARequestBeforeTheReplyLeavesTheSessionWorking() {
        // bob answers only when told to; alice cancels her request before that
        reactor.core.publisher.Sinks.One<Void> release = reactor.core.publisher.Sinks.one();
        java.util.concurrent.atomic.AtomicInteger seen = new java.util.concurrent.atomic.AtomicInteger();
        reactor.core.Disposable handler = bob.handle("urn:example:late", iq -> {
            seen.incrementAndGet();
            return release.asMono().then(reactor.core.publisher.Mono.just(iq.resultWith(null)));
        });
        try {
            reactor.core.Disposable pending = alice.request(
                    Iq.get(bob.jid(), XmlElement.empty("urn:example:late", "query")), Duration.ofSeconds(20))
                .subscribe();
            reactor.core.publisher.Mono.fromCallable(seen::get).filter(n -> n == 1)
                .repeatWhenEmpty(r -> r.delayElements(Duration.ofMillis(20))).block(TIMEOUT);
            pending.dispose();
            release.tryEmitEmpty();
            // the late reply finds no pending entry and is dropped; the session keeps answering
            Iq pong = alice.request(Iq.get(domain(), XmlElement.empty("urn:xmpp:ping", "ping"))).block(TIMEOUT);
            assertThat(pong.type()).isEqualTo(Iq.Type.RESULT);
            Iq again = bob.request(Iq.get(alice.jid(), XmlElement.empty("urn:xmpp:ping", "ping"))).block(TIMEOUT);
            assertThat(again.type()).isEqualTo(Iq.Type.RESULT);
        } finally {
            handler.dispose();
        }
    }
}
