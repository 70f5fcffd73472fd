package org.reactorxmpp.benchmarks.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The floor under every BOSH round trip: a raw HTTP/1.1 exchange with the connection manager on
 * loopback, no XMPP library involved. A session is created (not authenticated), an empty request is
 * left held, and each sample then sends the next empty request on the other keep-alive connection
 * and times how long until the held one is released. Two such exchanges make the least an A to B to
 * A ping-pong over BOSH can cost, so RTT can be reported as overhead over it.
 */
final class HttpFloor {

    private static final Pattern SID = Pattern.compile("\\ssid=['\"]([^'\"]+)['\"]");

    private final URI url;
    private final String domain;

    HttpFloor(URI url, String domain) {
        this.url = url;
        this.domain = domain;
    }

    Map<String, Object> measure(int m, int warmup) {
        try (HttpExchange first = new HttpExchange(url); HttpExchange second = new HttpExchange(url)) {
            long rid = ThreadLocalRandom.current().nextLong(1L << 20, 1L << 40);
            HttpExchange[] conns = {first, second};
            String created = conns[0].post("<body content='text/xml; charset=utf-8' hold='1' rid='" + rid + "' to='"
                + domain + "' ver='1.6' wait='60' xml:lang='en' xmpp:version='1.0'"
                + " xmlns='http://jabber.org/protocol/httpbind' xmlns:xmpp='urn:xmpp:xbosh'/>");
            Matcher matcher = SID.matcher(created);
            if (!matcher.find()) {
                throw new IllegalStateException("no sid in " + created);
            }
            String sid = matcher.group(1);
            rid++;
            conns[0].write(empty(sid, rid));
            int held = 0;
            Latencies latencies = new Latencies(m);
            for (int i = -warmup; i < m; i++) {
                int free = 1 - held;
                rid++;
                long t0 = System.nanoTime();
                conns[free].write(empty(sid, rid));
                conns[held].read();
                long t1 = System.nanoTime();
                if (i >= 0) {
                    latencies.add(t1 - t0);
                }
                held = free;
            }
            rid++;
            conns[1 - held].write("<body rid='" + rid + "' sid='" + sid + "' type='terminate'"
                + " xmlns='http://jabber.org/protocol/httpbind'/>");
            conns[held].read();
            conns[1 - held].read();
            return latencies.summary();
        } catch (IOException e) {
            throw new UncheckedIOException("HTTP floor against " + url + " failed", e);
        }
    }

    private static String empty(String sid, long rid) {
        return "<body rid='" + rid + "' sid='" + sid + "' xmlns='http://jabber.org/protocol/httpbind'/>";
    }
}
