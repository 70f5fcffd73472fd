package org.reactorxmpp.benchmarks.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal BOSH client with no XMPP library: PLAIN login, bind, then two pump threads on two
 * keep-alive sockets that keep one request held and put every queued stanza into the next request
 * (at most two in flight, as Prosody allows). Messages are found in responses by plain text search,
 * which is enough for the harness's own traffic (chat messages with ASCII bodies). It is the
 * reference the libraries are measured against: what the server gives a client that costs almost
 * nothing (flood and rtt), and the fan-out driver, whose CPU the harness subtracts by thread.
 */
final class RawBoshClient extends RawClient {

    private static final String NS = " xmlns='http://jabber.org/protocol/httpbind'";
    private static final Pattern SID = Pattern.compile("\\ssid=['\"]([^'\"]+)['\"]");
    private static final Pattern JID = Pattern.compile("<jid>([^<]+)</jid>");
    private static final int MAX_BATCH = 2_000;

    private final URI url;
    private final String sid;
    private final List<HttpExchange> connections = new ArrayList<>(2);
    private long rid;
    private int inFlight;
    /**
     * Answers read but not dispatched yet, by rid: the two pumps read concurrently, and a client must process the
     * connection manager's answers in rid order (XEP-0124 section 9), so an answer waits for the one before it.
     */
    private final java.util.TreeMap<Long, String> answers = new java.util.TreeMap<>();
    private long nextToDispatch;

    private RawBoshClient(URI url, String sid, long rid, String jid, Listener listener) {
        super(jid, listener);
        this.url = url;
        this.sid = sid;
        this.rid = rid;
        this.nextToDispatch = rid + 1;
    }

    /**
     * Logs in with SASL PLAIN, binds a resource, starts the pumps and sends initial presence.
     *
     * @return the running client
     */
    static RawBoshClient login(URI url, String domain, String user, String password, Listener listener) {
        long rid = ThreadLocalRandom.current().nextLong(1L << 20, 1L << 40);
        try (HttpExchange c = new HttpExchange(url)) {
            String created = c.post("<body content='text/xml; charset=utf-8' hold='1' rid='" + rid + "' to='" + domain
                + "' ver='1.6' wait='60' xml:lang='en' xmpp:version='1.0'" + NS + " xmlns:xmpp='urn:xmpp:xbosh'/>");
            String sid = group(SID, created, "sid");
            String auth = Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
            expect(c.post(body(sid, ++rid, "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>"
                + auth + "</auth>")), "<success");
            expect(c.post("<body rid='" + (++rid) + "' sid='" + sid + "' to='" + domain + "' xml:lang='en'"
                + " xmpp:restart='true'" + NS + " xmlns:xmpp='urn:xmpp:xbosh'/>"), "bind");
            String bound = c.post(body(sid, ++rid, "<iq type='set' id='bind' xmlns='jabber:client'><bind"
                + " xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>raw</resource></bind></iq>"));
            RawBoshClient client = new RawBoshClient(url, sid, rid, group(JID, bound, "jid"), listener);
            client.start();
            client.send("<presence xmlns='jabber:client'/>");
            return client;
        } catch (IOException e) {
            throw new UncheckedIOException("raw BOSH login of " + user + " at " + url + " failed", e);
        }
    }

    private void start() throws IOException {
        List<Runnable> pumps = new ArrayList<>(2);
        for (int i = 0; i < 2; i++) {
            HttpExchange c = new HttpExchange(url);
            connections.add(c);
            pumps.add(() -> pump(c));
        }
        startThreads("bosh", pumps);
    }

    private void pump(HttpExchange c) {
        try {
            while (true) {
                long sent;
                synchronized (lock) {
                    while (!closed && queue.isEmpty() && inFlight > 0) {
                        lock.wait();
                    }
                    if (closed) {
                        return;
                    }
                    StringBuilder payload = new StringBuilder();
                    for (int n = 0; n < MAX_BATCH && !queue.isEmpty(); n++) {
                        payload.append(queue.poll());
                    }
                    inFlight++;
                    // written under the lock, so rids reach the server in order
                    sent = ++rid;
                    c.write(body(sid, sent, payload.toString()));
                }
                String response = c.read();
                synchronized (lock) {
                    inFlight--;
                    lock.notifyAll();
                }
                if (response.contains("type='terminate'") || response.contains("type=\"terminate\"")) {
                    throw new IOException("terminated: " + response);
                }
                dispatchInOrder(sent, response);
            }
        } catch (IOException e) {
            failed(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void dispatchInOrder(long sent, String response) {
        synchronized (answers) {
            answers.put(sent, response);
            String next;
            while ((next = answers.remove(nextToDispatch)) != null) {
                nextToDispatch++;
                MessageScan.dispatch(next, listener);
            }
        }
    }

    /** Terminates the session and stops the pumps. */
    @Override
    public void close() {
        long last;
        synchronized (lock) {
            if (closed) {
                connections.forEach(HttpExchange::close);
                return;
            }
            closed = true;
            last = ++rid;
            lock.notifyAll();
        }
        try (HttpExchange c = new HttpExchange(url)) {
            c.write("<body rid='" + last + "' sid='" + sid + "' type='terminate'" + NS
                + "><presence type='unavailable' xmlns='jabber:client'/></body>");
            c.read();
        } catch (IOException e) {
            // the session ends by inactivity then
        }
        connections.forEach(HttpExchange::close);
        joinThreads();
    }

    private static String body(String sid, long rid, String payload) {
        return "<body rid='" + rid + "' sid='" + sid + "'" + NS + ">" + payload + "</body>";
    }

    private static String group(Pattern p, String text, String what) throws IOException {
        Matcher m = p.matcher(text);
        if (!m.find()) {
            throw new IOException("no " + what + " in " + text);
        }
        return m.group(1);
    }

    private static void expect(String response, String marker) throws IOException {
        if (!response.contains(marker)) {
            throw new IOException("expected " + marker + " in " + response);
        }
    }
}
