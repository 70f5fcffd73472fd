package org.reactorxmpp.xmpp.transport;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The details of a {@link TransportConnection}, for logs, diagnostics and support: an immutable snapshot taken
 * when asked for. Every transport can fill it: BOSH with its {@code sid} and connection manager URL, WebSocket with
 * its URL, TCP with a {@code xmpp://host:port} URI and no session identifier.
 *
 * <pre>{@code
 * TransportDetails d = connection.details();
 * if (d.kind() == TransportDetails.Kind.BOSH) {
 *     log.info("BOSH sid={} at {}", d.sessionId().orElse("-"), d.url().orElseThrow());
 * }
 * }</pre>
 *
 * @param kind the kind of transport
 * @param url the URL (or URI) the connection talks to now, when it has one
 * @param sessionId the transport's own session identifier (BOSH {@code sid}), when it has one
 * @param secure whether the path to the server is protected ({@link TransportConnection#isSecure()})
 */
public record TransportDetails(Kind kind, Optional<URI> url, Optional<String> sessionId, boolean secure) {

    /** The kinds of transport. */
    public enum Kind {
        /** XEP-0124 / XEP-0206 BOSH. */
        BOSH,
        /** RFC 7395 WebSocket. */
        WEBSOCKET,
        /** RFC 6120 TCP. */
        TCP,
        /** Another transport, or one that does not say. */
        OTHER
    }

    public TransportDetails {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(sessionId, "sessionId");
    }

    /**
     * @param kind the kind of transport
     * @param url the URL, or {@code null}
     * @param sessionId the session identifier, or {@code null}
     * @param secure whether the path is protected
     * @return the details
     */
    public static TransportDetails of(Kind kind, @Nullable URI url, @Nullable String sessionId, boolean secure) {
        return new TransportDetails(kind, Optional.ofNullable(url), Optional.ofNullable(sessionId), secure);
    }
}
