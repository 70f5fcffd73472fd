package org.reactorxmpp.benchmarks.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The raw reference over TCP or WebSocket ({@link StreamLink}): a plain stream, SASL PLAIN, bind,
 * initial presence, then a reader thread that finds messages by text search ({@link MessageScan})
 * and a writer thread that writes everything queued since its last write at once. No XMPP library
 * and no XML parser: what the server gives a client that costs almost nothing.
 */
final class RawStreamClient implements RawClient {

    private static final Pattern JID = Pattern.compile("<jid>([^<]+)</jid>");
    private static final int MAX_BATCH = 2_000;

    private final StreamLink link;
    private final String jid;
    private final Listener listener;
    private final Object lock = new Object();
    private final List<String> queue = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>(2);
    private final AtomicReference<@Nullable String> error = new AtomicReference<>();
    private final StringBuilder received;
    private boolean closed;

    private RawStreamClient(StreamLink link, String jid, String rest, Listener listener) {
        this.link = link;
        this.jid = jid;
        this.listener = listener;
        this.received = new StringBuilder(rest);
    }

    /**
     * Logs in with SASL PLAIN, binds a resource, starts the threads and sends initial presence.
     *
     * @return the running client
     */
    static RawStreamClient login(StreamLink link, String domain, String user, String password, Listener listener) {
        try {
            link.connect();
            StringBuilder in = new StringBuilder();
            link.write(List.of(link.streamHeader(domain)));
            awaitFeatures(link, in);
            String auth = Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
            link.write(List.of("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + auth + "</auth>"));
            String outcome = await(link, in, "<success", "<failure");
            if (!outcome.contains("<success")) {
                throw new IOException("PLAIN refused for " + user + ": " + outcome);
            }
            link.write(List.of(link.streamHeader(domain)));
            awaitFeatures(link, in);
            link.write(List.of("<iq type='set' id='bind' xmlns='jabber:client'><bind"
                + " xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>raw</resource></bind></iq>"));
            String bound = await(link, in, "</iq>");
            Matcher m = JID.matcher(bound);
            if (!m.find()) {
                throw new IOException("no JID bound for " + user + ": " + bound);
            }
            RawStreamClient client = new RawStreamClient(link, m.group(1), in.toString(), listener);
            client.start();
            client.send("<presence xmlns='jabber:client'/>");
            return client;
        } catch (IOException e) {
            link.close();
            throw new UncheckedIOException("raw login of " + user + " over " + link + " failed", e);
        }
    }

    private static void awaitFeatures(StreamLink link, StringBuilder in) throws IOException {
        await(link, in, "</stream:features>", "</features>");
    }

    /**
     * Reads until one of the markers has arrived; returns the text up to the end of the marker's
     * element and leaves what follows in {@code in}.
     */
    private static String await(StreamLink link, StringBuilder in, String... markers) throws IOException {
        while (true) {
            for (String marker : markers) {
                int at = in.indexOf(marker);
                if (at >= 0) {
                    int close = in.indexOf(">", at);
                    if (close >= 0) {
                        String upTo = in.substring(0, close + 1);
                        in.delete(0, close + 1);
                        return upTo;
                    }
                }
            }
            in.append(link.read());
        }
    }

    @Override
    public String jid() {
        return jid;
    }

    @Override
    public List<Thread> threads() {
        return List.copyOf(threads);
    }

    @Override
    public @Nullable String error() {
        return error.get();
    }

    @Override
    public void send(String stanza) {
        synchronized (lock) {
            queue.add(stanza);
            lock.notifyAll();
        }
    }

    private void start() {
        Thread reader = new Thread(this::readLoop, "raw-read-" + jid);
        Thread writer = new Thread(this::writeLoop, "raw-write-" + jid);
        threads.add(reader);
        threads.add(writer);
        for (Thread t : threads) {
            t.setDaemon(true);
            t.start();
        }
    }

    private void readLoop() {
        try {
            while (true) {
                int used = MessageScan.dispatch(received, listener);
                received.delete(0, used);
                received.append(link.read());
            }
        } catch (IOException | RuntimeException e) {
            failed(e);
        }
    }

    private void writeLoop() {
        try {
            while (true) {
                List<String> batch;
                synchronized (lock) {
                    while (!closed && queue.isEmpty()) {
                        lock.wait();
                    }
                    if (closed && queue.isEmpty()) {
                        return;
                    }
                    int n = Math.min(MAX_BATCH, queue.size());
                    batch = new ArrayList<>(queue.subList(0, n));
                    queue.subList(0, n).clear();
                }
                link.write(batch);
            }
        } catch (IOException e) {
            failed(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void failed(Exception e) {
        synchronized (lock) {
            if (!closed) {
                error.compareAndSet(null, e.toString());
                closed = true;
                lock.notifyAll();
            }
        }
    }

    /** Sends unavailable presence and the stream's close after whatever is queued, then closes the connection. */
    @Override
    public void close() {
        synchronized (lock) {
            if (!closed) {
                queue.add("<presence type='unavailable' xmlns='jabber:client'/>");
                queue.add(link.streamClose());
                closed = true;
                lock.notifyAll();
            }
        }
        try {
            threads.get(1).join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        link.close();
        try {
            threads.get(0).join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "RawStreamClient[" + jid + " over " + link + "]";
    }
}
