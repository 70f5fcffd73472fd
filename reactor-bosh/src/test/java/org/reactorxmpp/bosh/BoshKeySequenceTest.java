package org.reactorxmpp.bosh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactorxmpp.bosh.FakeConnectionManager.Received;
import org.reactorxmpp.bosh.FakeConnectionManager.Reply;
import org.reactorxmpp.bosh.internal.BoshWireAccess;
import org.reactorxmpp.xmpp.transport.StreamOpen;
import org.reactorxmpp.xmpp.transport.TransportConnection;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlReader;

import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** XEP-0124 section 15 key sequences against a fake connection manager that checks them. */
class BoshKeySequenceTest {

    static final Duration TIMEOUT = Duration.ofSeconds(20);

    private FakeConnectionManager cm;

    @AfterEach
    void stop() {
        if (cm != null) {
            cm.close();
        }
    }

    private BoshTransport.Builder transport() {
        return BoshTransport.builder().url(cm.url()).retryBackoff(Duration.ofMillis(10), Duration.ofMillis(50));
    }

    private static TransportConnection connect(BoshTransport transport) {
        return transport.connect(StreamOpen.to("localhost")).block(TIMEOUT);
    }

    private static List<Received> byRid(List<Received> all) {
        return all.stream().sorted(Comparator.comparingLong(Received::rid).thenComparingInt(Received::index))
            .collect(Collectors.toList());
    }

    @Test
    void shortSequencesAreRenewedAndEveryRequestCarriesTheNextKey() {
        ProsodyLikeHandler server = new ProsodyLikeHandler();
        cm = FakeConnectionManager.start(server);
        TransportConnection c = connect(transport().keySequences(true).keySequenceLength(5).build());
        for (int i = 0; i < 12; i++) {
            StepVerifier.create(c.send(BoshTransportTest.message("m" + i))).expectComplete().verify(TIMEOUT);
        }
        StepVerifier.create(c.close(null)).expectComplete().verify(TIMEOUT);
        StepVerifier.create(c.onClose()).expectComplete().verify(TIMEOUT);

        assertThat(server.keyFailure()).isFalse();
        assertThat(server.rekeys()).isGreaterThanOrEqualTo(2);
        assertThat(server.delivered()).hasSize(12);

        List<Received> requests = byRid(cm.received());
        Received creation = requests.get(0);
        assertThat(creation.isCreation()).isTrue();
        assertThat(creation.body().attribute("key")).isNull();
        String expected = creation.body().attribute("newkey");
        assertThat(expected).matches("[0-9a-f]{40}");
        int sinceRekey = 0;
        for (Received r : requests.subList(1, requests.size())) {
            String key = r.body().attribute("key");
            assertThat(key).as("rid %s", r.rid()).matches("[0-9a-f]{40}");
            assertThat(BoshWireAccess.sha1Hex(key)).isEqualTo(expected);
            String newkey = r.body().attribute("newkey");
            sinceRekey++;
            if (newkey != null) {
                // length 5: K(5) announced, K(4)..K(2) revealed, K(1) goes with the next K(5)
                assertThat(sinceRekey).isEqualTo(4);
                assertThat(newkey).matches("[0-9a-f]{40}");
                sinceRekey = 0;
                expected = newkey;
            } else {
                expected = key;
            }
        }
        assertThat(server.keysChecked()).isEqualTo(requests.size() - 1);
    }

    @Test
    void aResendAfterALostResponseCarriesTheSameKey() {
        ProsodyLikeHandler server = new ProsodyLikeHandler();
        AtomicInteger drops = new AtomicInteger();
        cm = FakeConnectionManager.start(r -> {
            Mono<Reply> normal = server.handle(r);
            if (r.carries("m1") && drops.getAndIncrement() == 0) {
                return Mono.just(Reply.drop()); // processed (key accepted), but the response is lost
            }
            return normal;
        });
        TransportConnection c = connect(transport().keySequences(true).keySequenceLength(5).build());
        StepVerifier.create(c.send(BoshTransportTest.message("m1"))).expectComplete().verify(TIMEOUT);
        List<Received> carrying = cm.requests().filter(r -> r.carries("m1")).take(2).collectList().block(TIMEOUT);

        assertThat(carrying).hasSize(2);
        assertThat(carrying.get(1).raw()).isEqualTo(carrying.get(0).raw());
        assertThat(carrying.get(1).body().attribute("key")).isNotNull()
            .isEqualTo(carrying.get(0).body().attribute("key"));
        // the session goes on with the next keys after the resend
        StepVerifier.create(c.send(BoshTransportTest.message("m2"))).expectComplete().verify(TIMEOUT);
        StepVerifier.create(c.close(null)).expectComplete().verify(TIMEOUT);
        assertThat(server.keyFailure()).isFalse();
        assertThat(server.delivered()).containsExactly(BoshTransportTest.message("m1"), BoshTransportTest.message("m2"));
    }

    @Test
    void withoutKeySequencesNoRequestCarriesKeys() {
        ProsodyLikeHandler server = new ProsodyLikeHandler();
        cm = FakeConnectionManager.start(server);
        TransportConnection c = connect(transport().build());
        StepVerifier.create(c.send(BoshTransportTest.message("m1"))).expectComplete().verify(TIMEOUT);
        StepVerifier.create(c.close(null)).expectComplete().verify(TIMEOUT);
        assertThat(cm.received()).hasSizeGreaterThanOrEqualTo(3).allSatisfy(r -> {
            assertThat(r.body().attribute("key")).isNull();
            assertThat(r.body().attribute("newkey")).isNull();
        });
        assertThat(server.keysChecked()).isZero();
    }

    @Test
    void detachExportsTheRemainingKeysAndAttachCarriesOnWithThem() {
        ProsodyLikeHandler server = new ProsodyLikeHandler();
        cm = FakeConnectionManager.start(server);
        TransportConnection c = connect(transport().keySequences(true).keySequenceLength(5).build());
        StepVerifier.create(c.send(BoshTransportTest.message("m1"))).expectComplete().verify(TIMEOUT);
        BoshSessionState state = BoshTransport.detach(c).block(TIMEOUT);
        assertThat(state.keys()).isNotEmpty().allSatisfy(k -> assertThat(k).matches("[0-9a-f]{40}"));
        assertThat(state.toString()).doesNotContain(state.keys().get(0));

        // the new owner has key sequences off: the session's keys still apply
        TransportConnection taken = transport().build().attach(state).block(TIMEOUT);
        for (int i = 2; i < 8; i++) {
            StepVerifier.create(taken.send(BoshTransportTest.message("m" + i))).expectComplete().verify(TIMEOUT);
        }
        StepVerifier.create(taken.close(null)).expectComplete().verify(TIMEOUT);
        assertThat(server.keyFailure()).isFalse();
        assertThat(server.rekeys()).isGreaterThanOrEqualTo(1);
        assertThat(server.delivered()).hasSize(7);
    }

    @Test
    void attachRefusesKeysThatAreNotAChain() {
        ProsodyLikeHandler server = new ProsodyLikeHandler();
        cm = FakeConnectionManager.start(server);
        String k1 = BoshWireAccess.sha1Hex("a");
        String other = BoshWireAccess.sha1Hex("b");
        BoshSessionState state = new BoshSessionState("s1", 100, "localhost", null, 2, 1, Duration.ofSeconds(60),
            null, null, false, List.of(), List.of(k1, other));
        StepVerifier.create(transport().build().attach(state))
            .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SHA-1 chain"))
            .verify(TIMEOUT);
        assertThat(cm.received()).isEmpty();
    }

    @Test
    void theFakeTerminatesARequestWithAWrongKey() {
        ProsodyLikeHandler server = new ProsodyLikeHandler();
        XmlReader reader = XmlReader.create();
        String k1 = BoshWireAccess.sha1Hex("seed");
        String k2 = BoshWireAccess.sha1Hex(k1);
        server.handle(received(reader, 0, "<body xmlns='http://jabber.org/protocol/httpbind' rid='10' to='localhost'"
            + " newkey='" + k2 + "'/>")).block(TIMEOUT);
        Reply bad = server.handle(received(reader, 1, "<body xmlns='http://jabber.org/protocol/httpbind' rid='11' sid='s1'"
            + " key='" + k2 + "'/>")).block(TIMEOUT);
        assertThat(bad.xml()).contains("type='terminate'").contains("condition='item-not-found'");
        assertThat(server.keyFailure()).isTrue();
    }

    private static Received received(XmlReader reader, int index, String xml) {
        byte[] raw = xml.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        XmlElement body = reader.read(raw);
        return new Received(index, body, raw, io.netty.handler.codec.http.EmptyHttpHeaders.INSTANCE);
    }

    @Test
    void keySequenceLengthIsValidated() {
        assertThatThrownBy(() -> BoshTransport.builder().url(java.net.URI.create("http://localhost/http-bind"))
            .keySequences(true).keySequenceLength(1).build())
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keySequenceLength");
    }
}
