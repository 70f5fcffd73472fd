package org.reactorxmpp.xmpp.stanza;

import org.reactorxmpp.xmpp.XmppException;

/**
 * An element that is not a stanza this model accepts (wrong name or namespace, an unparseable
 * {@code from}/{@code to} address), or a stanza a builder refuses (an IQ without id, a get without
 * payload, a priority out of range...). The message names the element, attribute or rule.
 */
public final class InvalidStanzaException extends XmppException {

    private static final long serialVersionUID = 1L;

    public InvalidStanzaException(String message) {
        super(message);
    }

    public InvalidStanzaException(String message, Throwable cause) {
        super(message, cause);
    }
}
