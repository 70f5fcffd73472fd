package org.reactorxmpp.xmpp.stanza;

import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.XmppException;
import org.reactorxmpp.xmpp.xml.XmlElement;

/**
 * A request was answered with a stanza error, or could not be delivered. Carries the parsed
 * {@link StanzaError} and, when there was one, the error stanza itself. Transient when the error
 * type is {@link StanzaError.Type#WAIT}.
 *
 * <pre>{@code
 * session.request(iq).onErrorResume(StanzaErrorException.class, e ->
 *     e.condition() == StanzaError.Condition.ITEM_NOT_FOUND ? Mono.empty() : Mono.error(e));
 * }</pre>
 */
public final class StanzaErrorException extends XmppException {

    private static final long serialVersionUID = 1L;

    private final transient StanzaError error;
    private final transient @Nullable Stanza stanza;

    /**
     * @param error the error
     * @param stanza the error stanza received, or {@code null} when the error was raised locally
     *     (for example {@code remote-server-timeout} for an IQ that got no answer in time)
     */
    public StanzaErrorException(StanzaError error, @Nullable Stanza stanza) {
        super(Objects.requireNonNull(error, "error").toString());
        this.error = error;
        this.stanza = stanza;
    }

    /**
     * Wraps a stanza of type error.
     *
     * @param stanza the error stanza
     * @return the exception, with condition {@link StanzaError.Condition#UNKNOWN} when the stanza has no {@code <error/>}
     */
    public static StanzaErrorException of(Stanza stanza) {
        StanzaError e = stanza.error().orElseGet(() -> StanzaError.from(
            XmlElement.empty(Stanza.NAMESPACE, "error")));
        return new StanzaErrorException(e, stanza);
    }

    /** @return the stanza error */
    public StanzaError error() {
        return error;
    }

    /** @return shortcut for {@code error().condition()} */
    public StanzaError.Condition condition() {
        return error.condition();
    }

    /** @return the error stanza received, if any */
    public Optional<Stanza> stanza() {
        return Optional.ofNullable(stanza);
    }

    /** @return {@code true} when the error type is {@code wait} */
    @Override
    public boolean isTransient() {
        return error.type() == StanzaError.Type.WAIT;
    }
}
