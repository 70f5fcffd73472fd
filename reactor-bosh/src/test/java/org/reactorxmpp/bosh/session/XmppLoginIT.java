package org.reactorxmpp.bosh.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.reactorxmpp.bosh.BoshTransport;
import org.reactorxmpp.xmpp.sasl.SaslCondition;
import org.reactorxmpp.xmpp.sasl.SaslException;
import org.reactorxmpp.xmpp.session.ConnectionState;
import org.reactorxmpp.xmpp.session.XmppClient;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.testing.ProsodyExtension;
import org.reactorxmpp.xmpp.testing.ProsodyServer;
import org.reactorxmpp.xmpp.transport.Transport;
import reactor.test.StepVerifier;

/** Logins against a real Prosody over BOSH: SCRAM-SHA-1, PLAIN and its guard, wrong password. */
class XmppLoginIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @RegisterExtension
    static final ProsodyExtension prosody = ProsodyExtension.builder()
        .users("user", 3, "secret")
        .considerBoshSecure(true)
        .allowUnencryptedPlainAuth(false)
        .build();

    private static XmppClient.Builder client(Transport transport, String user, String password) {
        ProsodyServer server = prosody.server();
        return XmppClient.builder()
            .jid(user + "@" + server.host())
            .password(password)
            .transport(transport);
    }

    private static BoshTransport bosh() {
        return BoshTransport.builder().url(prosody.server().boshUrl()).build();
    }

    @Test
    void loginWithScramSha1ThenClose() {
        XmppSession session = client(bosh(), "user1", "secret").enabledMechanisms(List.of("SCRAM-SHA-1")).build()
            .connect().block(TIMEOUT);
        assertThat(session.jid().asBare().toString()).isEqualTo("user1@" + prosody.server().host());
        assertThat(session.jid().resource()).isNotBlank();
        StepVerifier.create(session.close()).verifyComplete();
        StepVerifier.create(session.states().last()).expectNext(ConnectionState.disconnected(null)).verifyComplete();
    }

    @Test
    void loginWithClientChosenResource() {
        XmppSession session = client(bosh(), "user2", "secret").resource("balcony").build()
            .connect().block(TIMEOUT);
        assertThat(session.jid().resource()).isEqualTo("balcony");
        session.close().block(TIMEOUT);
    }

    @Test
    void plainWhenBoshIsConsideredSecureAndTheClientAllowsIt() {
        // Prosody offers PLAIN (consider_bosh_secure); our hop is plain HTTP, so the client must opt in
        XmppSession session = client(bosh(), "user3", "secret").enabledMechanisms(List.of("PLAIN"))
            .unsecureAllowed(true).build()
            .connect().block(TIMEOUT);
        assertThat(session.jid().asBare().toString()).isEqualTo("user3@" + prosody.server().host());
        session.close().block(TIMEOUT);
    }

    @Test
    void plainIsRefusedOverAnInsecureTransportUnlessAllowed() {
        // BOSH over http:// is not secure, whatever the body's secure attribute says (Prosody sends 'true')
        assertThat(bosh().connect(org.reactorxmpp.xmpp.transport.StreamOpen.to(prosody.server().host()))
            .flatMap(c -> c.close(null).thenReturn(c.isSecure())).block(TIMEOUT)).isFalse();
        StepVerifier.create(client(bosh(), "user1", "secret")
                .enabledMechanisms(List.of("PLAIN")).build().connect())
            .expectErrorSatisfies(e -> {
                assertThat(e).isInstanceOf(SaslException.class);
                assertThat(((SaslException) e).condition()).isEqualTo(SaslCondition.NO_ACCEPTABLE_MECHANISM);
            })
            .verify(TIMEOUT);

        XmppSession session = client(bosh(), "user1", "secret")
            .enabledMechanisms(List.of("PLAIN")).unsecureAllowed(true).build()
            .connect().block(TIMEOUT);
        assertThat(session.jid().asBare().toString()).startsWith("user1@");
        session.close().block(TIMEOUT);
    }

    @Test
    void wrongPasswordIsNotAuthorized() {
        for (String mechanism : List.of("SCRAM-SHA-1", "PLAIN")) {
            StepVerifier.create(client(bosh(), "user1", "wrong").enabledMechanisms(List.of(mechanism))
                    .unsecureAllowed(true).build().connect())
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(SaslException.class);
                    assertThat(((SaslException) e).condition()).as(mechanism).isEqualTo(SaslCondition.NOT_AUTHORIZED);
                })
                .verify(TIMEOUT);
        }
    }
}
