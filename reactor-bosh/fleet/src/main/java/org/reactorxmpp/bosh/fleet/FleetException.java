package org.reactorxmpp.bosh.fleet;

import org.reactorxmpp.xmpp.XmppException;

/** A fleet could not start, stop or place a session; the message names the member and the account. */
public class FleetException extends XmppException {

    private static final long serialVersionUID = 1L;

    /** @param message what failed */
    public FleetException(String message) {
        super(message);
    }

    /**
     * @param message what failed
     * @param cause why
     */
    public FleetException(String message, Throwable cause) {
        super(message, cause);
    }
}
