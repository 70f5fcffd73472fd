package org.reactorxmpp.xmpp.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.xmpp.jid.FullJid;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.stream.StreamFeatures;
import org.reactorxmpp.xmpp.transport.tcp.TcpTransport;
import org.reactorxmpp.xmpp.xml.XmlReader;

import reactor.test.StepVerifier;

/** The handover value and its encoding, and the typed errors of transports that cannot hand over. */
class SessionHandoverTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final FullJid ALICE = FullJid.parse("alice@example.com/desk");
    private static final StreamFeatures FEATURES = StreamFeatures.from(XmlReader.create().read(
        ("<stream:features xmlns:stream='http://etherx.jabber.org/streams'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>"
            + "<ver xmlns='urn:xmpp:features:rosterver'/></stream:features>").getBytes(StandardCharsets.UTF_8)));
    private static final byte[] STATE = "opaque secret state".getBytes(StandardCharsets.UTF_8);

    @Test
    void theEncodingRoundTripsAndTheValueIsImmutable() {
        byte[] state = STATE.clone();
        SessionHandover handover = SessionHandover.of(ALICE, "BOSH", FEATURES, state);
        state[0] = 'X';
        byte[] bytes = handover.toBytes();
        SessionHandover back = SessionHandover.fromBytes(bytes);
        assertThat(back).isEqualTo(handover);
        assertThat(back.jid()).isEqualTo(ALICE);
        assertThat(back.transport()).isEqualTo("BOSH");
        assertThat(back.transportState()).isEqualTo(STATE);
        assertThat(back.features().feature("urn:xmpp:features:rosterver")).isPresent();
        back.transportState()[0] = 'Y';
        assertThat(back.transportState()).isEqualTo(STATE);
    }

    @Test
    void toStringRedactsTheTransportState() {
        String text = SessionHandover.of(ALICE, "BOSH", FEATURES, STATE).toString();
        assertThat(text).contains("alice@example.com/desk").contains("BOSH").doesNotContain("secret");
    }

    @Test
    void damagedBytesAreCorruptAndAnotherVersionIsUnknown() {
        byte[] bytes = SessionHandover.of(ALICE, "BOSH", FEATURES, STATE).toBytes();
        List<byte[]> damaged = new ArrayList<>();
        damaged.add(new byte[0]);
        damaged.add(Arrays.copyOf(bytes, 3));
        damaged.add(Arrays.copyOf(bytes, bytes.length - 1));
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        damaged.add(longer);
        byte[] badMagic = bytes.clone();
        badMagic[0] ^= 0x55;
        damaged.add(badMagic);
        for (byte[] d : damaged) {
            assertThatThrownBy(() -> SessionHandover.fromBytes(d))
                .isInstanceOfSatisfying(SessionHandoverException.class,
                    e -> assertThat(e.reason()).isEqualTo(SessionHandoverException.Reason.CORRUPT));
        }
        byte[] future = bytes.clone();
        future[4] = 2;
        assertThatThrownBy(() -> SessionHandover.fromBytes(future))
            .isInstanceOfSatisfying(SessionHandoverException.class,
                e -> assertThat(e.reason()).isEqualTo(SessionHandoverException.Reason.UNKNOWN_VERSION));
    }

    @Test
    void aTcpClientCannotAttach() {
        XmppClient tcp = XmppClient.builder().jid("alice@example.com").password("secret")
            .transport(TcpTransport.builder().host("127.0.0.1").port(5222).build()).build();
        StepVerifier.create(tcp.attach(SessionHandover.of(ALICE, "BOSH", FEATURES, STATE)))
            .expectErrorSatisfies(e -> assertThat(((SessionHandoverException) e).reason())
                .isEqualTo(SessionHandoverException.Reason.UNSUPPORTED))
            .verify(TIMEOUT);
    }

    @Test
    void aSessionOnATransportThatCannotHandOverRefusesToDetachAndGoesOn() {
        List<ScriptedServer> servers = new ArrayList<>();
        XmppSession session = ScriptedSessions.client(ScriptedSessions.transport(servers)).build().connect()
            .block(TIMEOUT);
        StepVerifier.create(session.detach())
            .expectErrorSatisfies(e -> assertThat(((SessionHandoverException) e).reason())
                .isEqualTo(SessionHandoverException.Reason.UNSUPPORTED))
            .verify(TIMEOUT);
        StepVerifier.create(session.checkpoints())
            .expectErrorSatisfies(e -> assertThat(((SessionHandoverException) e).reason())
                .isEqualTo(SessionHandoverException.Reason.UNSUPPORTED))
            .verify(TIMEOUT);
        StepVerifier.create(session.send(Message.builder().to(ALICE).body("still here").build()))
            .expectComplete()
            .verify(TIMEOUT);
        session.close().block(TIMEOUT);
        StepVerifier.create(session.detach())
            .expectErrorSatisfies(e -> assertThat(((SessionHandoverException) e).reason())
                .isEqualTo(SessionHandoverException.Reason.NOT_CONNECTED))
            .verify(TIMEOUT);
    }

    @Test
    void detachedIsADisconnectedState() {
        ConnectionState detached = ConnectionState.detached();
        assertThat(detached.kind()).isEqualTo(ConnectionState.Kind.DISCONNECTED);
        assertThat(detached.isDetached()).isTrue();
        assertThat(detached.cause()).isEmpty();
        assertThat(detached).isNotEqualTo(ConnectionState.disconnected(null));
        assertThat(ConnectionState.disconnected(null).isDetached()).isFalse();
        assertThat(detached.toString()).isEqualTo("DISCONNECTED(detached)");
    }
}
