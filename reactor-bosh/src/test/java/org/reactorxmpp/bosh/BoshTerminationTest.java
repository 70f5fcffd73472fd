package org.reactorxmpp.bosh;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.reactorxmpp.bosh.FakeConnectionManager.Reply;
import org.reactorxmpp.xmpp.stanza.StreamError;
import org.reactorxmpp.xmpp.transport.StreamOpen;
import org.reactorxmpp.xmpp.transport.TransportConnection;

import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class BoshTerminationTest {

    static final Duration TIMEOUT = Duration.ofSeconds(20);
    static final String BODY = "<body xmlns='http://jabber.org/protocol/httpbind' type='terminate' ";

    private FakeConnectionManager cm;

    @AfterEach
    void stop() {
        if (cm != null) {
            cm.close();
        }
    }

    private BoshTransport transport() {
        return BoshTransport.builder().url(cm.url()).retryBackoff(Duration.ofMillis(10), Duration.ofMillis(50)).build();
    }

    @ParameterizedTest
    @CsvSource({
        "bad-request, BAD_REQUEST, false",
        "host-gone, HOST_GONE, true",
        "host-unknown, HOST_UNKNOWN, false",
        "improper-addressing, IMPROPER_ADDRESSING, false",
        "internal-server-error, INTERNAL_SERVER_ERROR, true",
        "item-not-found, ITEM_NOT_FOUND, true",
        "other-request, OTHER_REQUEST, false",
        "policy-violation, POLICY_VIOLATION, false",
        "remote-connection-failed, REMOTE_CONNECTION_FAILED, true",
        "system-shutdown, SYSTEM_SHUTDOWN, true",
        "undefined-condition, UNDEFINED_CONDITION, false",
        "something-new, UNKNOWN, false"
    })
    void terminateConditionOnCreationFailsConnect(String value, BoshCondition expected, boolean transientCondition) {
        cm = FakeConnectionManager.start(r -> Mono.just(Reply.xml(BODY + "condition='" + value + "'/>")));
        StepVerifier.create(transport().connect(StreamOpen.to("localhost")))
            .expectErrorSatisfies(e -> {
                assertThat(e).isInstanceOf(BoshException.class).hasMessageContaining(value);
                BoshException b = (BoshException) e;
                assertThat(b.condition()).isEqualTo(expected);
                assertThat(b.conditionValue()).isEqualTo(value);
                assertThat(b.isTransient()).isEqualTo(transientCondition);
            })
            .verify(TIMEOUT);
    }

    @ParameterizedTest
    @CsvSource({"system-shutdown, SYSTEM_SHUTDOWN", "item-not-found, ITEM_NOT_FOUND", "policy-violation, POLICY_VIOLATION"})
    void terminateConditionDuringTheSessionEndsInboundAndOnClose(String value, BoshCondition expected) {
        ProsodyLikeHandler server = new ProsodyLikeHandler();
        cm = FakeConnectionManager.start(server);
        TransportConnection c = transport().connect(StreamOpen.to("localhost")).block(TIMEOUT);
        StepVerifier.create(c.inbound())
            .expectNextCount(1)
            .then(() -> server.terminateHeld("condition='" + value + "'"))
            .expectErrorSatisfies(e -> assertThat(((BoshException) e).condition()).isEqualTo(expected))
            .verify(TIMEOUT);
        StepVerifier.create(c.onClose()).expectError(BoshException.class).verify(TIMEOUT);
    }

    @Test
    void seeOtherUriCarriesTheUri() {
        cm = FakeConnectionManager.start(r -> Mono.just(Reply.xml(BODY
            + "condition='see-other-uri'><uri>https://other.example.com/http-bind</uri></body>")));
        StepVerifier.create(transport().connect(StreamOpen.to("localhost")))
            .expectErrorSatisfies(e -> {
                BoshException b = (BoshException) e;
                assertThat(b.condition()).isEqualTo(BoshCondition.SEE_OTHER_URI);
                assertThat(b.seeOtherUri()).contains(URI.create("https://other.example.com/http-bind"));
                assertThat(b.isTransient()).isTrue();
            })
            .verify(TIMEOUT);
    }

    @Test
    void remoteStreamErrorWrapsTheStreamError() {
        cm = FakeConnectionManager.start(r -> Mono.just(Reply.xml(BODY
            + "condition='remote-stream-error' xmlns:stream='http://etherx.jabber.org/streams'>"
            + "<stream:error><host-unknown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error></body>")));
        StepVerifier.create(transport().connect(StreamOpen.to("localhost")))
            .expectErrorSatisfies(e -> {
                BoshException b = (BoshException) e;
                assertThat(b.condition()).isEqualTo(BoshCondition.REMOTE_STREAM_ERROR);
                assertThat(b.streamError()).isPresent();
                assertThat(StreamError.from(b.streamError().get()).condition())
                    .isEqualTo(StreamError.Condition.HOST_UNKNOWN);
                assertThat(b.getMessage()).contains("host-unknown");
            })
            .verify(TIMEOUT);
    }

    @ParameterizedTest
    @CsvSource({"400, BAD_REQUEST", "403, POLICY_VIOLATION", "404, ITEM_NOT_FOUND", "409, UNDEFINED_CONDITION"})
    void http4xxOnCreationIsTerminal(int status, BoshCondition expected) {
        cm = FakeConnectionManager.start(r -> Mono.just(Reply.status(status)));
        StepVerifier.create(transport().connect(StreamOpen.to("localhost")))
            .expectErrorSatisfies(e -> {
                BoshException b = (BoshException) e;
                assertThat(b.condition()).isEqualTo(expected);
                assertThat(b.httpStatus()).isEqualTo(status);
            })
            .verify(TIMEOUT);
        assertThat(cm.received()).hasSize(1);
    }

    @Test
    void creationResponseWithoutSidIsAProtocolViolation() {
        cm = FakeConnectionManager.start(r -> Mono.just(Reply.xml("<body xmlns='http://jabber.org/protocol/httpbind' wait='60'/>")));
        StepVerifier.create(transport().connect(StreamOpen.to("localhost")))
            .expectErrorSatisfies(e -> {
                assertThat(((BoshException) e).condition()).isEqualTo(BoshCondition.PROTOCOL_VIOLATION);
                assertThat(e).hasMessageContaining("sid");
            })
            .verify(TIMEOUT);
    }

    @Test
    void malformedResponseIsAProtocolViolation() {
        cm = FakeConnectionManager.start(r -> Mono.just(Reply.xml("<body xmlns='http://jabber.org/protocol/httpbind'")));
        StepVerifier.create(transport().connect(StreamOpen.to("localhost")))
            .expectErrorSatisfies(e -> assertThat(((BoshException) e).condition()).isEqualTo(BoshCondition.PROTOCOL_VIOLATION))
            .verify(TIMEOUT);
    }

    @Test
    void aStreamErrorInTheCreationResponseFailsConnect() {
        cm = FakeConnectionManager.start(r -> Mono.just(Reply.xml("<body xmlns='http://jabber.org/protocol/httpbind'"
            + " sid='s1' wait='60' requests='2' hold='1'><stream:error xmlns:stream='http://etherx.jabber.org/streams'>"
            + "<host-unknown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error></body>")));
        StepVerifier.create(transport().connect(StreamOpen.to("localhost")))
            .expectError(org.reactorxmpp.xmpp.stanza.StreamErrorException.class)
            .verify(TIMEOUT);
    }

    @Test
    void aPlainTerminateInTheCreationResponseFailsConnect() {
        cm = FakeConnectionManager.start(r -> Mono.just(Reply.xml(BODY + "sid='s1'/>")));
        StepVerifier.create(transport().connect(StreamOpen.to("localhost")))
            .expectErrorSatisfies(e -> assertThat(((BoshException) e).condition()).isEqualTo(BoshCondition.UNDEFINED_CONDITION))
            .verify(TIMEOUT);
    }
}
