package org.reactorxmpp.bosh.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.reactorxmpp.bosh.BoshTransport;
import org.reactorxmpp.xmpp.sasl.SaslCondition;
import org.reactorxmpp.xmpp.sasl.SaslException;
import org.reactorxmpp.xmpp.session.ConnectionState;
import org.reactorxmpp.xmpp.session.XmppClient;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.testing.OnBothServers;
import org.reactorxmpp.xmpp.testing.TestAccount;
import org.reactorxmpp.xmpp.testing.XmppTestServer;
import org.reactorxmpp.xmpp.transport.StreamOpen;
import reactor.test.StepVerifier;

/** Logins over BOSH against each real server: SCRAM-SHA-1, PLAIN and its guard, wrong password. */
@OnBothServers
class XmppLoginIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Parameter
    XmppTestServer server;

    private XmppClient.Builder client(TestAccount account, String password) {
        return XmppClient.builder()
            .jid(account.jid())
            .password(password)
            .transport(bosh());
    }

    private BoshTransport bosh() {
        return BoshTransport.builder().url(server.boshUrl()).build();
    }

    @Test
    void loginWithScramSha1ThenClose() {
        TestAccount account = server.newAccount("login");
        XmppSession session = client(account, account.password()).enabledMechanisms(List.of("SCRAM-SHA-1")).build()
            .connect().block(TIMEOUT);
        assertThat(session.jid().asBare().toString()).isEqualTo(account.jid());
        assertThat(session.jid().resource()).isNotBlank();
        StepVerifier.create(session.close()).expectComplete().verify(TIMEOUT);
        StepVerifier.create(session.states().last()).expectNext(ConnectionState.disconnected(null)).expectComplete().verify(TIMEOUT);
    }

    @Test
    void loginWithClientChosenResource() {
        TestAccount account = server.newAccount("login");
        XmppSession session = client(account, account.password()).resource("balcony").build()
            .connect().block(TIMEOUT);
        assertThat(session.jid().resource()).isEqualTo("balcony");
        StepVerifier.create(session.close()).expectComplete().verify(TIMEOUT);
    }

    @Test
    void plainWhenTheServerOffersItAndTheClientAllowsIt() {
        // both servers offer PLAIN over BOSH (Prosody: consider_bosh_secure); our hop is plain HTTP, so the
        // client must opt in
        TestAccount account = server.newAccount("login");
        XmppSession session = client(account, account.password()).enabledMechanisms(List.of("PLAIN"))
            .unsecureAllowed(true).build()
            .connect().block(TIMEOUT);
        assertThat(session.jid().asBare().toString()).isEqualTo(account.jid());
        StepVerifier.create(session.close()).expectComplete().verify(TIMEOUT);
    }

    @Test
    void plainIsRefusedOverAnInsecureTransportUnlessAllowed() {
        // BOSH over http:// is not secure, whatever the body's secure attribute says (both send 'true')
        assertThat(bosh().connect(StreamOpen.to(server.host()))
            .flatMap(c -> c.close(null).thenReturn(c.isSecure())).block(TIMEOUT)).isFalse();
        TestAccount account = server.newAccount("login");
        StepVerifier.create(client(account, account.password())
                .enabledMechanisms(List.of("PLAIN")).build().connect())
            .expectErrorSatisfies(e -> {
                assertThat(e).isInstanceOf(SaslException.class);
                assertThat(((SaslException) e).condition()).isEqualTo(SaslCondition.NO_ACCEPTABLE_MECHANISM);
            })
            .verify(TIMEOUT);

        XmppSession session = client(account, account.password())
            .enabledMechanisms(List.of("PLAIN")).unsecureAllowed(true).build()
            .connect().block(TIMEOUT);
        assertThat(session.jid().asBare().toString()).isEqualTo(account.jid());
        StepVerifier.create(session.close()).expectComplete().verify(TIMEOUT);
    }

    @Test
    void wrongPasswordIsNotAuthorized() {
        TestAccount account = server.newAccount("login");
        for (String mechanism : List.of("SCRAM-SHA-1", "PLAIN")) {
            StepVerifier.create(client(account, "wrong").enabledMechanisms(List.of(mechanism))
                    .unsecureAllowed(true).build().connect())
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(SaslException.class);
                    assertThat(((SaslException) e).condition()).as(mechanism).isEqualTo(SaslCondition.NOT_AUTHORIZED);
                })
                .verify(TIMEOUT);
        }
    }
}
