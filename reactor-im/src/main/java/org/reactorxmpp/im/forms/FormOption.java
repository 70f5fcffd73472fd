package org.reactorxmpp.im.forms;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One choice of a {@code list-single} or {@code list-multi} field.
 *
 * @param label what a user sees, or {@code null}
 * @param value the value submitted when chosen
 */
public record FormOption(@Nullable String label, String value) {

    public FormOption {
        Objects.requireNonNull(value, "value");
    }

    /**
     * @param value the value, also the label
     * @return an option without label
     */
    public static FormOption of(String value) {
        return new FormOption(null, value);
    }
}
