package org.reactorxmpp.bosh.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.bosh.BoshCondition;
import org.reactorxmpp.bosh.BoshException;
import org.reactorxmpp.bosh.BoshTransport;
import org.reactorxmpp.xmpp.session.ConnectPhase;
import org.reactorxmpp.xmpp.session.XmppClient;
import org.reactorxmpp.xmpp.session.XmppConnectException;

import reactor.test.StepVerifier;

/**
 * A connection manager that cannot be reached fails {@code connect()} with an {@link XmppConnectException} of
 * phase {@link ConnectPhase#TRANSPORT}, the transport's exception kept as cause, within 2 s with the default
 * retry budget (it took 6 attempts and 7-9 s, as a {@code BoshException}). Real sockets on loopback; the unknown
 * host uses the reserved {@code .invalid} top-level domain (RFC 6761), which no resolver may answer.
 */
class ConnectErrorsIT {

    private static XmppClient client(URI url) {
        return XmppClient.builder().jid("alice@localhost").password("secret")
            .transport(BoshTransport.builder().url(url).build())
            .build();
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static java.util.List<Throwable> causes(Throwable e) {
        java.util.List<Throwable> all = new java.util.ArrayList<>();
        for (Throwable t = e; t != null && !all.contains(t); t = t.getCause()) {
            all.add(t);
        }
        return all;
    }

    @Test
    void aRefusedConnectionFailsConnectInTheTransportPhaseWithinTwoSeconds() throws Exception {
        URI url = URI.create("http://127.0.0.1:" + closedPort() + "/http-bind");
        Duration took = StepVerifier.create(client(url).connect())
            .expectErrorSatisfies(e -> {
                assertThat(e).isInstanceOf(XmppConnectException.class);
                XmppConnectException x = (XmppConnectException) e;
                assertThat(x.phase()).isEqualTo(ConnectPhase.TRANSPORT);
                assertThat(x.isTimeout()).isFalse();
                assertThat(x.isTransient()).as("a refused connection may work later").isTrue();
                assertThat(x.getCause()).isInstanceOfSatisfying(BoshException.class,
                    b -> assertThat(b.condition()).isEqualTo(BoshCondition.CONNECTION_LOST));
                assertThat(x).hasRootCauseInstanceOf(java.net.ConnectException.class);
            })
            .verify(Duration.ofSeconds(30));
        assertThat(took).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void anUnknownHostFailsConnectInTheTransportPhaseWithinTwoSeconds() {
        URI url = URI.create("http://no-such-host.invalid/http-bind");
        Duration took = StepVerifier.create(client(url).connect())
            .expectErrorSatisfies(e -> {
                assertThat(e).isInstanceOf(XmppConnectException.class);
                assertThat(((XmppConnectException) e).phase()).isEqualTo(ConnectPhase.TRANSPORT);
                assertThat(e.getCause()).isInstanceOf(BoshException.class);
                assertThat(causes(e)).hasAtLeastOneElementOfType(java.net.UnknownHostException.class);
                assertThat(e.getCause()).hasMessageContaining("after 1 attempts"); // not retried
            })
            .verify(Duration.ofSeconds(30));
        assertThat(took).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void theRetryBudgetIsConfigurable() throws Exception {
        URI url = URI.create("http://127.0.0.1:" + closedPort() + "/http-bind");
        XmppClient none = XmppClient.builder().jid("alice@localhost").password("secret")
            .transport(BoshTransport.builder().url(url).connectRetries(0).build()).build();
        StepVerifier.create(none.connect())
            .expectErrorSatisfies(e -> assertThat(e.getCause()).hasMessageContaining("after 1 attempts"))
            .verify(Duration.ofSeconds(30));
        XmppClient two = client(url);
        StepVerifier.create(two.connect())
            .expectErrorSatisfies(e -> assertThat(e.getCause()).hasMessageContaining("after 3 attempts"))
            .verify(Duration.ofSeconds(30));
    }
}
