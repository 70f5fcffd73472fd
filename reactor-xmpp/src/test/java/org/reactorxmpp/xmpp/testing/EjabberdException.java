package org.reactorxmpp.xmpp.testing;

/** ejabberd could not be started, stopped, configured or asked to create accounts; the message carries its log where useful. */
public final class EjabberdException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public EjabberdException(String message) {
        super(message);
    }

    public EjabberdException(String message, Throwable cause) {
        super(message, cause);
    }
}
