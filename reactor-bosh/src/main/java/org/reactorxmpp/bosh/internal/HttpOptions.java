package org.reactorxmpp.bosh.internal;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import io.netty.handler.ssl.SslContext;

import javax.net.ssl.TrustManagerFactory;

/**
 * HTTP-level options of a BOSH transport, applied on top of its {@code HttpClient}.
 *
 * @param headers extra request headers (name to value), sent with every request
 * @param compress whether to ask for gzip responses ({@code Accept-Encoding}) and decompress them
 * @param proxyHost the HTTP proxy host, or {@code null} for a direct connection
 * @param proxyPort the HTTP proxy port (ignored without a host)
 * @param trustManager trust material for {@code https} connection managers, or {@code null} for the JDK default
 * @param sslContext a complete client TLS context, or {@code null}; wins over {@code trustManager}
 * @param connectTimeout the TCP connect timeout, or {@code null} for the client's default
 * @param idleConnectionTimeout how long a session's request slot may keep its connection open without a request
 *     (positive); then the session closes it (only with the default HTTP client, whose sessions have their own
 *     connections)
 */
public record HttpOptions(Map<String, String> headers, boolean compress, @Nullable String proxyHost, int proxyPort,
                          @Nullable TrustManagerFactory trustManager, @Nullable SslContext sslContext,
                          @Nullable Duration connectTimeout, Duration idleConnectionTimeout) {

    /** The default {@link #idleConnectionTimeout()}. */
    public static final Duration DEFAULT_IDLE_CONNECTION_TIMEOUT = Duration.ofSeconds(10);

    /** No options: the client as given. */
    public static final HttpOptions NONE = new HttpOptions(Map.of(), false, null, 0, null, null, null,
        DEFAULT_IDLE_CONNECTION_TIMEOUT);

    /** Headers the transport sets itself, which a custom header must not replace. */
    private static final java.util.Set<String> RESERVED = java.util.Set.of("content-type", "content-length",
        "host", "transfer-encoding", "connection");

    public HttpOptions {
        headers = Map.copyOf(headers);
        for (Map.Entry<String, String> h : headers.entrySet()) {
            String name = h.getKey();
            if (name.isEmpty() || !name.chars().allMatch(c -> c > 32 && c < 127 && c != ':')) {
                throw new IllegalArgumentException("invalid HTTP header name: '" + name + "'");
            }
            if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("the BOSH transport sets the HTTP header " + name + " itself");
            }
            if (h.getValue().chars().anyMatch(c -> c == '\r' || c == '\n')) {
                throw new IllegalArgumentException("HTTP header " + name + " has a line break in its value");
            }
        }
        if (proxyHost != null && (proxyHost.isBlank() || proxyPort < 1 || proxyPort > 65535)) {
            throw new IllegalArgumentException("invalid HTTP proxy " + proxyHost + ":" + proxyPort);
        }
        if (sslContext != null && !sslContext.isClient()) {
            throw new IllegalArgumentException("the SslContext is not a client context");
        }
        if (connectTimeout != null && (connectTimeout.isNegative() || connectTimeout.isZero())) {
            throw new IllegalArgumentException("connectTimeout must be positive: " + connectTimeout);
        }
        requirePositiveIdleTimeout(idleConnectionTimeout);
        Objects.requireNonNull(headers, "headers");
    }

    /**
     * @param timeout an {@link #idleConnectionTimeout()}
     * @return it, when positive
     * @throws IllegalArgumentException when it is zero or negative
     */
    public static Duration requirePositiveIdleTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "idleConnectionTimeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("idleConnectionTimeout must be positive: " + timeout);
        }
        return timeout;
    }
}
