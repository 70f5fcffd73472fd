package org.reactorxmpp.xmpp.transport;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.XmppException;

/**
 * A transport failed: the connection could not be opened, was lost, or was ended by the server.
 * {@link #isTransient()} tells reconnect policies whether a new connection may succeed.
 */
public class TransportException extends XmppException {

    private static final long serialVersionUID = 1L;

    private final boolean transientFailure;

    /**
     * @param message what went wrong
     * @param transientFailure whether a new attempt may succeed
     */
    public TransportException(String message, boolean transientFailure) {
        super(message);
        this.transientFailure = transientFailure;
    }

    /**
     * @param message what went wrong
     * @param transientFailure whether a new attempt may succeed
     * @param cause the underlying failure, or {@code null}
     */
    public TransportException(String message, boolean transientFailure, @Nullable Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    @Override
    public boolean isTransient() {
        return transientFailure;
    }
}
