package org.reactorxmpp.xmpp.session;

import org.reactorxmpp.xmpp.transport.Transport;

/**
 * Watches what a client does, for metrics or tracing: it may wrap the client's transports and is told of each
 * session the client starts. Every method has a no-op default. Set with {@link XmppClient.Builder#observer}.
 *
 * <pre>{@code
 * XmppClient client = XmppClient.builder()...observer(XmppMetrics.of(meterRegistry)).build();
 * }</pre>
 */
public interface ClientObserver {

    /** Observes nothing. */
    ClientObserver NONE = new ClientObserver() { };

    /**
     * @param transport a transport the client was given (or made for a candidate URL)
     * @return the transport the client uses instead (by default the same)
     */
    default Transport transport(Transport transport) {
        return transport;
    }

    /**
     * Called once per session, while it is being set up (before it is handed out): subscribe to
     * {@link XmppSession#states()} here to see every state.
     *
     * @param session the new session
     */
    default void sessionStarted(XmppSession session) {
    }

    /**
     * An {@link XmppSession#inbound()} subscriber of {@code session} let its own buffer
     * ({@link XmppClient.Builder#inboundBufferSize(int)}) fill: it receives a
     * {@link org.reactorxmpp.xmpp.transport.TransportOverflowException}; the session and its other subscribers go on.
     * Called on the thread that delivers inbound stanzas: must be quick and must not block.
     *
     * @param session the session
     * @param capacity the buffer's size, in stanzas
     */
    default void inboundOverflow(XmppSession session, int capacity) {
    }
}
