package org.reactorxmpp.im.quickcontacts;

import org.reactorxmpp.xmpp.XmppException;
import org.reactorxmpp.xmpp.jid.BareJid;

/** A quick-contact operation was refused: the contact is already a roster contact whose presence we receive. */
public final class QuickContactException extends XmppException {

    private static final long serialVersionUID = 1L;

    private final BareJid jid;

    /**
     * @param jid the contact
     * @param message why
     */
    public QuickContactException(BareJid jid, String message) {
        super("quick contact " + jid + ": " + message);
        this.jid = jid;
    }

    /** @return the contact */
    public BareJid jid() {
        return jid;
    }
}
