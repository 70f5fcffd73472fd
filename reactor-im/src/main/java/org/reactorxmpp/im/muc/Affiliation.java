package org.reactorxmpp.im.muc;

import org.jspecify.annotations.Nullable;

/** A user's long-lived affiliation with a room (XEP-0045 5.2), with {@link #UNKNOWN} for a value not in the XEP. */
public enum Affiliation {
    OWNER("owner"),
    ADMIN("admin"),
    MEMBER("member"),
    /** Banned. */
    OUTCAST("outcast"),
    NONE("none"),
    UNKNOWN("");

    private final String value;

    Affiliation(String value) {
        this.value = value;
    }

    /** @return the attribute value */
    public String value() {
        return value;
    }

    /** @param value an {@code affiliation} attribute @return the affiliation; {@link #NONE} when absent */
    public static Affiliation of(@Nullable String value) {
        if (value == null) {
            return NONE;
        }
        for (Affiliation a : values()) {
            if (a != UNKNOWN && a.value.equals(value)) {
                return a;
            }
        }
        return UNKNOWN;
    }
}
