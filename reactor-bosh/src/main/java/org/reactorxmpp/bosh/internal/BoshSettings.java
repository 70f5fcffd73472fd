package org.reactorxmpp.bosh.internal;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.transport.TransportObserver;
import org.reactorxmpp.xmpp.xml.XmlLimits;

import reactor.core.scheduler.Scheduler;
import reactor.netty.http.client.HttpClient;

/**
 * The validated configuration of a BOSH transport, shared by all its sessions.
 *
 * @param url the connection manager's URL
 * @param waitTime the longest time the connection manager may hold a request
 * @param hold how many requests the connection manager may hold at once
 * @param version the BOSH protocol version the client speaks ({@code ver})
 * @param content the {@code content} attribute, or {@code null} to leave it out
 * @param route the {@code route} attribute, or {@code null}
 * @param maxBodySize most payload bytes batched into one request body (one larger element still goes alone)
 * @param outboundCapacity most elements queued for sending per session
 * @param inboundCapacity most inbound elements buffered for slow subscribers per session
 * @param maxRetries most resends of one request before the session fails
 * @param retryBackoff the first retry delay (doubled per attempt, jittered)
 * @param maxRetryBackoff the longest retry delay
 * @param timeoutMargin added to the negotiated {@code wait} to decide that a response is lost
 * @param xmlLimits the limits for parsing response bodies
 * @param httpClient the HTTP client to use
 * @param acks whether to acknowledge responses (XEP-0124 section 9)
 * @param keySequences whether to protect the session with key sequences (XEP-0124 section 15)
 * @param keySequenceLength the number of keys per sequence (at least 2)
 * @param httpOptions headers, gzip, proxy, TLS trust and connect timeout
 * @param deliveryScheduler the scheduler inbound elements are emitted on, or {@code null} for the event loop
 * @param followSeeOtherUri whether a {@code see-other-uri} answer to session creation is followed
 * @param maxSeeOtherUriHops the most {@code see-other-uri} answers followed for one connect
 * @param timer the scheduler of every delay and the clock the session reads (tests pass a virtual one), or
 *     {@code null} for Reactor's parallel scheduler and {@link System#nanoTime()}
 * @param stallTimeout how long a request beyond {@code hold} may go without the held one being released
 *     before it is resent (a connection manager must answer the oldest held request once a newer arrives)
 * @param connectRetries most resends of the session creation request after a connection failure
 * @param orderGuard how long after an unanswered request was written the next rid may follow it on the other
 *     connection (zero: at once; see {@code BoshTransport.Builder#requestOrderGuard})
 * @param seeOtherUriSameSite whether {@code see-other-uri} may move to another host of the same registrable
 *     domain (public suffix list), not only to the same host
 * @param maxBodyElements most elements batched into one request body (the rest go in the next request)
 * @param observer told of every HTTP exchange, resend and stall ({@link TransportObserver#NONE}: nobody)
 */
public record BoshSettings(URI url, Duration waitTime, int hold, String version, @Nullable String content,
                           @Nullable String route, int maxBodySize, int outboundCapacity, int inboundCapacity,
                           int maxRetries, Duration retryBackoff, Duration maxRetryBackoff, Duration timeoutMargin,
                           XmlLimits xmlLimits, HttpClient httpClient, boolean acks,
                           boolean keySequences, int keySequenceLength, HttpOptions httpOptions,
                           @Nullable Scheduler deliveryScheduler, boolean followSeeOtherUri, int maxSeeOtherUriHops,
                           @Nullable Scheduler timer, Duration stallTimeout, int connectRetries, boolean seeOtherUriSameSite,
                           Duration orderGuard, int maxBodyElements, TransportObserver observer) {

    public BoshSettings {
        if (maxBodyElements < 1) {
            throw new IllegalArgumentException("maxBodyElements must be at least 1: " + maxBodyElements);
        }
        Objects.requireNonNull(observer, "observer");
        Objects.requireNonNull(orderGuard, "orderGuard");
        if (orderGuard.isNegative()) {
            throw new IllegalArgumentException("orderGuard must not be negative: " + orderGuard);
        }
        Objects.requireNonNull(url, "url");
        String scheme = url.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https")) || url.getHost() == null) {
            throw new IllegalArgumentException("BOSH url must be an absolute http or https URL: " + url);
        }
        requirePositive(waitTime, "wait");
        if (waitTime.toSeconds() < 1) {
            throw new IllegalArgumentException("wait must be at least one second: " + waitTime);
        }
        if (hold < 0) {
            throw new IllegalArgumentException("hold must not be negative: " + hold);
        }
        Objects.requireNonNull(version, "version");
        if (!version.matches("1\\.([6-9]|1[0-9])")) {
            throw new IllegalArgumentException("BOSH version must be between 1.6 (XEP-0206 minimum) and 1.19: " + version);
        }
        if (maxBodySize < 256) {
            throw new IllegalArgumentException("maxBodySize must be at least 256 bytes: " + maxBodySize);
        }
        if (outboundCapacity < 1 || inboundCapacity < 1) {
            throw new IllegalArgumentException("queue capacities must be positive: outbound=" + outboundCapacity
                + ", inbound=" + inboundCapacity);
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative: " + maxRetries);
        }
        requirePositive(retryBackoff, "retryBackoff");
        requirePositive(maxRetryBackoff, "maxRetryBackoff");
        requirePositive(timeoutMargin, "timeoutMargin");
        Objects.requireNonNull(xmlLimits, "xmlLimits");
        Objects.requireNonNull(httpClient, "httpClient");
        if (keySequenceLength < 2 || keySequenceLength > 100_000) {
            throw new IllegalArgumentException("keySequenceLength must be between 2 and 100000: " + keySequenceLength);
        }
        Objects.requireNonNull(httpOptions, "httpOptions");
        if (maxSeeOtherUriHops < 1 || maxSeeOtherUriHops > 10) {
            throw new IllegalArgumentException("maxSeeOtherUriHops must be between 1 and 10: " + maxSeeOtherUriHops);
        }
        requirePositive(stallTimeout, "stallTimeout");
        if (connectRetries < 0 || connectRetries > 10) {
            throw new IllegalArgumentException("connectRetries must be between 0 and 10: " + connectRetries);
        }
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }

    /**
     * @param other another connection manager URL (checked like {@code url})
     * @return these settings for that URL
     */
    public BoshSettings withUrl(URI other) {
        return copy(other, httpClient, observer);
    }

    /**
     * @param client another HTTP client (for example the same one with Reactor Netty's metrics on)
     * @return these settings with that client
     */
    public BoshSettings withHttpClient(HttpClient client) {
        return copy(url, client, observer);
    }

    /**
     * @param other where the sessions report their requests
     * @return these settings with that observer
     */
    public BoshSettings withObserver(TransportObserver other) {
        return copy(url, httpClient, other);
    }

    private BoshSettings copy(URI u, HttpClient client, TransportObserver o) {
        return new BoshSettings(u, waitTime, hold, version, content, route, maxBodySize, outboundCapacity,
            inboundCapacity, maxRetries, retryBackoff, maxRetryBackoff, timeoutMargin, xmlLimits, client, acks,
            keySequences, keySequenceLength, httpOptions, deliveryScheduler, followSeeOtherUri, maxSeeOtherUriHops,
            timer, stallTimeout, connectRetries, seeOtherUriSameSite, orderGuard, maxBodyElements, o);
    }

    /** @return the timer's clock, in nanoseconds */
    public long nanoTime() {
        return timer == null ? System.nanoTime() : timer.now(java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /** @return the scheduler of every delay */
    public Scheduler scheduler() {
        return timer == null ? reactor.core.scheduler.Schedulers.parallel() : timer;
    }

    /** @return whether the URL uses TLS */
    public boolean tls() {
        return "https".equalsIgnoreCase(url.getScheme());
    }
}
