package org.reactorxmpp.bosh;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.reactorxmpp.xmpp.session.XmppClient;
import org.reactorxmpp.xmpp.testing.ProsodyExtension;
import org.reactorxmpp.xmpp.testing.TransportContractTest;
import org.reactorxmpp.xmpp.transport.Transport;

/** The transport contract, for BOSH, against a real Prosody. */
class BoshTransportContractIT extends TransportContractTest {

    @RegisterExtension
    static final ProsodyExtension prosody = ProsodyExtension.builder().users("user", 2, "secret").build();

    @Override
    protected Transport transport(int outboundCapacity) {
        return BoshTransport.builder().url(prosody.server().boshUrl()).outboundCapacity(outboundCapacity).build();
    }

    @Override
    protected Transport transport() {
        return BoshTransport.builder().url(prosody.server().boshUrl()).build();
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
        return XmppClient.builder().jid("user" + n + "@" + prosody.server().host()).password("secret");
    }

    @Override
    protected org.reactorxmpp.xmpp.transport.TransportDetails.Kind kind() {
        return org.reactorxmpp.xmpp.transport.TransportDetails.Kind.BOSH;
    }
}
