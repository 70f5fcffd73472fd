package org.reactorxmpp.xmpp.sm;

import java.util.Objects;

import org.reactorxmpp.xmpp.XmppException;

/**
 * A stream-management operation cannot be done: an acknowledgement is asked for but stream management is
 * not enabled, the unacknowledged queue is full, or a stanza can never be acknowledged any more.
 *
 * <pre>{@code
 * session.sendAcked(message).onErrorResume(StreamManagementException.class,
 *     e -> e.reason() == StreamManagementException.Reason.NOT_ENABLED ? session.send(message) : Mono.error(e));
 * }</pre>
 */
public final class StreamManagementException extends XmppException {

    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Reason {
        /** Stream management is not configured, not offered by the server, or the server refused it. */
        NOT_ENABLED,
        /** The unacknowledged queue holds {@link StreamManagement#maxUnacked()} stanzas already. */
        QUEUE_FULL,
        /**
         * The stanza was sent again on a new session where stream management is not available: it was
         * written but its acknowledgement can never come.
         */
        UNACKNOWLEDGEABLE,
        /**
         * The server ended a resumed stream with a stream error before it had acknowledged anything written on
         * it: it never read what followed {@code <resume/>} (Prosody 0.12 parses a resumed connection's bytes
         * with the XML parser of the session's first connection, which an element cut mid-write leaves broken,
         * and then ends the session). Transient: the next connection binds a new session and sends again, once,
         * what the server had not acknowledged; the {@linkplain #getCause() cause} is the server's stream error.
         */
        RESUMED_STREAM_FAILED
    }

    private final Reason reason;

    /**
     * @param reason what went wrong
     * @param message the details
     */
    public StreamManagementException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * @param reason what went wrong
     * @param message the details
     * @param cause what the server said, for example its stream error
     */
    public StreamManagementException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** @return what went wrong */
    public Reason reason() {
        return reason;
    }

    /**
     * @return true for {@link Reason#QUEUE_FULL} (trying again once acknowledgements came may succeed) and
     *     {@link Reason#RESUMED_STREAM_FAILED} (a new session may succeed)
     */
    @Override
    public boolean isTransient() {
        return reason == Reason.QUEUE_FULL || reason == Reason.RESUMED_STREAM_FAILED;
    }
}
