package org.reactorxmpp.bosh.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.reactorxmpp.bosh.BoshTransport;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.sasl.SaslCondition;
import org.reactorxmpp.xmpp.sasl.SaslException;
import org.reactorxmpp.xmpp.session.ConnectionState;
import org.reactorxmpp.xmpp.session.XmppClient;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.testing.ProsodyExtension;
import org.reactorxmpp.xmpp.testing.ProsodyServer;
import org.reactorxmpp.xmpp.xml.XmlElement;
import reactor.test.StepVerifier;

/**
 * SCRAM-SHA-256 (RFC 7677) against a real Prosody that stores SHA-256 SCRAM keys
 * ({@code password_hash = "SHA-256"}): the only SCRAM it can then verify.
 */
class XmppScramSha256LoginIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @RegisterExtension
    static final ProsodyExtension prosody = ProsodyExtension.builder()
        .passwordHash(ProsodyServer.PasswordHash.SHA_256)
        .users("user", 2, "s3cret-256")
        .build();

    private static XmppClient.Builder client(String user, String password) {
        ProsodyServer server = prosody.server();
        return XmppClient.builder()
            .jid(user + "@" + server.host())
            .password(password)
            .transport(BoshTransport.builder().url(server.boshUrl()).build());
    }

    @Test
    void loginWithScramSha256ThenPingThenClose() {
        XmppSession session = client("user1", "s3cret-256").enabledMechanisms(List.of("SCRAM-SHA-256")).build()
            .connect().block(TIMEOUT);
        assertThat(session.jid().asBare().toString()).isEqualTo("user1@" + prosody.server().host());
        StepVerifier.create(session.states().take(4))
            .expectNext(ConnectionState.CONNECTING, ConnectionState.AUTHENTICATING, ConnectionState.BINDING,
                ConnectionState.CONNECTED)
            .verifyComplete();
        Iq pong = session.request(Iq.get(Jid.domain(prosody.server().host()), XmlElement.empty("urn:xmpp:ping", "ping")))
            .block(TIMEOUT);
        assertThat(pong.type()).isEqualTo(Iq.Type.RESULT);
        StepVerifier.create(session.close()).verifyComplete();
    }

    @Test
    void defaultPreferencePicksScramSha256WhenThatIsWhatTheServerCanDo() {
        XmppSession session = client("user2", "s3cret-256").build().connect().block(TIMEOUT);
        assertThat(session.jid().asBare().toString()).startsWith("user2@");
        session.close().block(TIMEOUT);
    }

    @Test
    void wrongPasswordIsNotAuthorized() {
        StepVerifier.create(client("user1", "wrong").enabledMechanisms(List.of("SCRAM-SHA-256")).build().connect())
            .expectErrorSatisfies(e -> {
                assertThat(e).isInstanceOf(SaslException.class);
                assertThat(((SaslException) e).condition()).isEqualTo(SaslCondition.NOT_AUTHORIZED);
            })
            .verify(TIMEOUT);
    }
}
