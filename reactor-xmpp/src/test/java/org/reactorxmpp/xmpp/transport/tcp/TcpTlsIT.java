package org.reactorxmpp.xmpp.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.session.XmppClient;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.testing.ProsodyServer;
import org.reactorxmpp.xmpp.testing.TestCertificates;
import org.reactorxmpp.xmpp.testing.XmppServerKind;
import org.reactorxmpp.xmpp.testing.XmppServers;
import org.reactorxmpp.xmpp.testing.XmppTestServer;
import org.reactorxmpp.xmpp.transport.Transport;
import org.reactorxmpp.xmpp.transport.TransportTlsException;
import org.reactorxmpp.xmpp.xml.XmlElement;
import reactor.test.StepVerifier;

/**
 * STARTTLS and direct TLS against a real Prosody with a certificate from a test CA: the right trust logs in, an
 * untrusted certificate and a wrong name fail with a {@link TransportTlsException} naming the problem, and a
 * transport that requires TLS refuses a server that does not offer it.
 */
class TcpTlsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static TestCertificates certificates;
    private static ProsodyServer prosody;

    @BeforeAll
    static void start() {
        XmppServers.requireInstalled(XmppServerKind.PROSODY);
        certificates = TestCertificates.forHost("localhost");
        prosody = ProsodyServer.builder().tls(certificates).user("alice", "secret").build().start();
    }

    @AfterAll
    static void stop() {
        if (prosody != null) {
            prosody.close();
        }
    }

    private static TcpTransport.Builder startTls() {
        return TcpTransport.builder().host(prosody.address()).port(prosody.c2sPort());
    }

    private static TcpTransport.Builder directTls() {
        return TcpTransport.builder().host(prosody.address()).port(prosody.directTlsPort())
            .security(TcpTransport.Security.DIRECT_TLS);
    }

    private static XmppClient client(Transport transport) {
        return XmppClient.builder().jid("alice@" + prosody.host()).password("secret").transport(transport).build();
    }

    private static void logsInSecurely(Transport transport) {
        XmppSession session = client(transport).connect().block(TIMEOUT);
        try {
            assertThat(session.connectionDetails().transport().secure()).isTrue();
            Iq pong = session.request(Iq.get(Jid.domain(prosody.host()), XmlElement.empty("urn:xmpp:ping", "ping")))
                .block(TIMEOUT);
            assertThat(pong.type()).isEqualTo(Iq.Type.RESULT);
        } finally {
            session.close().block(TIMEOUT);
        }
    }

    private static void failsWith(Transport transport, TransportTlsException.Reason reason) {
        StepVerifier.create(client(transport).connect())
            .expectErrorSatisfies(e -> assertThat(tlsCause(e)).as("TLS failure in %s", e.toString())
                .isNotNull().extracting(TransportTlsException::reason).isEqualTo(reason))
            .verify(TIMEOUT);
    }

    static TransportTlsException tlsCause(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof TransportTlsException tls) {
                return tls;
            }
        }
        return null;
    }

    @Test
    void startTlsWithTheRightTrustLogsIn() {
        logsInSecurely(startTls().trustManagerFactory(certificates.trust()).build());
    }

    @Test
    void directTlsWithTheRightTrustLogsIn() {
        logsInSecurely(directTls().trustManagerFactory(certificates.trust()).build());
    }

    @Test
    void anUntrustedCertificateFailsTyped() {
        // the JVM's own trust store does not know the test CA
        failsWith(startTls().build(), TransportTlsException.Reason.UNTRUSTED_CERTIFICATE);
        failsWith(directTls().build(), TransportTlsException.Reason.UNTRUSTED_CERTIFICATE);
    }

    @Test
    void aCertificateForAnotherNameFailsTyped() {
        // trusted CA, but the certificate is for localhost and the client expects another name
        failsWith(startTls().trustManagerFactory(certificates.trust()).serverName("xmpp.example.org").build(),
            TransportTlsException.Reason.HOSTNAME_MISMATCH);
        failsWith(directTls().trustManagerFactory(certificates.trust()).serverName("xmpp.example.org").build(),
            TransportTlsException.Reason.HOSTNAME_MISMATCH);
    }

    @Test
    void aServerPresentingACertificateForAnotherNameFailsTyped() {
        // a certificate from a CA the client trusts, but issued for another name than the XMPP domain
        TestCertificates other = TestCertificates.forHost("xmpp.example.org");
        try (ProsodyServer wrong = ProsodyServer.builder().tls(other).user("alice", "secret").build().start()) {
            Transport starttls = TcpTransport.builder().host(wrong.address()).port(wrong.c2sPort())
                .trustManagerFactory(other.trust()).build();
            Transport direct = TcpTransport.builder().host(wrong.address()).port(wrong.directTlsPort())
                .security(TcpTransport.Security.DIRECT_TLS).trustManagerFactory(other.trust()).build();
            for (Transport transport : java.util.List.of(starttls, direct)) {
                StepVerifier.create(XmppClient.builder().jid("alice@" + wrong.host()).password("secret")
                        .transport(transport).build().connect())
                    .expectErrorSatisfies(e -> assertThat(tlsCause(e)).as("TLS failure in %s", e.toString())
                        .isNotNull().extracting(TransportTlsException::reason)
                        .isEqualTo(TransportTlsException.Reason.HOSTNAME_MISMATCH))
                    .verify(TIMEOUT);
            }
        }
    }

    @Test
    void requiredTlsRefusesAServerThatDoesNotOfferIt() {
        XmppTestServer plain = XmppServers.shared(XmppServerKind.PROSODY);
        Transport transport = TcpTransport.builder().host(plain.address()).port(plain.c2sPort()).build();
        StepVerifier.create(XmppClient.builder().jid("nobody@" + plain.host()).password("secret").transport(transport)
                .build().connect())
            .expectErrorSatisfies(e -> assertThat(tlsCause(e)).isNotNull().extracting(TransportTlsException::reason)
                .isEqualTo(TransportTlsException.Reason.NOT_OFFERED))
            .verify(TIMEOUT);
    }
}
