package org.reactorxmpp.xmpp;

/**
 * Root of every exception thrown or signalled by reactor-xmpp.
 *
 * <p>Unchecked, like every error of a reactive library: errors travel as {@code onError} signals.
 * {@link #isTransient()} tells retry policies whether trying again may succeed (a dropped
 * connection) or not (bad credentials, malformed input).
 */
public class XmppException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public XmppException(String message) {
        super(message);
    }

    public XmppException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Whether the failure is transient: the same operation may succeed if retried later.
     *
     * @return {@code false} unless a subclass says otherwise
     */
    public boolean isTransient() {
        return false;
    }
}
