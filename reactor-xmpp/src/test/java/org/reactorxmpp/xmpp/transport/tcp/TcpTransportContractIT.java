package org.reactorxmpp.xmpp.transport.tcp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
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

/** The transport contract, for TCP in the clear (TLS has its own tests), against Prosody and ejabberd. */
@OnBothServers
public class TcpTransportContractIT extends TransportContractTest {

    @Parameter
    XmppTestServer server;

    private List<TestAccount> accounts;

    @BeforeEach
    void accounts() {
        accounts = server.newAccounts("tcp-contract", 2);
    }

    @Override
    protected Transport transport(int outboundCapacity) {
        return builder().outboundCapacity(outboundCapacity).build();
    }

    @Override
    protected Transport transport() {
        return builder().build();
    }

    private TcpTransport.Builder builder() {
        return TcpTransport.builder().host(server.address()).port(server.c2sPort())
            .security(TcpTransport.Security.NONE);
    }

    @Override
    protected Transport unreachable() {
        return TcpTransport.builder().host("127.0.0.1").port(closedPort()).security(TcpTransport.Security.NONE)
            .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** A port that was free a moment ago: nothing listens on it. */
    public static int closedPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected XmppClient.Builder account(int n) {
        TestAccount account = accounts.get(n - 1);
        // PLAIN over a cleartext loopback socket is what these servers offer besides SCRAM: allow it
        return XmppClient.builder().jid(account.jid()).password(account.password()).unsecureAllowed(true);
    }

    @Override
    protected TransportDetails.Kind kind() {
        return TransportDetails.Kind.TCP;
    }
}
