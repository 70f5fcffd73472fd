package org.reactorxmpp.im.muc;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.testing.XmppTestServer;

/**
 * The fixture the MUC integration tests share: before each test, fresh accounts connected one session each
 * ({@link #alice}, {@link #bob}, all of them in {@link #sessions}) and {@link #t} for more sessions and fresh
 * room names; after it, everything closed. Subclasses on both servers take the server by constructor
 * injection ({@code @OnBothServers}).
 */
abstract class MucSessions {

    final XmppTestServer server;
    private final String accounts;
    private final int count;
    MucTesting t;
    XmppSession alice;
    XmppSession bob;
    List<XmppSession> sessions;

    /**
     * @param server the server the tests run on
     * @param accounts the prefix of the fresh account names
     * @param count how many accounts (at least 2)
     */
    MucSessions(XmppTestServer server, String accounts, int count) {
        this.server = server;
        this.accounts = accounts;
        this.count = count;
    }

    @BeforeEach
    final void connectSessions() {
        t = new MucTesting(server);
        sessions = t.connect(accounts, count);
        alice = sessions.get(0);
        bob = sessions.get(1);
    }

    @AfterEach
    final void closeSessions() {
        t.close();
    }
}
