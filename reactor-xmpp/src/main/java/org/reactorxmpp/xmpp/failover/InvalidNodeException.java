package org.reactorxmpp.xmpp.failover;

import org.reactorxmpp.xmpp.XmppException;

/**
 * A node name announced by a server (or configured) that cannot be made into a URL: it is not a
 * host name, not an IP address, or the service-discovery URL it would be combined with is unusable.
 */
public final class InvalidNodeException extends XmppException {

    private static final long serialVersionUID = 1L;

    public InvalidNodeException(String message) {
        super(message);
    }
}
