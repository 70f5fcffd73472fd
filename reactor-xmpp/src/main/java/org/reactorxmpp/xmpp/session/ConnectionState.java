package org.reactorxmpp.xmpp.session;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Where a session stands: an immutable value with a {@link Kind}, the reconnect attempt for
 * {@link Kind#RECONNECTING} and the cause for {@link Kind#RECONNECTING} (why the previous connection
 * or attempt was lost) and {@link Kind#DISCONNECTED} (why the session ended). A client with several
 * candidate URLs ({@link XmppClient.Builder#candidates}) also names the {@link #url()} a
 * connecting, reconnecting or connected state is about.
 *
 * <pre>{@code
 * session.states()
 *     .filter(state -> state.kind() == ConnectionState.Kind.DISCONNECTED)
 *     .subscribe(state -> log.warn("disconnected", state.cause().orElse(null)));
 * session.stateChanges()
 *     .filter(state -> state.kind() == ConnectionState.Kind.RECONNECTING)
 *     .subscribe(state -> log.info("reconnect attempt {} after {}", state.attempt(), state.cause().orElse(null)));
 * }</pre>
 */
public final class ConnectionState {

    /** The kinds of state, in the order a session normally goes through them. */
    public enum Kind {
        /** The transport connection is being opened. */
        CONNECTING,
        /** SASL authentication is running. */
        AUTHENTICATING,
        /** The resource is being bound (and the legacy session established when required). */
        BINDING,
        /** The session is ready: stanzas flow both ways. */
        CONNECTED,
        /** A new connection is being attempted after a loss. */
        RECONNECTING,
        /** The session is closing on request. */
        DISCONNECTING,
        /** The session is over, cleanly or with a cause. */
        DISCONNECTED
    }

    /** The transport connection is being opened. */
    public static final ConnectionState CONNECTING = new ConnectionState(Kind.CONNECTING, 0, null);
    /** SASL authentication is running. */
    public static final ConnectionState AUTHENTICATING = new ConnectionState(Kind.AUTHENTICATING, 0, null);
    /** Resource binding is running. */
    public static final ConnectionState BINDING = new ConnectionState(Kind.BINDING, 0, null);
    /** The session is ready. */
    public static final ConnectionState CONNECTED = new ConnectionState(Kind.CONNECTED, 0, null);
    /** The session is closing on request. */
    public static final ConnectionState DISCONNECTING = new ConnectionState(Kind.DISCONNECTING, 0, null);

    private final Kind kind;
    private final int attempt;
    private final @Nullable Throwable cause;
    private final @Nullable URI url;
    private final boolean resumed;
    private final boolean detached;

    private ConnectionState(Kind kind, int attempt, @Nullable Throwable cause) {
        this(kind, attempt, cause, null, false);
    }

    private ConnectionState(Kind kind, int attempt, @Nullable Throwable cause, @Nullable URI url, boolean resumed) {
        this(kind, attempt, cause, url, resumed, false);
    }

    private ConnectionState(Kind kind, int attempt, @Nullable Throwable cause, @Nullable URI url, boolean resumed,
                            boolean detached) {
        this.kind = kind;
        this.attempt = attempt;
        this.cause = cause;
        this.url = url;
        this.resumed = resumed;
        this.detached = detached;
    }

    /**
     * @param url the URL this state is about, or {@code null}
     * @return a copy naming that URL
     */
    public ConnectionState withUrl(@Nullable URI url) {
        return Objects.equals(url, this.url) ? this : new ConnectionState(kind, attempt, cause, url, resumed, detached);
    }

    /**
     * @return a {@link Kind#CONNECTED} state saying that the new connection resumed the XMPP session
     *     (stream management, XEP-0198) instead of starting a new one
     * @throws IllegalStateException when this state is not {@link Kind#CONNECTED}
     */
    public ConnectionState asResumed() {
        if (kind != Kind.CONNECTED) {
            throw new IllegalStateException("only CONNECTED can be resumed, not " + kind);
        }
        return new ConnectionState(kind, attempt, cause, url, true);
    }

    /**
     * Whether a {@link Kind#CONNECTED} that follows a reconnect resumed the XMPP session (XEP-0198): the server
     * kept its state (presence, rooms joined, roster, subscriptions), nothing was lost and nothing needs to be
     * set up again. {@code false} for the first connection and for a reconnect that started a new session.
     *
     * <pre>{@code
     * session.stateChanges().filter(s -> s.kind() == Kind.CONNECTED && !s.isResumed()).subscribe(s -> reload());
     * }</pre>
     *
     * @return whether the connection resumed the session
     */
    public boolean isResumed() {
        return resumed;
    }

    /** @return the URL this state is about, when the client has several candidate URLs */
    public Optional<URI> url() {
        return Optional.ofNullable(url);
    }

    /**
     * @param attempt the reconnect attempt, starting at 1
     * @return a {@link Kind#RECONNECTING} state without a cause
     * @see #reconnecting(int, Throwable)
     */
    public static ConnectionState reconnecting(int attempt) {
        return reconnecting(attempt, null);
    }

    /**
     * @param attempt the reconnect attempt, starting at 1
     * @param cause why a new connection is needed: for attempt 1 the loss of the connection, for a
     *     later attempt the failure of the one before; {@code null} when unknown
     * @return a {@link Kind#RECONNECTING} state
     */
    public static ConnectionState reconnecting(int attempt, @Nullable Throwable cause) {
        if (attempt < 1) {
            throw new IllegalArgumentException("reconnect attempt must be >= 1, was " + attempt);
        }
        return new ConnectionState(Kind.RECONNECTING, attempt, cause);
    }

    /**
     * @param cause why the session ended, or {@code null} after a clean close
     * @return a {@link Kind#DISCONNECTED} state
     */
    public static ConnectionState disconnected(@Nullable Throwable cause) {
        return new ConnectionState(Kind.DISCONNECTED, 0, cause);
    }

    /**
     * The last state of a session that was handed over ({@link XmppSession#detach()}): a {@link Kind#DISCONNECTED}
     * without a cause whose {@link #isDetached()} is {@code true}. The XMPP session goes on on the server (no
     * unavailable presence, no terminate), in whichever process attaches it.
     *
     * @return the {@link Kind#DISCONNECTED} state of a detached session
     */
    public static ConnectionState detached() {
        return new ConnectionState(Kind.DISCONNECTED, 0, null, null, false, true);
    }

    /**
     * Whether this {@link Kind#DISCONNECTED} ends a session that was handed over to another owner
     * ({@link XmppSession#detach()}) rather than closed: the account is still online on the server.
     *
     * <pre>{@code
     * session.states().filter(s -> s.kind() == Kind.DISCONNECTED)
     *     .subscribe(s -> log.info(s.isDetached() ? "handed over" : "offline"));
     * }</pre>
     *
     * @return whether the session was detached
     */
    public boolean isDetached() {
        return detached;
    }

    /** @return the kind of state */
    public Kind kind() {
        return kind;
    }

    /** @return the reconnect attempt (from 1) for {@link Kind#RECONNECTING}, 0 otherwise */
    public int attempt() {
        return attempt;
    }

    /**
     * @return for {@link Kind#DISCONNECTED} after a failure, why the session ended; for
     *     {@link Kind#RECONNECTING}, why the previous connection or attempt was lost; empty otherwise
     */
    public Optional<Throwable> cause() {
        return Optional.ofNullable(cause);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ConnectionState)) {
            return false;
        }
        ConnectionState other = (ConnectionState) o;
        return kind == other.kind && attempt == other.attempt && Objects.equals(cause, other.cause)
            && Objects.equals(url, other.url) && resumed == other.resumed
            && detached == other.detached;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, attempt, cause, url, resumed, detached);
    }

    @Override
    public String toString() {
        String at = url == null ? "" : " " + url;
        switch (kind) {
            case RECONNECTING:
                return "RECONNECTING(" + attempt + at + (cause == null ? "" : ", " + cause) + ")";
            case DISCONNECTED:
                return detached ? "DISCONNECTED(detached)" : cause == null ? "DISCONNECTED" : "DISCONNECTED(" + cause + ")";
            default:
                String name = resumed ? kind.name() + "(resumed" + (url == null ? "" : ", " + url) + ")" : kind.name();
                return url == null || resumed ? name : kind.name() + "(" + url + ")";
        }
    }
}
