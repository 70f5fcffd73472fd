package org.reactorxmpp.im.muc;

import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.XmppException;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.stanza.StanzaError;

/**
 * A multi-user chat operation failed; {@link #reason()} says why, one value per case an application
 * handles differently (pick another nick, ask for the password, register, give up...).
 *
 * <pre>{@code
 * muc.join(room, "romeo").onErrorResume(MucException.class, e -> e.reason() == MucException.Reason.NICK_CONFLICT
 *     ? muc.join(room, "romeo_") : Mono.error(e));
 * }</pre>
 */
public final class MucException extends XmppException {

    private static final long serialVersionUID = 1L;

    /** Why a room operation failed. */
    public enum Reason {
        /** The nick is in use or reserved by someone else ({@code conflict}). */
        NICK_CONFLICT,
        /** A password is required or was wrong ({@code not-authorized}). */
        NOT_AUTHORIZED,
        /** The room is members-only and we are not a member ({@code registration-required}). */
        REGISTRATION_REQUIRED,
        /** We are banned, or may not do this ({@code forbidden}). */
        FORBIDDEN,
        /**
         * The room is full, or the service refuses ({@code service-unavailable}; ejabberd answers a full room
         * with {@code resource-constraint}).
         */
        SERVICE_UNAVAILABLE,
        /** The room does not exist or is locked ({@code item-not-found}). */
        ITEM_NOT_FOUND,
        /** The room was destroyed and the service remembers it ({@code gone}, with the alternate venue where given). */
        GONE,
        /** The action is not allowed in this room ({@code not-allowed}, for example creating rooms). */
        NOT_ALLOWED,
        /** The room did not answer in time. */
        TIMEOUT,
        /** The room's configuration form has no such field. */
        UNSUPPORTED,
        /** A room to create exists already (no status 201 on join). */
        ALREADY_EXISTS,
        /** We are not (or no longer) in the room. */
        NOT_JOINED,
        /** Another stanza error; see {@link #condition()}. */
        OTHER
    }

    private final Reason reason;
    private final BareJid room;
    private final StanzaError.@Nullable Condition condition;

    /**
     * @param reason why
     * @param room the room
     * @param condition the stanza error condition, or {@code null} for a local failure
     * @param message a description
     * @param cause the cause, or {@code null}
     */
    public MucException(Reason reason, BareJid room, StanzaError.@Nullable Condition condition, String message,
                        @Nullable Throwable cause) {
        super(room + ": " + message, cause);
        this.reason = reason;
        this.room = room;
        this.condition = condition;
    }

    /**
     * @param room the room
     * @param error the error the room answered with
     * @param what what was attempted, for the message
     * @return the exception for that error
     */
    public static MucException of(BareJid room, StanzaError error, String what) {
        Reason reason = switch (error.condition()) {
            case CONFLICT -> Reason.NICK_CONFLICT;
            case NOT_AUTHORIZED -> Reason.NOT_AUTHORIZED;
            case REGISTRATION_REQUIRED -> Reason.REGISTRATION_REQUIRED;
            case FORBIDDEN -> Reason.FORBIDDEN;
            case SERVICE_UNAVAILABLE, RESOURCE_CONSTRAINT -> Reason.SERVICE_UNAVAILABLE;
            case ITEM_NOT_FOUND -> Reason.ITEM_NOT_FOUND;
            case GONE -> Reason.GONE;
            case NOT_ALLOWED -> Reason.NOT_ALLOWED;
            case REMOTE_SERVER_TIMEOUT -> Reason.TIMEOUT;
            default -> Reason.OTHER;
        };
        return new MucException(reason, room, error.condition(), what + " failed: " + error.condition().elementName()
            + error.text().map(t -> " (" + t + ")").orElse(""), null);
    }

    public Reason reason() {
        return reason;
    }

    public BareJid room() {
        return room;
    }

    /** @return the stanza error condition the room answered with */
    public Optional<StanzaError.Condition> condition() {
        return Optional.ofNullable(condition);
    }

    @Override
    public boolean isTransient() {
        return reason == Reason.TIMEOUT;
    }
}
