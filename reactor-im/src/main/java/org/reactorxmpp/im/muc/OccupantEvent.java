package org.reactorxmpp.im.muc;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A change of a room's occupants, with the status codes the room gave (for example 110 for ourselves,
 * 201 room created, 210 nick rewritten, 301 banned, 303 nick change, 307 kicked, 321/322/332 removed).
 *
 * @param kind what happened
 * @param occupant the occupant after the change (for {@link Kind#LEFT}: as it was last, with its role {@code none})
 * @param statusCodes the status codes of the presence
 * @param reason the reason the room gave (a kick, a ban), or {@code null}
 * @param newNick for a nick change ({@link Kind#LEFT} with 303), the new nick
 */
public record OccupantEvent(Kind kind, Occupant occupant, Set<Integer> statusCodes, @Nullable String reason,
                            @Nullable String newNick) {

    /** The kinds of change. */
    public enum Kind {
        /** The occupant entered (or came back under a new nick). */
        JOINED,
        /** The occupant left, was kicked, banned, removed, or changed nick (303). */
        LEFT,
        /** Role, affiliation or presence (show, status) changed. */
        CHANGED
    }

    public OccupantEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(occupant, "occupant");
        statusCodes = Set.copyOf(statusCodes);
    }

    /** @param code a status code @return whether the presence carried it */
    public boolean has(int code) {
        return statusCodes.contains(code);
    }

    /** @return whether this is about ourselves (status 110) */
    public boolean self() {
        return has(MucUser.SELF);
    }

    public Optional<String> reasonText() {
        return Optional.ofNullable(reason);
    }
}
