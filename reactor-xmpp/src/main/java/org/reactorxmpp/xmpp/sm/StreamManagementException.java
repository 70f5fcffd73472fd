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
        UNACKNOWLEDGEABLE
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

    /** @return what went wrong */
    public Reason reason() {
        return reason;
    }

    /** @return true for {@link Reason#QUEUE_FULL}: trying again once acknowledgements came may succeed */
    @Override
    public boolean isTransient() {
        return reason == Reason.QUEUE_FULL;
    }
}
