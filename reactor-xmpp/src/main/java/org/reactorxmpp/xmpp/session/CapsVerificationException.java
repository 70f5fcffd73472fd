package org.reactorxmpp.xmpp.session;

import org.reactorxmpp.xmpp.XmppException;
import org.reactorxmpp.xmpp.jid.Jid;

/**
 * An entity's disco#info answer does not match the caps {@code ver} it advertised (XEP-0115
 * section 5.4), it has duplicate identities, features or forms, or the hash is not supported. The
 * answer is not cached; the same lookup later asks again. Not transient.
 */
public final class CapsVerificationException extends XmppException {

    private static final long serialVersionUID = 1L;

    private final String ver;

    /**
     * @param entity the entity that advertised the caps
     * @param ver the advertised verification string
     * @param problem what does not match
     */
    public CapsVerificationException(Jid entity, String ver, String problem) {
        super("entity caps of " + entity + " (ver '" + ver + "') cannot be verified: " + problem);
        this.ver = ver;
    }

    /** @return the advertised verification string */
    public String ver() {
        return ver;
    }
}
