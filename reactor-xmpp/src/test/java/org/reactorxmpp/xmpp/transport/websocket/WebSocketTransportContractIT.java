package org.reactorxmpp.xmpp.transport.websocket;

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
import org.reactorxmpp.xmpp.transport.tcp.TcpTransportContractIT;

/** The transport contract, for WebSocket ({@code ws://}), against Prosody and ejabberd. */
@OnBothServers
class WebSocketTransportContractIT extends TransportContractTest {

    @Parameter
    XmppTestServer server;

    private List<TestAccount> accounts;

    @BeforeEach
    void accounts() {
        accounts = server.newAccounts("ws-contract", 2);
    }

    @Override
    protected Transport transport(int outboundCapacity) {
        return WebSocketTransport.builder().url(server.websocketUrl()).outboundCapacity(outboundCapacity).build();
    }

    @Override
    protected Transport transport() {
        return WebSocketTransport.builder().url(server.websocketUrl()).build();
    }

    @Override
    protected Transport unreachable() {
        return WebSocketTransport.builder().url(URI.create("ws://127.0.0.1:" + TcpTransportContractIT.closedPort()
            + "/xmpp-websocket")).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Override
    protected XmppClient.Builder account(int n) {
        TestAccount account = accounts.get(n - 1);
        return XmppClient.builder().jid(account.jid()).password(account.password()).unsecureAllowed(true);
    }

    @Override
    protected TransportDetails.Kind kind() {
        return TransportDetails.Kind.WEBSOCKET;
    }
}
