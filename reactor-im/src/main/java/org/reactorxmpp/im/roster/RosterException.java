package org.reactorxmpp.im.roster;

import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.XmppException;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.stanza.StanzaError;
import org.reactorxmpp.xmpp.stanza.StanzaErrorException;

/**
 * A roster or subscription operation failed: the server answered with a stanza error (see
 * {@link #condition()}), or the operation was refused locally (for example a contact not in the
 * roster, or pre-approval the server does not support).
 */
public final class RosterException extends XmppException {

    private static final long serialVersionUID = 1L;

    private final String operation;
    private final @Nullable BareJid jid;
    private final StanzaError.@Nullable Condition condition;

    /**
     * @param operation the operation, for example {@code add}
     * @param jid the contact concerned, or {@code null}
     * @param condition the stanza error condition, or {@code null} for a local refusal
     * @param message what went wrong
     * @param cause the cause, or {@code null}
     */
    public RosterException(String operation, @Nullable BareJid jid, StanzaError.@Nullable Condition condition,
                           String message, @Nullable Throwable cause) {
        super("roster " + operation + (jid == null ? "" : " of " + jid) + " failed: " + message, cause);
        this.operation = operation;
        this.jid = jid;
        this.condition = condition;
    }

    /**
     * @param operation the operation
     * @param jid the contact, or {@code null}
     * @param error the server's error reply
     * @return the roster error carrying the stanza error condition
     */
    public static RosterException of(String operation, @Nullable BareJid jid, StanzaErrorException error) {
        return new RosterException(operation, jid, error.condition(), error.condition().elementName()
            + error.error().text().map(t -> " (" + t + ")").orElse(""), error);
    }

    /** @return the operation that failed */
    public String operation() {
        return operation;
    }

    /** @return the contact concerned */
    public Optional<BareJid> jid() {
        return Optional.ofNullable(jid);
    }

    /** @return the server's stanza error condition; empty for a local refusal */
    public Optional<StanzaError.Condition> condition() {
        return Optional.ofNullable(condition);
    }

    @Override
    public boolean isTransient() {
        return getCause() instanceof XmppException && ((XmppException) getCause()).isTransient();
    }
}
