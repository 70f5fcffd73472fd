package org.reactorxmpp.xmpp.session.internal;

import org.reactorxmpp.xmpp.sasl.SaslCredentials;
import org.reactorxmpp.xmpp.session.XmppSession;

/** Test access to session internals. */
public final class SessionInternals {

    private SessionInternals() {
    }

    public static int pendingRequests(XmppSession session) {
        XmppSession s = session instanceof ReconnectingSession ? ((ReconnectingSession) session).current() : session;
        return ((DefaultXmppSession) s).pendingRequests();
    }

    /** @return the credentials the session authenticates with (the reconnecting session's own copy) */
    public static SaslCredentials credentials(XmppSession session) {
        if (session instanceof ReconnectingSession) {
            return ((ReconnectingSession) session).credentials();
        }
        return ((DefaultXmppSession) session).credentials();
    }

    /** @return the credentials of the connection-bound session in use */
    public static SaslCredentials currentConnectionCredentials(XmppSession session) {
        XmppSession s = session instanceof ReconnectingSession ? ((ReconnectingSession) session).current() : session;
        return ((DefaultXmppSession) s).credentials();
    }

    /** @return the sends and requests waiting for the next connection */
    public static int queuedCalls(XmppSession session) {
        return ((ReconnectingSession) session).queuedCalls();
    }
}
