package org.reactorxmpp.bosh;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;
import org.reactorxmpp.xmpp.session.XmppClient;
import org.reactorxmpp.xmpp.testing.OnBothServers;
import org.reactorxmpp.xmpp.testing.TestAccount;
import org.reactorxmpp.xmpp.testing.TransportContractTest;
import org.reactorxmpp.xmpp.testing.XmppTestServer;
import org.reactorxmpp.xmpp.transport.Transport;
import org.reactorxmpp.xmpp.transport.TransportDetails;

/** The transport contract, for BOSH, against Prosody and ejabberd. */
@OnBothServers
class BoshTransportContractIT extends TransportContractTest {

    @Parameter
    XmppTestServer server;

    private List<TestAccount> accounts;

    @BeforeEach
    void accounts() {
        accounts = server.newAccounts("bosh-contract", 2);
    }

    @Override
    protected Transport transport(int outboundCapacity) {
        return BoshTransport.builder().url(server.boshUrl()).outboundCapacity(outboundCapacity).build();
    }

    @Override
    protected Transport transport() {
        return BoshTransport.builder().url(server.boshUrl()).build();
    }

    @Override
    protected Transport unreachable() {
        int port;
        // a port that was free a moment ago: nothing listens on it
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return BoshTransport.builder().url(URI.create("http://127.0.0.1:" + port + "/http-bind"))
            .maxRetries(1).retryBackoff(Duration.ofMillis(50), Duration.ofMillis(100)).build();
    }

    @Override
    protected XmppClient.Builder account(int n) {
        TestAccount account = accounts.get(n - 1);
        return XmppClient.builder().jid(account.jid()).password(account.password());
    }

    @Override
    protected TransportDetails.Kind kind() {
        return TransportDetails.Kind.BOSH;
    }
}
