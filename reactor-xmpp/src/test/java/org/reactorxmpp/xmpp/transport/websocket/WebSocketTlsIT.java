package org.reactorxmpp.xmpp.transport.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.session.XmppClient;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.testing.EjabberdServer;
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
 * WebSocket over TLS ({@code wss://}) against real servers with a certificate for {@code localhost} from a test CA
 * (ejabberd: an {@code ejabberd_http} listener with {@code tls: true}; Prosody: its {@code https} service): the
 * right trust logs in over a secure connection, the JVM's own trust store fails with
 * {@link TransportTlsException.Reason#UNTRUSTED_CERTIFICATE}, and a URL host the certificate is not issued for
 * (the loopback address itself) with {@link TransportTlsException.Reason#HOSTNAME_MISMATCH}.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(XmppServerKind.class)
class WebSocketTlsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Map<XmppServerKind, XmppTestServer> SERVERS = new EnumMap<>(XmppServerKind.class);
    private static final Map<XmppServerKind, Integer> HTTPS_PORTS = new EnumMap<>(XmppServerKind.class);

    @Parameter
    XmppServerKind kind;

    private static TestCertificates certificates;
    private XmppTestServer server;
    private int httpsPort;

    @BeforeEach
    void server() {
        certificates = TestCertificates.forHost("localhost");
        synchronized (SERVERS) {
            server = SERVERS.computeIfAbsent(kind, k -> {
                XmppServers.requireInstalled(k);
                if (k == XmppServerKind.PROSODY) {
                    ProsodyServer p = ProsodyServer.builder().tls(certificates).user("alice", "secret").build().start();
                    HTTPS_PORTS.put(k, p.httpsPort());
                    return p;
                }
                EjabberdServer e = EjabberdServer.builder().tls(certificates).user("alice", "secret").build().start();
                HTTPS_PORTS.put(k, e.httpsPort());
                return e;
            });
            httpsPort = HTTPS_PORTS.get(kind);
        }
    }

    @AfterAll
    static void stop() {
        synchronized (SERVERS) {
            SERVERS.values().forEach(XmppTestServer::close);
            SERVERS.clear();
            HTTPS_PORTS.clear();
        }
    }

    private WebSocketTransport.Builder wss(String host) {
        return WebSocketTransport.builder().url(URI.create("wss://" + host + ":" + httpsPort + "/xmpp-websocket"));
    }

    private XmppClient client(Transport transport) {
        return XmppClient.builder().jid("alice@" + server.host()).password("secret").transport(transport).build();
    }

    private void failsWith(Transport transport, TransportTlsException.Reason reason) {
        StepVerifier.create(client(transport).connect())
            .expectErrorSatisfies(e -> assertThat(TestCertificates.tlsCause(e)).as("TLS failure in %s", e.toString())
                .isNotNull().extracting(TransportTlsException::reason).isEqualTo(reason))
            .verify(TIMEOUT);
    }

    @Test
    void theRightTrustLogsInSecurely() {
        XmppSession session = client(wss("localhost").trustManagerFactory(certificates.trust()).build()).connect()
            .block(TIMEOUT);
        try {
            assertThat(session.connectionDetails().transport().secure()).isTrue();
            Iq pong = session.request(Iq.get(Jid.domain(server.host()), XmlElement.empty("urn:xmpp:ping", "ping")))
                .block(TIMEOUT);
            assertThat(pong.type()).isEqualTo(Iq.Type.RESULT);
        } finally {
            session.close().block(TIMEOUT);
        }
    }

    @Test
    void anUntrustedCertificateFailsTyped() {
        // the JVM's own trust store does not know the test CA
        failsWith(wss("localhost").build(), TransportTlsException.Reason.UNTRUSTED_CERTIFICATE);
    }

    @Test
    void aUrlHostTheCertificateIsNotIssuedForFailsTyped() {
        // trusted CA, but the certificate names localhost and the URL the address
        failsWith(wss("127.0.0.1").trustManagerFactory(certificates.trust()).build(),
            TransportTlsException.Reason.HOSTNAME_MISMATCH);
    }
}
