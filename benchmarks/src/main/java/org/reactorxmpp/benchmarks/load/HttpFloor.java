package org.reactorxmpp.benchmarks.load;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
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
        try (Socket first = socket(); Socket second = socket()) {
            long rid = ThreadLocalRandom.current().nextLong(1L << 20, 1L << 40);
            Exchange[] conns = {new Exchange(first), new Exchange(second)};
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

    private Socket socket() throws IOException {
        Socket s = new Socket(url.getHost(), url.getPort());
        s.setTcpNoDelay(true);
        s.setSoTimeout(70_000);
        return s;
    }

    /** One keep-alive HTTP/1.1 connection: writes a POST, reads one Content-Length response. */
    private final class Exchange {
        private final OutputStream out;
        private final InputStream in;

        Exchange(Socket socket) throws IOException {
            this.out = socket.getOutputStream();
            this.in = new BufferedInputStream(socket.getInputStream());
        }

        String post(String body) throws IOException {
            write(body);
            return read();
        }

        void write(String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            String head = "POST " + url.getPath() + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                + "\r\nContent-Type: text/xml; charset=utf-8\r\nContent-Length: " + bytes.length + "\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
        }

        String read() throws IOException {
            int length = -1;
            String line;
            boolean status = true;
            while (!(line = readLine()).isEmpty()) {
                if (status) {
                    if (!line.startsWith("HTTP/1.1 200")) {
                        throw new IOException("unexpected status: " + line);
                    }
                    status = false;
                }
                String lower = line.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(lower.substring(15).trim());
                }
            }
            if (length < 0) {
                throw new IOException("response without Content-Length");
            }
            byte[] body = in.readNBytes(length);
            return new String(body, StandardCharsets.UTF_8);
        }

        private String readLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream(64);
            int c;
            while ((c = in.read()) != '\n') {
                if (c < 0) {
                    throw new IOException("connection closed");
                }
                if (c != '\r') {
                    line.write(c);
                }
            }
            return line.toString(StandardCharsets.US_ASCII);
        }
    }
}
