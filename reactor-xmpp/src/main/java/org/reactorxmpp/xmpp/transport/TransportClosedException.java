package org.reactorxmpp.xmpp.transport;

import org.jspecify.annotations.Nullable;

/**
 * An operation needed an open connection, but it is closed (or closing).
 */
public final class TransportClosedException extends TransportException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what could not be done
     * @param cause why the connection closed, or {@code null} after a clean close
     */
    public TransportClosedException(String message, @Nullable Throwable cause) {
        super(message, false, cause);
    }
}
