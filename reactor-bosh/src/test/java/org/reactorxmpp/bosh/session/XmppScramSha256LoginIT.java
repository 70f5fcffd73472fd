package org.reactorxmpp.bosh.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.reactorxmpp.bosh.BoshTransport;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.sasl.SaslCondition;
import org.reactorxmpp.xmpp.sasl.SaslException;
import org.reactorxmpp.xmpp.session.ConnectionState;
import org.reactorxmpp.xmpp.session.XmppClient;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.testing.EjabberdServer;
import org.reactorxmpp.xmpp.testing.ProsodyServer;
import org.reactorxmpp.xmpp.testing.XmppServerKind;
import org.reactorxmpp.xmpp.testing.XmppServers;
import org.reactorxmpp.xmpp.testing.XmppTestServer;
import org.reactorxmpp.xmpp.xml.XmlElement;
import reactor.test.StepVerifier;

/**
 * SCRAM-SHA-256 (RFC 7677) against each real server storing SHA-256 SCRAM keys (Prosody
 * {@code password_hash = "SHA-256"}, ejabberd {@code auth_scram_hash: sha256}): the only SCRAM it can then
 * verify. Each kind gets a server of its own with that configuration (not the shared ones).
 */
@ParameterizedClass(name = "{0}")
@EnumSource(XmppServerKind.class)
class XmppScramSha256LoginIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Parameter
    XmppServerKind kind;

    private static XmppTestServer server;

    @BeforeParameterizedClassInvocation
    static void start(XmppServerKind kind) {
        XmppServers.requireInstalled(kind);
        server = kind == XmppServerKind.PROSODY
            ? ProsodyServer.builder().passwordHash(ProsodyServer.PasswordHash.SHA_256).build()
            : EjabberdServer.builder().scramHash(EjabberdServer.ScramHash.SHA_256).build();
        server.start().createUsers("user", 2, "s3cret-256");
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    private static XmppClient.Builder client(String user, String password) {
        return XmppClient.builder()
            .jid(user + "@" + server.host())
            .password(password)
            .transport(BoshTransport.builder().url(server.boshUrl()).build());
    }

    @Test
    void loginWithScramSha256ThenPingThenClose() {
        XmppSession session = client("user1", "s3cret-256").enabledMechanisms(List.of("SCRAM-SHA-256")).build()
            .connect().block(TIMEOUT);
        assertThat(session.jid().asBare().toString()).isEqualTo("user1@" + server.host());
        StepVerifier.create(session.states().take(4))
            .expectNext(ConnectionState.CONNECTING, ConnectionState.AUTHENTICATING, ConnectionState.BINDING,
                ConnectionState.CONNECTED)
            .expectComplete()
            .verify(TIMEOUT);
        Iq pong = session.request(Iq.get(Jid.domain(server.host()), XmlElement.empty("urn:xmpp:ping", "ping")))
            .block(TIMEOUT);
        assertThat(pong.type()).isEqualTo(Iq.Type.RESULT);
        StepVerifier.create(session.close()).expectComplete().verify(TIMEOUT);
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
