package org.reactorxmpp.im.muc;

import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.jid.Jid;

/**
 * Why we are no longer in a room.
 *
 * @param kind how we left
 * @param reason the reason the room or the moderator gave, or {@code null}
 * @param alternate for a destroyed room, the alternate venue, or {@code null}
 * @param cause for a failed rejoin, what failed, or {@code null}
 */
public record RoomExit(Kind kind, @Nullable String reason, @Nullable Jid alternate, @Nullable Throwable cause) {

    /** How we left. */
    public enum Kind {
        /** We left ({@link Room#leave()}). */
        LEFT,
        /** A moderator kicked us (307). */
        KICKED,
        /** An admin banned us (301). */
        BANNED,
        /** Our affiliation changed so that we may no longer be in (321). */
        REMOVED_AFFILIATION,
        /** The room became members-only (322). */
        REMOVED_MEMBERS_ONLY,
        /** The service is shutting down (332). */
        SHUTDOWN,
        /** The owner destroyed the room. */
        DESTROYED,
        /** After a reconnect the room could not be entered again; see {@link #cause()}. */
        REJOIN_FAILED,
        /** The session ended. */
        SESSION_ENDED
    }

    public RoomExit {
        Objects.requireNonNull(kind, "kind");
    }

    /** @param kind how we left @return an exit without details */
    public static RoomExit of(Kind kind) {
        return new RoomExit(kind, null, null, null);
    }

    public Optional<String> reasonText() {
        return Optional.ofNullable(reason);
    }

    public Optional<Jid> alternateVenue() {
        return Optional.ofNullable(alternate);
    }

    public Optional<Throwable> failure() {
        return Optional.ofNullable(cause);
    }
}
