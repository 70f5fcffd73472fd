package org.reactorxmpp.xmpp.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.reactorxmpp.xmpp.testing.EjabberdServer;
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
 * STARTTLS and direct TLS against real servers (Prosody, ejabberd) with a certificate from a test CA: the right
 * trust logs in, an untrusted certificate and a wrong name fail with a {@link TransportTlsException} naming the
 * problem, and a transport that requires TLS refuses a server that does not offer it.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(XmppServerKind.class)
class TcpTlsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Map<XmppServerKind, TlsServer> SERVERS = new EnumMap<>(XmppServerKind.class);

    /** A server with TLS: the server and its direct TLS port. */
    record TlsServer(XmppTestServer server, int directTlsPort) {
        static TlsServer start(XmppServerKind kind, TestCertificates certificates) {
            XmppServers.requireInstalled(kind);
            if (kind == XmppServerKind.PROSODY) {
                ProsodyServer p = ProsodyServer.builder().tls(certificates).user("alice", "secret").build().start();
                return new TlsServer(p, p.directTlsPort());
            }
            EjabberdServer e = EjabberdServer.builder().tls(certificates).user("alice", "secret").build().start();
            return new TlsServer(e, e.directTlsPort());
        }
    }

    @Parameter
    XmppServerKind kind;

    private static TestCertificates certificates;
    private TlsServer tls;
    private XmppTestServer server;

    @BeforeEach
    void server() {
        certificates = TestCertificates.forHost("localhost");
        synchronized (SERVERS) {
            tls = SERVERS.computeIfAbsent(kind, k -> TlsServer.start(k, certificates));
        }
        server = tls.server();
    }

    @AfterAll
    static void stop() {
        synchronized (SERVERS) {
            SERVERS.values().forEach(s -> s.server().close());
            SERVERS.clear();
        }
    }

    private TcpTransport.Builder startTls() {
        return TcpTransport.builder().host(server.address()).port(server.c2sPort());
    }

    private TcpTransport.Builder directTls() {
        return TcpTransport.builder().host(server.address()).port(tls.directTlsPort())
            .security(TcpTransport.Security.DIRECT_TLS);
    }

    private XmppClient client(Transport transport) {
        return XmppClient.builder().jid("alice@" + server.host()).password("secret").transport(transport).build();
    }

    private void logsInSecurely(Transport transport) {
        XmppSession session = client(transport).connect().block(TIMEOUT);
        try {
            assertThat(session.connectionDetails().transport().secure()).isTrue();
            Iq pong = session.request(Iq.get(Jid.domain(server.host()), XmlElement.empty("urn:xmpp:ping", "ping")))
                .block(TIMEOUT);
            assertThat(pong.type()).isEqualTo(Iq.Type.RESULT);
        } finally {
            session.close().block(TIMEOUT);
        }
    }

    private void failsWith(Transport transport, TransportTlsException.Reason reason) {
        StepVerifier.create(client(transport).connect())
            .expectErrorSatisfies(e -> assertThat(tlsCause(e)).as("TLS failure in %s", e.toString())
                .isNotNull().extracting(TransportTlsException::reason).isEqualTo(reason))
            .verify(TIMEOUT);
    }

    static TransportTlsException tlsCause(Throwable error) {
        return TestCertificates.tlsCause(error);
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
        TlsServer server = TlsServer.start(kind, other);
        try (XmppTestServer wrong = server.server()) {
            Transport starttls = TcpTransport.builder().host(wrong.address()).port(wrong.c2sPort())
                .trustManagerFactory(other.trust()).build();
            Transport direct = TcpTransport.builder().host(wrong.address()).port(server.directTlsPort())
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
        XmppTestServer plain = XmppServers.shared(kind);
        Transport transport = TcpTransport.builder().host(plain.address()).port(plain.c2sPort()).build();
        StepVerifier.create(XmppClient.builder().jid("nobody@" + plain.host()).password("secret").transport(transport)
                .build().connect())
            .expectErrorSatisfies(e -> assertThat(tlsCause(e)).isNotNull().extracting(TransportTlsException::reason)
                .isEqualTo(TransportTlsException.Reason.NOT_OFFERED))
            .verify(TIMEOUT);
    }
}
