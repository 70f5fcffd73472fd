package org.reactorxmpp.benchmarks.load;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

/**
 * A minimal XMPP client with no library, logged in with PLAIN and bound: the server-bound reference
 * of rtt and flood, the raw peer of the flood split and the fan-out driver. Messages are found by
 * plain text search ({@link MessageScan}), which is enough for the harness's own traffic (chat
 * messages with ASCII bodies); queued stanzas are sent by the client's own threads, whose CPU the
 * harness can exclude. Subclasses guard {@link #queue} and {@link #closed} with {@link #lock}.
 */
abstract class RawClient implements AutoCloseable {

    /** Called on a client thread for every received message that has a body. */
    interface Listener {
        void message(String from, String body);
    }

    /** Guards {@link #queue} and {@link #closed}; notified when either changes. */
    protected final Object lock = new Object();
    protected final ArrayDeque<String> queue = new ArrayDeque<>();
    protected final Listener listener;
    protected boolean closed;
    private final String jid;
    private final List<Thread> threads = new ArrayList<>(2);
    private final AtomicReference<@Nullable String> error = new AtomicReference<>();

    protected RawClient(String jid, Listener listener) {
        this.jid = jid;
        this.listener = listener;
    }

    /**
     * Logs in over the target's transport: {@link RawBoshClient} over BOSH, {@link RawStreamClient}
     * over TCP and WebSocket.
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
    final String jid() {
        return jid;
    }

    /** @return the client's own threads (their CPU time is the client's) */
    final List<Thread> threads() {
        return List.copyOf(threads);
    }

    /** @return the first error the client met, or null */
    final @Nullable String error() {
        return error.get();
    }

    /** Queues a serialized stanza; a client thread sends it with whatever else is queued by then. */
    final void send(String stanza) {
        synchronized (lock) {
            queue.add(stanza);
            lock.notifyAll();
        }
    }

    /** Starts the client's threads (daemons, named after its JID), once. */
    protected final void startThreads(String kind, List<Runnable> loops) {
        if (!threads.isEmpty()) {
            throw new IllegalStateException("the threads of " + jid + " run already");
        }
        for (Runnable loop : loops) {
            Thread t = new Thread(loop, "raw-" + kind + "-" + jid + "-" + threads.size());
            t.setDaemon(true);
            threads.add(t);
        }
        threads.forEach(Thread::start);
    }

    /** Joins the client's threads, at most 2 s each. */
    protected final void joinThreads() {
        for (Thread t : threads) {
            try {
                t.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Records the first failure (unless the client was closed on purpose) and stops the client. */
    protected final void failed(Exception e) {
        synchronized (lock) {
            if (!closed) {
                error.compareAndSet(null, e.toString());
                closed = true;
                lock.notifyAll();
            }
        }
    }

    /** Ends the session and stops the threads. */
    @Override
    public abstract void close();
}
