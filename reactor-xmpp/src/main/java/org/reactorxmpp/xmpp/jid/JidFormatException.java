package org.reactorxmpp.xmpp.jid;

import org.reactorxmpp.xmpp.XmppException;

/** A string that is not a valid JID; the message names the part and the rule broken. */
public final class JidFormatException extends XmppException {
    private static final long serialVersionUID = 1L;

    public JidFormatException(String message) {
        super(message);
    }
}
