package org.reactorxmpp.xmpp.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A deliberately dumb, blocking BOSH probe over {@link HttpClient} for tests that check the server
 * itself (the harness, Prosody's edge behaviour). It sends exactly the bodies it is given; it is
 * not a client implementation.
 *
 * <pre>{@code
 * RawBosh bosh = new RawBosh(prosody.boshUrl(), prosody.host());
 * HttpResponse<String> created = bosh.createSession();
 * boolean ok = bosh.plainAuth("user1", "secret").contains("<success");
 * }</pre>
 */
public final class RawBosh {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern SID = Pattern.compile("\\ssid=['\"]([^'\"]+)['\"]");

    private final URI url;
    private final String host;
    private long rid = ThreadLocalRandom.current().nextLong(1L << 20, 1L << 40);
    private @Nullable String sid;

    public RawBosh(URI url, String host) {
        this.url = url;
        this.host = host;
    }

    /** Sends the XEP-0206 session creation request (wait 60, hold 1) and remembers the sid. */
    public HttpResponse<String> createSession() {
        String body = "<body content='text/xml; charset=utf-8' hold='1' rid='" + rid + "' to='" + host
                + "' ver='1.6' wait='60' xml:lang='en' xmpp:version='1.0'"
                + " xmlns='http://jabber.org/protocol/httpbind' xmlns:xmpp='urn:xmpp:xbosh'/>";
        HttpResponse<String> response = post(body);
        Matcher m = SID.matcher(response.body());
        sid = m.find() ? m.group(1) : null;
        return response;
    }

    /** Sends the next request (rid + 1) of the session carrying {@code payload}; returns the response body. */
    public String send(String payload) {
        String currentSid = sid;
        if (currentSid == null) {
            throw new IllegalStateException("No session: call createSession() first");
        }
        rid++;
        return post("<body rid='" + rid + "' sid='" + currentSid + "' xmlns='http://jabber.org/protocol/httpbind'>"
                + payload + "</body>").body();
    }

    /** The XEP-0206 stream restart after SASL success (rid + 1); returns the response body (new features). */
    public String restartStream() {
        String currentSid = sid;
        if (currentSid == null) {
            throw new IllegalStateException("No session: call createSession() first");
        }
        rid++;
        return post("<body rid='" + rid + "' sid='" + currentSid + "' to='" + host + "' xml:lang='en'"
                + " xmpp:restart='true' xmlns='http://jabber.org/protocol/httpbind' xmlns:xmpp='urn:xmpp:xbosh'/>")
                .body();
    }

    /** SASL PLAIN in the current session; the response body holds {@code <success} or {@code <failure}. */
    public String plainAuth(String user, String password) {
        String initial = Base64.getEncoder().encodeToString(("\0" + user + "\0" + password)
                .getBytes(StandardCharsets.UTF_8));
        return send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + initial + "</auth>");
    }

    /** A new session and a PLAIN login: true on {@code <success}, false on {@code <failure}. */
    public static boolean canLogin(XmppTestServer server, String user, String password) {
        RawBosh bosh = new RawBosh(server.boshUrl(), server.host());
        bosh.createSession();
        String answer = bosh.plainAuth(user, password);
        if (answer.contains("<success")) {
            return true;
        }
        if (answer.contains("<failure")) {
            return false;
        }
        throw new IllegalStateException("Neither success nor failure from " + server + ": " + answer);
    }

    public @Nullable String sid() {
        return sid;
    }

    public long rid() {
        return rid;
    }

    /** POSTs one body as {@code text/xml; charset=utf-8}. */
    public HttpResponse<String> post(String body) {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(70))
                .header("Content-Type", "text/xml; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("BOSH POST to " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during BOSH POST to " + url, e);
        }
    }
}
