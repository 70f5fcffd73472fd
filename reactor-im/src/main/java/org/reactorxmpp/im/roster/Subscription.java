package org.reactorxmpp.im.roster;

import org.jspecify.annotations.Nullable;

/** The subscription state of a roster item (RFC 6121 section 2.1.2.5). */
public enum Subscription {
    /** Neither the user nor the contact is subscribed to the other's presence. */
    NONE("none"),
    /** The user is subscribed to the contact's presence. */
    TO("to"),
    /** The contact is subscribed to the user's presence. */
    FROM("from"),
    /** Both are subscribed to each other's presence. */
    BOTH("both"),
    /** Only in a roster set or push: the item is removed. */
    REMOVE("remove"),
    /** A value this library does not know. */
    UNKNOWN("");

    private final String value;

    Subscription(String value) {
        this.value = value;
    }

    /** @return the attribute value */
    public String value() {
        return value;
    }

    /** @return whether the user receives the contact's presence ({@link #TO} or {@link #BOTH}) */
    public boolean isTo() {
        return this == TO || this == BOTH;
    }

    /** @return whether the contact receives the user's presence ({@link #FROM} or {@link #BOTH}) */
    public boolean isFrom() {
        return this == FROM || this == BOTH;
    }

    /**
     * @param value the attribute value, or {@code null} when absent (meaning {@link #NONE})
     * @return the subscription, {@link #UNKNOWN} when not recognised
     */
    public static Subscription of(@Nullable String value) {
        if (value == null) {
            return NONE;
        }
        for (Subscription s : values()) {
            if (s != UNKNOWN && s.value.equals(value)) {
                return s;
            }
        }
        return UNKNOWN;
    }
}
