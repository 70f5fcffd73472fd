package org.reactorxmpp.im.forms;

import org.jspecify.annotations.Nullable;

/** The XEP-0004 field types, with {@link #UNKNOWN} for a type this library does not know. */
public enum FieldType {
    BOOLEAN("boolean"),
    FIXED("fixed"),
    HIDDEN("hidden"),
    JID_MULTI("jid-multi"),
    JID_SINGLE("jid-single"),
    LIST_MULTI("list-multi"),
    LIST_SINGLE("list-single"),
    TEXT_MULTI("text-multi"),
    TEXT_PRIVATE("text-private"),
    TEXT_SINGLE("text-single"),
    /** A type from a later specification; the field's values are kept as text. */
    UNKNOWN("");

    private final String value;

    FieldType(String value) {
        this.value = value;
    }

    /** @return the {@code type} attribute value; empty for {@link #UNKNOWN} */
    public String value() {
        return value;
    }

    /** @return whether a field of this type may carry several values */
    public boolean isMulti() {
        return this == JID_MULTI || this == LIST_MULTI || this == TEXT_MULTI || this == UNKNOWN;
    }

    /**
     * @param value a {@code type} attribute value
     * @return the type; {@link #TEXT_SINGLE} when absent (the XEP-0004 default), {@link #UNKNOWN} when not known
     */
    public static FieldType of(@Nullable String value) {
        if (value == null) {
            return TEXT_SINGLE;
        }
        for (FieldType t : values()) {
            if (t != UNKNOWN && t.value.equals(value)) {
                return t;
            }
        }
        return UNKNOWN;
    }
}
