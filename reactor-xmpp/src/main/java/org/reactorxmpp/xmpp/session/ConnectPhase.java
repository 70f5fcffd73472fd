package org.reactorxmpp.xmpp.session;

/** The phases of {@link XmppClient#connect()}, named by {@link XmppConnectException}. */
public enum ConnectPhase {
    /** Opening the transport connection and receiving the first stream features. */
    TRANSPORT,
    /** SASL authentication, the stream restart and the new stream features. */
    SASL,
    /** Resource binding and, when the server requires it, legacy session establishment. */
    BIND
}
