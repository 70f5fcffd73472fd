package org.reactorxmpp.xmpp.testing;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * A throw-away real XMPP server on loopback for integration tests: {@link ProsodyServer} or
 * {@link EjabberdServer}. Integration tests written against this interface run unchanged on both
 * (see {@link OnBothServers}).
 *
 * <p>Every server built by the harness offers, over plain HTTP BOSH on loopback, SCRAM-SHA-1 and PLAIN
 * (the client still refuses PLAIN over an unencrypted hop unless {@code unsecureAllowed}), has roster
 * versioning, disco, caps, PEP, MUC on {@link #mucHost()}, PubSub on {@link #pubsubHost()} open to local
 * accounts, MAM, carbons, blocking, private storage, in-band registration, stream management and ping.
 *
 * <pre>{@code
 * @OnBothServers
 * class LoginIT {
 *     @Parameter XmppTestServer server;
 *
 *     @Test
 *     void login() {
 *         TestAccount alice = server.newAccount("login");      // a fresh account for this test
 *         ... XmppClient.builder().jid(alice.jid()).password(alice.password())
 *                 .transport(BoshTransport.builder().url(server.boshUrl()).build()) ...
 *     }
 * }
 * }</pre>
 */
public interface XmppTestServer extends AutoCloseable {

    /** The password of accounts made by {@link #newAccounts}. */
    String ACCOUNT_PASSWORD = "secret";

    /** A short product name for test names and messages: {@code Prosody} or {@code ejabberd}. */
    String name();

    /** The XMPP domain (virtual host) the accounts live on. */
    String host();

    /** The loopback address the server binds. */
    String address();

    int c2sPort();

    int httpPort();

    /** {@code http://ADDRESS:PORT/http-bind}. */
    URI boshUrl();

    /** {@code ws://ADDRESS:PORT/xmpp-websocket}. */
    URI websocketUrl();

    String mucHost();

    String pubsubHost();

    /** Creates (or overwrites) one account; usable at once. */
    XmppTestServer createUser(String name, String password);

    /** Creates {@code prefix1 .. prefixCOUNT}, all with the same password, in one fast pass. */
    XmppTestServer createUsers(String prefix, int count, String password);

    /**
     * Creates {@code count} accounts no other test of this JVM uses (names start with {@code purpose}),
     * with the password {@link #ACCOUNT_PASSWORD}: a test that takes fresh accounts cannot see another
     * test's roster, offline messages or sessions.
     */
    default List<TestAccount> newAccounts(String purpose, int count) {
        String prefix = purpose + "-" + TestAccount.nextBatch() + "-";
        createUsers(prefix, count, ACCOUNT_PASSWORD);
        List<TestAccount> accounts = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            accounts.add(new TestAccount(prefix + i, host(), ACCOUNT_PASSWORD));
        }
        return List.copyOf(accounts);
    }

    /** One fresh account, see {@link #newAccounts}. */
    default TestAccount newAccount(String purpose) {
        return newAccounts(purpose, 1).get(0);
    }

    /** Starts the server and waits until it serves c2s and BOSH. */
    XmppTestServer start();

    /** Stops it gracefully (SIGTERM, then SIGKILL); idempotent, keeps its data. */
    void stop();

    /** Kills it (SIGKILL, no goodbye to clients); idempotent. */
    void kill();

    /** {@link #stop()} then {@link #start()} on the same ports with the same data: accounts survive. */
    XmppTestServer restart();

    boolean isRunning();

    /** PID of the server process. @throws IllegalStateException if not running */
    long pid();

    /** The server's log (and console output). */
    String logText();

    /** The last {@code lines} lines of {@link #logText()}. */
    String logTail(int lines);

    /** Stops the server and deletes its temporary directory. */
    @Override
    void close();
}
