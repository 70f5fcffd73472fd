package org.reactorxmpp.xmpp.stanza;

import java.util.Objects;

import org.reactorxmpp.xmpp.XmppException;

/**
 * The server ended the stream with a {@link StreamError}. Transient exactly when the condition is
 * (see the table in {@link StreamError}), so a reconnect policy can retry {@code system-shutdown} but
 * not {@code conflict}.
 *
 * <pre>{@code
 * session.inbound().retryWhen(Retry.backoff(5, Duration.ofSeconds(1))
 *     .filter(e -> e instanceof XmppException x && x.isTransient()));
 * }</pre>
 */
public final class StreamErrorException extends XmppException {

    private static final long serialVersionUID = 1L;

    private final transient StreamError error;

    /** @param error the stream error received */
    public StreamErrorException(StreamError error) {
        super("stream error " + Objects.requireNonNull(error, "error"));
        this.error = error;
    }

    /** @return the stream error */
    public StreamError error() {
        return error;
    }

    /** @return shortcut for {@code error().condition()} */
    public StreamError.Condition condition() {
        return error.condition();
    }

    /** @return whether reconnecting may help, from {@link StreamError.Condition#isTransient()} */
    @Override
    public boolean isTransient() {
        return error.isTransient();
    }
}
