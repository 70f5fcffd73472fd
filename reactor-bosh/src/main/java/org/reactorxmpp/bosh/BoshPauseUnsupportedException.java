package org.reactorxmpp.bosh;

import org.reactorxmpp.xmpp.transport.TransportException;

/**
 * A pause was asked for (XEP-0124 section 10) but the connection manager did not advertise {@code maxpause}
 * in its session creation response. The session itself is unaffected.
 */
public final class BoshPauseUnsupportedException extends TransportException {

    private static final long serialVersionUID = 1L;

    /** @param message what happened */
    public BoshPauseUnsupportedException(String message) {
        super(message, false);
    }
}
