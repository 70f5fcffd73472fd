package org.reactorxmpp.im.forms;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.XmppException;

/**
 * A data form was used in a way its fields do not allow: a field that does not exist, several values for a
 * single-valued field, a value that is not a boolean or a JID where the field's type requires one, or a
 * form of the wrong type for the step. (Malformed forms received from the wire are
 * {@link org.reactorxmpp.xmpp.extension.ExtensionDecodeException}s from {@link DataForm#CODEC}.)
 */
public final class DataFormException extends XmppException {

    private static final long serialVersionUID = 1L;

    private final @Nullable String field;

    /**
     * @param field the field concerned ({@code var}), or {@code null}
     * @param message what is wrong
     */
    public DataFormException(@Nullable String field, String message) {
        super(field == null ? message : "field '" + field + "': " + message);
        this.field = field;
    }

    /** @return the field concerned ({@code var}), or {@code null} */
    public @Nullable String field() {
        return field;
    }
}
