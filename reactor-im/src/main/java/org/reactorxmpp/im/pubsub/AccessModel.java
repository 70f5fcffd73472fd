package org.reactorxmpp.im.pubsub;

import org.jspecify.annotations.Nullable;

/** {@code pubsub#access_model}: who may subscribe and retrieve items. */
public enum AccessModel {
    OPEN("open"), PRESENCE("presence"), ROSTER("roster"), AUTHORIZE("authorize"), WHITELIST("whitelist"),
    /** A value this library does not know. */
    UNKNOWN("");

    private final String value;

    AccessModel(String value) {
        this.value = value;
    }

    /** @return the value on the wire */
    public String value() {
        return value;
    }

    /** @param value a wire value @return the model, {@link #UNKNOWN} for others */
    public static AccessModel of(@Nullable String value) {
        for (AccessModel m : values()) {
            if (!m.value.isEmpty() && m.value.equals(value)) {
                return m;
            }
        }
        return UNKNOWN;
    }
}
