package org.reactorxmpp.im.register;

import org.reactorxmpp.xmpp.XmppException;

/** In-band registration failed: the server does not offer it, or refused (the cause says how). */
public final class RegistrationException extends XmppException {

    private static final long serialVersionUID = 1L;

    /** @param message what failed @param cause the server's error, or {@code null} */
    public RegistrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
