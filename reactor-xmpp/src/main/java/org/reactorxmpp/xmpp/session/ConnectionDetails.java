package org.reactorxmpp.xmpp.session;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.transport.TransportDetails;

/**
 * What a session's current transport connection is: which connection of the session it is
 * (1 for the first, one more after each reconnect), the transport's session identifier (the BOSH
 * {@code sid}), the candidate URL it runs on when the client walks candidate URLs, and whether the
 * path to the server is protected. An immutable snapshot: read it again after a reconnect.
 *
 * <pre>{@code
 * ConnectionDetails details = session.connectionDetails();
 * log.info("connection {} of {}: BOSH sid {} via {}", details.number(), session.jid(),
 *     details.sessionId().orElse("-"), details.url().map(URI::toString).orElse("the configured transport"));
 * }</pre>
 */
public final class ConnectionDetails {

    private final int number;
    private final @Nullable String sessionId;
    private final @Nullable URI url;
    private final boolean secure;
    private final TransportDetails transport;
    private final boolean resumed;

    /**
     * @param number which connection of the session this is, from 1
     * @param sessionId the transport's session identifier, or {@code null} when it has none
     * @param url the candidate URL, or {@code null} with a single configured transport
     * @param secure whether the path to the server is protected
     */
    public ConnectionDetails(int number, @Nullable String sessionId, @Nullable URI url, boolean secure) {
        this(number, sessionId, url, secure, TransportDetails.of(TransportDetails.Kind.OTHER, url, sessionId, secure));
    }

    /**
     * @param number which connection of the session this is, from 1
     * @param transport what the transport reports of itself (kind, current URL, session id, security)
     * @param candidateUrl the candidate URL it was opened on, used when the transport reports no URL
     */
    public ConnectionDetails(int number, TransportDetails transport, @Nullable URI candidateUrl) {
        this(number, transport.sessionId().orElse(null), transport.url().orElse(candidateUrl), transport.secure(),
            transport);
    }

    private ConnectionDetails(int number, @Nullable String sessionId, @Nullable URI url, boolean secure,
                              TransportDetails transport) {
        this(number, sessionId, url, secure, transport, false);
    }

    private ConnectionDetails(int number, @Nullable String sessionId, @Nullable URI url, boolean secure,
                              TransportDetails transport, boolean resumed) {
        if (number < 1) {
            throw new IllegalArgumentException("connection number must be >= 1, was " + number);
        }
        this.number = number;
        this.sessionId = sessionId;
        this.url = url;
        this.secure = secure;
        this.transport = Objects.requireNonNull(transport, "transport");
        this.resumed = resumed;
    }

    /**
     * @param resumed whether this connection resumed the XMPP session (stream management)
     * @return a copy with that value
     */
    public ConnectionDetails withResumed(boolean resumed) {
        return new ConnectionDetails(number, sessionId, url, secure, transport, resumed);
    }

    /**
     * Whether this connection resumed the session's XMPP session with stream management (XEP-0198) after the
     * previous connection was lost: the server kept its state. {@code false} for the first connection and for
     * a connection that bound a new session.
     *
     * <pre>{@code
     * if (session.connectionDetails().number() > 1 && !session.connectionDetails().isResumed()) {
     *     rejoinRooms();
     * }
     * }</pre>
     *
     * @return whether the connection resumed the session
     */
    public boolean isResumed() {
        return resumed;
    }

    /** @return the transport's own typed details: its kind (BOSH, WebSocket, TCP...), current URL and session id */
    public TransportDetails transport() {
        return transport;
    }

    /** @return which connection of the session this is: 1 for the first, one more after each reconnect */
    public int number() {
        return number;
    }

    /** @return the transport's session identifier, for BOSH the {@code sid} */
    public Optional<String> sessionId() {
        return Optional.ofNullable(sessionId);
    }

    /** @return the candidate URL the connection runs on, when the client walks candidate URLs */
    public Optional<URI> url() {
        return Optional.ofNullable(url);
    }

    /** @return whether the path to the server is protected (TLS, or a transport the server declares secure) */
    public boolean isSecure() {
        return secure;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ConnectionDetails)) {
            return false;
        }
        ConnectionDetails other = (ConnectionDetails) o;
        return number == other.number && secure == other.secure && resumed == other.resumed
            && Objects.equals(sessionId, other.sessionId)
            && Objects.equals(url, other.url);
    }

    @Override
    public int hashCode() {
        return Objects.hash(number, sessionId, url, secure, resumed);
    }

    @Override
    public String toString() {
        return "ConnectionDetails{#" + number + (sessionId == null ? "" : ", sid=" + sessionId)
            + (url == null ? "" : ", " + url) + (secure ? ", secure" : "") + (resumed ? ", resumed" : "") + "}";
    }
}
