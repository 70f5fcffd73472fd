package org.reactorxmpp.im.muc;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import java.time.Duration;

import org.reactorxmpp.bosh.BoshTransport;
import org.reactorxmpp.im.testing.ImTesting;
import org.reactorxmpp.xmpp.session.Reconnect;
import org.reactorxmpp.xmpp.session.XmppClient;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.testing.TestAccount;
import org.reactorxmpp.xmpp.testing.XmppTestServer;

/** Sessions of fresh accounts and fresh room names for the MUC integration tests; closes what it opened. */
final class MucTesting implements AutoCloseable {

    private static final AtomicLong ROOMS = new AtomicLong();

    private final XmppTestServer server;
    private final List<XmppSession> sessions = new ArrayList<>();

    MucTesting(XmppTestServer server) {
        this.server = server;
    }

    /** Connects an account again, with a client that reconnects by itself after a loss. */
    XmppSession connectReconnecting(TestAccount account, String resource) {
        XmppSession s = XmppClient.builder().jid(account.jid()).resource(resource).password(account.password())
            .transport(BoshTransport.builder().url(server.boshUrl()).build())
            .enabledMechanisms(List.of("SCRAM-SHA-1"))
            .reconnect(Reconnect.backoff(Duration.ofMillis(200), Duration.ofSeconds(1)))
            .build().connect().block(ImTesting.TIMEOUT);
        sessions.add(s);
        return s;
    }

    /** Connects an existing account. */
    XmppSession connect(TestAccount account, String resource) {
        XmppSession s = ImTesting.connect(server, account, resource);
        sessions.add(s);
        return s;
    }

    /** Connects {@code count} fresh accounts, one session each. */
    List<XmppSession> connect(String purpose, int count) {
        List<XmppSession> out = new ArrayList<>();
        for (TestAccount account : server.newAccounts(purpose, count)) {
            XmppSession s = ImTesting.connect(server, account, "muc");
            sessions.add(s);
            out.add(s);
        }
        return out;
    }

    /** @return the reason of the {@link MucException} the action throws; an assertion error if it throws none */
    static MucException.Reason refusal(Runnable action) {
        try {
            action.run();
        } catch (MucException e) {
            return e.reason();
        }
        throw new AssertionError("not refused");
    }

    /** A room name no other test uses. */
    BareJid newRoom(String purpose) {
        return BareJid.of(purpose + "-" + ROOMS.incrementAndGet() + "-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36),
            server.mucHost());
    }

    void add(XmppSession session) {
        sessions.add(session);
    }

    @Override
    public void close() {
        ImTesting.closeAll(sessions.toArray(XmppSession[]::new));
        sessions.clear();
    }
}
