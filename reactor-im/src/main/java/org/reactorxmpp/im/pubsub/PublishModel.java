package org.reactorxmpp.im.pubsub;

import org.jspecify.annotations.Nullable;

/** {@code pubsub#publish_model}: who may publish. */
public enum PublishModel {
    PUBLISHERS("publishers"), SUBSCRIBERS("subscribers"), OPEN("open"),
    /** A value this library does not know. */
    UNKNOWN("");

    private final String value;

    PublishModel(String value) {
        this.value = value;
    }

    /** @return the value on the wire */
    public String value() {
        return value;
    }

    /** @param value a wire value @return the model, {@link #UNKNOWN} for others */
    public static PublishModel of(@Nullable String value) {
        for (PublishModel m : values()) {
            if (!m.value.isEmpty() && m.value.equals(value)) {
                return m;
            }
        }
        return UNKNOWN;
    }
}
