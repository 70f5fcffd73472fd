package org.reactorxmpp.xmpp.testing;

/** Prosody could not be started, stopped or configured; the message carries the server log where useful. */
public final class ProsodyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ProsodyException(String message) {
        super(message);
    }

    public ProsodyException(String message, Throwable cause) {
        super(message, cause);
    }
}
