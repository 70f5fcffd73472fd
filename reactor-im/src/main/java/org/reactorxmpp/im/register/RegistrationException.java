package org.reactorxmpp.im.register;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.XmppException;

/**
 * In-band registration failed: the server does not offer it, refused (the cause, a
 * {@link org.reactorxmpp.xmpp.stanza.StanzaErrorException}, says how), or the form was filled with a
 * field the server did not ask for, or without a required one.
 */
public final class RegistrationException extends XmppException {

    private static final long serialVersionUID = 1L;

    /** @param message what failed @param cause the server's error, or {@code null} */
    public RegistrationException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
