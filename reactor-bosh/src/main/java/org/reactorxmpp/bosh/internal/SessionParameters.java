package org.reactorxmpp.bosh.internal;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.xml.XmlElement;

/**
 * What the connection manager decided in its session creation response (XEP-0124 section 7.2).
 *
 * @param sid the session id
 * @param waitTime the longest time it holds a request
 * @param requests the most simultaneous requests the client may make
 * @param hold the most requests it holds
 * @param inactivity the longest the client may stay without any request, or {@code null} if not said
 * @param polling the shortest interval between empty requests in polling mode, or {@code null}
 * @param maxpause the longest pause allowed, or {@code null} when pausing is not supported
 * @param ack the rid acknowledged by the creation response when acks are enabled, or {@code null}
 * @param version the protocol version it speaks, or {@code null}
 * @param accept encodings it accepts, or {@code null}
 * @param charsets character sets it can convert besides UTF-8, or {@code null}; informational only: the client
 *     always sends UTF-8, which every connection manager must accept (XEP-0124 section 7.2)
 * @param secure whether it says the path to the XMPP server is secure
 * @param from its identity ({@code from}), or {@code null}
 */
record SessionParameters(String sid, Duration waitTime, int requests, int hold, @Nullable Duration inactivity,
                                @Nullable Duration polling, @Nullable Duration maxpause, @Nullable Long ack,
                                @Nullable String version, @Nullable String accept, @Nullable String charsets,
                                boolean secure, @Nullable String from) {

    /**
     * Reads a session creation response.
     *
     * @param body the response {@code <body/>}
     * @param requestedWait the wait the client asked for (the default when absent)
     * @param requestedHold the hold the client asked for (the default when absent)
     * @return the parameters
     * @throws IllegalArgumentException when the sid is missing or a number is malformed
     */
    static SessionParameters parse(XmlElement body, Duration requestedWait, int requestedHold) {
        String sid = body.attribute("sid");
        if (sid == null || sid.isBlank()) {
            throw new IllegalArgumentException("session creation response has no sid");
        }
        Duration wait = seconds(body, "wait");
        int hold = integer(body, "hold", requestedHold);
        int requests = integer(body, "requests", hold + 1);
        if (requests < 1) {
            throw new IllegalArgumentException("session creation response allows no requests: requests=" + requests);
        }
        String ack = body.attribute("ack");
        Long ackValue;
        try {
            ackValue = ack == null ? null : Long.valueOf(ack.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("malformed ack='" + ack + "'", e);
        }
        return new SessionParameters(sid, wait == null ? requestedWait : wait, requests, hold,
            seconds(body, "inactivity"), seconds(body, "polling"), seconds(body, "maxpause"), ackValue,
            body.attribute("ver"), body.attribute("accept"), body.attribute("charsets"),
            "true".equalsIgnoreCase(body.attribute("secure")), body.attribute("from"));
    }

    private static int integer(XmlElement body, String name, int absent) {
        String v = body.attribute(name);
        if (v == null) {
            return absent;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("malformed " + name + "='" + v + "'", e);
        }
    }

    private static @Nullable Duration seconds(XmlElement body, String name) {
        String v = body.attribute(name);
        if (v == null) {
            return null;
        }
        try {
            long s = Long.parseLong(v.trim());
            if (s < 0) {
                throw new IllegalArgumentException("negative " + name + "='" + v + "'");
            }
            return Duration.ofSeconds(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("malformed " + name + "='" + v + "'", e);
        }
    }

    /**
     * Whether the connection manager listed a content encoding in {@code accept} (XEP-0124 section 7.2: the
     * encodings it can decompress; the text says space-separated, its example uses commas: both are read).
     *
     * @param encoding an encoding name such as {@code gzip}
     * @return whether request bodies may be compressed with it
     */
    boolean accepts(String encoding) {
        String a = accept;
        if (a == null) {
            return false;
        }
        for (String token : a.split("[\\s,]+")) {
            if (token.equalsIgnoreCase(encoding)) {
                return true;
            }
        }
        return false;
    }

    /** @return whether this is a polling session (XEP-0124 section 12: hold is zero) */
    boolean pollingMode() {
        return hold == 0;
    }
}
