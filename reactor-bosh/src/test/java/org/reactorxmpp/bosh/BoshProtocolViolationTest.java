package org.reactorxmpp.bosh;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactorxmpp.bosh.FakeConnectionManager.Reply;
import org.reactorxmpp.xmpp.transport.StreamOpen;
import org.reactorxmpp.xmpp.transport.TransportConnection;

import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Answers that break XEP-0124 fail the session with a typed error, deliver nothing of the offending body, and
 * the connection manager is told the session is over (a terminate, best effort). The one exception, ejabberd's
 * repeated {@code <body>} attributes, is read past.
 */
class BoshProtocolViolationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    /** What ejabberd 23.01 sends when it ends a session replaced by a new login (attribute order as it writes them). */
    static final String EJABBERD_REPLACED = "<body type='terminate' condition='remote-stream-error'"
        + " xmlns:stream='http://etherx.jabber.org/streams' type='terminate' condition='remote-stream-error'"
        + " xmlns='http://jabber.org/protocol/httpbind'><stream:error><conflict"
        + " xmlns='urn:ietf:params:xml:ns:xmpp-streams'/><text xml:lang='en'"
        + " xmlns='urn:ietf:params:xml:ns:xmpp-streams'>Replaced by new connection</text></stream:error></body>";

    private FakeConnectionManager cm;

    @AfterEach
    void stop() {
        if (cm != null) {
            cm.close();
        }
    }

    private TransportConnection connect(FakeConnectionManager.Handler afterCreation) {
        ProsodyLikeHandler prosody = new ProsodyLikeHandler();
        cm = FakeConnectionManager.start(r -> r.isCreation() || "terminate".equals(r.body().attribute("type"))
            ? prosody.handle(r) : afterCreation.handle(r));
        return BoshTransport.builder().url(cm.url()).build().connect(StreamOpen.to("localhost")).block(TIMEOUT);
    }

    /**
     * The stream features of the creation response come first, unless the session already failed when the test
     * subscribed (a loaded machine: the offending answer follows the 20 ms linger): then only the error comes.
     */
    private static boolean isFeatures(org.reactorxmpp.xmpp.xml.XmlElement e) {
        return e.name().localName().equals("features");
    }

    @Test
    void aResponseWithAnotherSidIsASidMismatchAndItsPayloadIsNotDelivered() {
        TransportConnection c = connect(r -> Mono.just(Reply.xml("<body xmlns='http://jabber.org/protocol/httpbind'"
            + " sid='someone-else'><message xmlns='jabber:client' id='theirs'/></body>")));
        StepVerifier.create(c.inbound())
            .thenConsumeWhile(BoshProtocolViolationTest::isFeatures)
            .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(BoshException.class, b -> {
                assertThat(b.condition()).isEqualTo(BoshCondition.SID_MISMATCH);
                assertThat(b.getMessage()).contains("someone-else");
            }))
            .verify(TIMEOUT);
        FakeConnectionManager.Received terminate = cm.awaitRequest(r -> "terminate".equals(r.body().attribute("type")))
            .block(TIMEOUT);
        assertThat(terminate.body().attribute("sid")).isEqualTo("s1");
    }

    @Test
    void aMalformedResponseIsAProtocolViolationFollowedByATerminate() {
        TransportConnection c = connect(r -> Mono.just(Reply.xml("<body xmlns='http://jabber.org/protocol/httpbind'><oops")));
        StepVerifier.create(c.inbound())
            .thenConsumeWhile(BoshProtocolViolationTest::isFeatures)
            .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(BoshException.class,
                b -> assertThat(b.condition()).isEqualTo(BoshCondition.PROTOCOL_VIOLATION)))
            .verify(TIMEOUT);
        cm.awaitRequest(r -> "terminate".equals(r.body().attribute("type"))).block(TIMEOUT);
    }

    @Test
    void theTransportDetailsNameBoshItsSidAndTheCurrentUrl() {
        cm = FakeConnectionManager.start(new ProsodyLikeHandler());
        TransportConnection c = BoshTransport.builder().url(cm.url()).build().connect(StreamOpen.to("localhost"))
            .block(TIMEOUT);
        org.reactorxmpp.xmpp.transport.TransportDetails d = c.details();
        assertThat(d.kind()).isEqualTo(org.reactorxmpp.xmpp.transport.TransportDetails.Kind.BOSH);
        assertThat(d.sessionId()).contains("s1");
        assertThat(d.url()).contains(cm.url());
        assertThat(d.secure()).isFalse();
        StepVerifier.create(c.close(null)).expectComplete().verify(TIMEOUT);
    }

    // ejabberd 23.01 repeats type and condition on a <body> that carries a stream error and the stream's end (its
    // encode_body/2 prepends them once per such element): that one well-formedness error is read past, so the
    // session fails with what the body says (the stream error's condition), not with a protocol violation; a
    // repeat with another value stays fatal and is named.

    @Test
    void ejabberdsRepeatedTypeAndConditionAreReadPastAndTheStreamErrorIsReported() {
        TransportConnection c = connect(r -> Mono.just(Reply.xml(EJABBERD_REPLACED)));
        StepVerifier.create(c.inbound())
            .thenConsumeWhile(BoshProtocolViolationTest::isFeatures)
            .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(BoshException.class, b -> {
                assertThat(b.condition()).isEqualTo(BoshCondition.REMOTE_STREAM_ERROR);
                assertThat(b.streamError()).hasValueSatisfying(
                    error -> assertThat(error.element("urn:ietf:params:xml:ns:xmpp-streams", "conflict")).isNotNull());
            }))
            .verify(TIMEOUT);
    }

    @Test
    void aRepeatWithAnotherValueIsAProtocolViolationNamingTheAttribute() {
        TransportConnection c = connect(r -> Mono.just(Reply.xml("<body xmlns='http://jabber.org/protocol/httpbind'"
            + " type='terminate' type='error'/>")));
        StepVerifier.create(c.inbound())
            .thenConsumeWhile(BoshProtocolViolationTest::isFeatures)
            .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(BoshException.class, b -> {
                assertThat(b.condition()).isEqualTo(BoshCondition.PROTOCOL_VIOLATION);
                assertThat(b.getMessage()).contains("'type'", "'terminate'", "'error'");
            }))
            .verify(TIMEOUT);
    }

    @Test
    void aRepeatedAttributeOnAnInnerElementStaysMalformed() {
        TransportConnection c = connect(r -> Mono.just(Reply.xml("<body xmlns='http://jabber.org/protocol/httpbind'>"
            + "<message xmlns='jabber:client' id='a' id='a'/></body>")));
        StepVerifier.create(c.inbound())
            .thenConsumeWhile(BoshProtocolViolationTest::isFeatures)
            .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(BoshException.class, b -> {
                assertThat(b.condition()).isEqualTo(BoshCondition.PROTOCOL_VIOLATION);
                assertThat(b.getMessage()).contains("malformed");
            }))
            .verify(TIMEOUT);
    }
}
