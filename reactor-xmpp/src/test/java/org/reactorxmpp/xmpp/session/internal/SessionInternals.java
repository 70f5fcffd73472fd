package org.reactorxmpp.xmpp.session.internal;

import org.reactorxmpp.xmpp.session.XmppSession;

/** Test access to session internals. */
public final class SessionInternals {

    private SessionInternals() {
    }

    public static int pendingRequests(XmppSession session) {
        XmppSession s = session instanceof ReconnectingSession ? ((ReconnectingSession) session).current() : session;
        return ((DefaultXmppSession) s).pendingRequests();
    }
}
