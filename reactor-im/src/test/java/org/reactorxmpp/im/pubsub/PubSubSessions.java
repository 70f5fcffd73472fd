package org.reactorxmpp.im.pubsub;

import static org.reactorxmpp.im.testing.ImTesting.connect;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.reactorxmpp.im.testing.ImTesting;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.testing.TestAccount;
import org.reactorxmpp.xmpp.testing.XmppTestServer;
import org.reactorxmpp.xmpp.xml.XmlElement;

/**
 * The fixture the PubSub integration tests share: before each test two fresh accounts connected ({@link #alice}
 * on "desk", {@link #bob} on "phone"), each one's view of the server's pubsub service ({@link #pubsub},
 * {@link #bobs}) and a node name nobody used; after it, both sessions closed. Subclasses on both servers take
 * the server by constructor injection ({@code @OnBothServers}).
 */
abstract class PubSubSessions {

    /** The namespace of the test payloads ({@link #entry}). */
    static final String NS = "urn:example:entry";

    final XmppTestServer server;
    private final String accounts;
    private final String nodePrefix;
    XmppSession alice;
    XmppSession bob;
    PubSub pubsub;
    PubSub bobs;
    String node;

    /**
     * @param server the server the tests run on
     * @param accounts the prefix of the fresh account names
     * @param nodePrefix the prefix of the test's node name
     */
    PubSubSessions(XmppTestServer server, String accounts, String nodePrefix) {
        this.server = server;
        this.accounts = accounts;
        this.nodePrefix = nodePrefix;
    }

    @BeforeEach
    final void connectBoth() {
        List<TestAccount> two = server.newAccounts(accounts, 2);
        alice = connect(server, two.get(0), "desk");
        bob = connect(server, two.get(1), "phone");
        pubsub = PubSub.of(alice, Jid.domain(server.pubsubHost()));
        bobs = PubSub.of(bob, Jid.domain(server.pubsubHost()));
        node = nodePrefix + "-" + UUID.randomUUID();
    }

    @AfterEach
    final void closeBoth() {
        ImTesting.closeAll(alice, bob);
    }

    /** @return an {@code <entry xmlns='urn:example:entry'>text</entry>} payload */
    static XmlElement entry(String text) {
        return XmlElement.builder(NS, "entry").text(text).build();
    }

    /** @return whether the tests run on ejabberd (whose defaults differ from Prosody's) */
    boolean ejabberd() {
        return server.name().equalsIgnoreCase("ejabberd");
    }
}
