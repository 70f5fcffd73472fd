package org.reactorxmpp.im.muc;

import org.jspecify.annotations.Nullable;

/** An occupant's role in a room (XEP-0045 5.1), with {@link #UNKNOWN} for a value not in the XEP. */
public enum Role {
    MODERATOR("moderator"),
    PARTICIPANT("participant"),
    VISITOR("visitor"),
    /** No role: not in the room (an occupant leaving, or kicked). */
    NONE("none"),
    UNKNOWN("");

    private final String value;

    Role(String value) {
        this.value = value;
    }

    /** @return the attribute value */
    public String value() {
        return value;
    }

    /** @param value a {@code role} attribute @return the role; {@link #NONE} when absent */
    public static Role of(@Nullable String value) {
        if (value == null) {
            return NONE;
        }
        for (Role r : values()) {
            if (r != UNKNOWN && r.value.equals(value)) {
                return r;
            }
        }
        return UNKNOWN;
    }
}
