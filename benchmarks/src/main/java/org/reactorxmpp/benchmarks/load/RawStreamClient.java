package org.reactorxmpp.benchmarks.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The raw reference over TCP or WebSocket ({@link StreamLink}): a plain stream, SASL PLAIN, bind,
 * initial presence, then a reader thread that finds messages by text search ({@link MessageScan})
 * and a writer thread that writes everything queued since its last write at once. No XMPP library
 * and no XML parser: what the server gives a client that costs almost nothing.
 */
final class RawStreamClient extends RawClient {

    private static final Pattern JID = Pattern.compile("<jid>([^<]+)</jid>");
    private static final int MAX_BATCH = 2_000;

    private final StreamLink link;
    private final StringBuilder received;

    private RawStreamClient(StreamLink link, String jid, String rest, Listener listener) {
        super(jid, listener);
        this.link = link;
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

    private void start() {
        // thread 0 reads, thread 1 writes
        startThreads("stream", List.of(this::readLoop, this::writeLoop));
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
                    batch = new ArrayList<>(Math.min(MAX_BATCH, queue.size()));
                    while (batch.size() < MAX_BATCH && !queue.isEmpty()) {
                        batch.add(queue.poll());
                    }
                }
                link.write(batch);
            }
        } catch (IOException e) {
            failed(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
            threads().get(1).join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        link.close();
        joinThreads();
    }

    @Override
    public String toString() {
        return "RawStreamClient[" + jid() + " over " + link + "]";
    }
}
