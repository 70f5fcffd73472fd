package org.reactorxmpp.benchmarks.load;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A minimal XMPP client with no library, logged in with PLAIN and bound: the server-bound reference
 * of rtt and flood and the raw peer of the flood split. Messages are found by plain text search,
 * which is enough for the harness's own traffic (chat messages with ASCII bodies); stanzas are sent
 * by its own threads, whose CPU the harness can exclude.
 */
interface RawClient extends AutoCloseable {

    /** Called on a client thread for every received message that has a body. */
    interface Listener {
        void message(String from, String body);
    }

    /**
     * Logs in over the target's transport.
     *
     * @return the running client, its initial presence sent
     */
    static RawClient login(Target target, String user, Listener listener) {
        return switch (target.transport()) {
            case BOSH -> RawBoshClient.login(target.boshUrl(), target.domain(), user, target.password(), listener);
            case TCP -> RawStreamClient.login(StreamLink.tcp(target.address(), target.c2sPort()), target.domain(), user,
                target.password(), listener);
            case WS -> RawStreamClient.login(StreamLink.websocket(target.websocketUrl()), target.domain(), user,
                target.password(), listener);
        };
    }

    /** @return a chat message to {@code to}, serialized with {@code xmlns='jabber:client'} */
    static String chat(String to, String body) {
        return "<message to='" + to + "' type='chat' xmlns='jabber:client'><body>" + body + "</body></message>";
    }

    /** @return the bound full JID */
    String jid();

    /** @return the client's own threads (their CPU time is the client's) */
    List<Thread> threads();

    /** @return the first error the client met, or null */
    @Nullable String error();

    /** Queues a serialized stanza; a client thread sends it (with whatever else is queued by then). */
    void send(String stanza);

    /** Ends the session and stops the threads. */
    @Override
    void close();
}
