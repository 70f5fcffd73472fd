package org.reactorxmpp.xmpp.testing;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import org.reactorxmpp.xmpp.jid.BareJid;

/**
 * An account on a test server.
 *
 * @param localpart the user name
 * @param host the server's domain
 * @param password its password
 */
public record TestAccount(String localpart, String host, String password) {

    /** Distinguishes the batches of {@link XmppTestServer#newAccounts} across all servers of this JVM. */
    private static final AtomicLong BATCHES = new AtomicLong();

    public TestAccount {
        Objects.requireNonNull(localpart, "localpart");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(password, "password");
    }

    /** {@code localpart@host}. */
    public String jid() {
        return localpart + "@" + host;
    }

    public BareJid bareJid() {
        return BareJid.of(localpart, host);
    }

    static long nextBatch() {
        return BATCHES.incrementAndGet();
    }
}
