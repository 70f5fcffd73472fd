package org.reactorxmpp.xmpp.session.internal;

import org.reactorxmpp.xmpp.sasl.SaslCredentials;
import org.reactorxmpp.xmpp.session.XmppSession;

/** Test access to session internals. */
public final class SessionInternals {

    private SessionInternals() {
    }

    public static int pendingRequests(XmppSession session) {
        return ((DefaultXmppSession) session).pendingRequests();
    }

    /** @return the credentials the session authenticates with (with reconnect: its own kept copy) */
    public static SaslCredentials credentials(XmppSession session) {
        return java.util.Objects.requireNonNull(((DefaultXmppSession) session).credentials());
    }

    /** @return the credentials the current connection authenticated with */
    public static SaslCredentials currentConnectionCredentials(XmppSession session) {
        return java.util.Objects.requireNonNull(((DefaultXmppSession) session).current()).credentials();
    }

    /** @return the sends and requests waiting for a connection */
    public static int queuedCalls(XmppSession session) {
        return ((DefaultXmppSession) session).waitingCalls();
    }
}
