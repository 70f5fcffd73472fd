package org.reactorxmpp.xmpp.session;

import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.XmppException;

/**
 * A session could not be handed over ({@link XmppSession#detach()}, {@link XmppSession#checkpoints()}) or taken
 * over ({@link XmppClient#attach(SessionHandover)}, {@link SessionHandover#fromBytes(byte[])}). The
 * {@link #reason()} says why; {@link Reason#REJECTED} means the server no longer has the session (it timed out,
 * or the state is too old for its request-id window): log in again with {@link XmppClient#connect()}.
 *
 * <pre>{@code
 * client.attach(handover)
 *     .onErrorResume(SessionHandoverException.class, e -> e.reason() == SessionHandoverException.Reason.REJECTED
 *         ? client.connect() : Mono.error(e))
 *     .subscribe(session -> run(session));
 * }</pre>
 */
public class SessionHandoverException extends XmppException {

    private static final long serialVersionUID = 1L;

    /** Why a handover failed. */
    public enum Reason {
        /** The transport cannot hand sessions over (TCP, WebSocket): only BOSH can. */
        UNSUPPORTED,
        /** The session is not connected now (connecting, reconnecting, closing or closed). */
        NOT_CONNECTED,
        /** Stream management is enabled on the session: its counters cannot be handed over; use it off. */
        STREAM_MANAGEMENT,
        /** The handover is for another account than the client's. */
        JID_MISMATCH,
        /** The encoded handover is truncated or damaged. */
        CORRUPT,
        /** The encoded handover has a format version this library does not know. */
        UNKNOWN_VERSION,
        /** The server refused the taken-over session (unknown session, request id out of its window): log in again. */
        REJECTED
    }

    private final Reason reason;

    /**
     * @param reason why
     * @param message what happened
     * @param cause the underlying failure, or {@code null}
     */
    public SessionHandoverException(Reason reason, String message, @Nullable Throwable cause) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
        if (cause != null) {
            initCause(cause);
        }
    }

    /**
     * @param reason why
     * @param message what happened
     */
    public SessionHandoverException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** @return why the handover failed */
    public Reason reason() {
        return reason;
    }
}
