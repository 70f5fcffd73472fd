package org.reactorxmpp.xmpp.session;

import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.XmppException;

/**
 * {@link XmppClient#connect()} failed in a named {@link ConnectPhase}: it timed out, the server sent
 * something the negotiation cannot accept, or resource binding was refused. Authentication failures
 * are {@link org.reactorxmpp.xmpp.sasl.SaslException}s and failures of an established transport
 * {@link org.reactorxmpp.xmpp.transport.TransportException}s, not this type (except when they time out); a
 * transport that could not connect at all (connection refused, unknown host, TLS failure) fails
 * {@code connect()} with this type, phase {@link ConnectPhase#TRANSPORT}, and the transport's exception
 * as its cause.
 */
public final class XmppConnectException extends XmppException {

    private static final long serialVersionUID = 1L;

    private final ConnectPhase phase;
    private final boolean timeout;

    /**
     * @param phase the phase that failed
     * @param message what went wrong
     * @param timeout whether the phase ran out of time
     * @param cause the underlying error, or {@code null}
     */
    public XmppConnectException(ConnectPhase phase, String message, boolean timeout, @Nullable Throwable cause) {
        super("connect failed in phase " + Objects.requireNonNull(phase, "phase") + ": " + message, cause);
        this.phase = phase;
        this.timeout = timeout;
    }

    /** @return the phase that failed */
    public ConnectPhase phase() {
        return phase;
    }

    /** @return whether the phase ran out of time */
    public boolean isTimeout() {
        return timeout;
    }

    /** @return {@code true} for timeouts and transient causes (a refused connection): a new attempt may succeed */
    @Override
    public boolean isTransient() {
        return timeout || getCause() instanceof XmppException cause && cause.isTransient();
    }
}
