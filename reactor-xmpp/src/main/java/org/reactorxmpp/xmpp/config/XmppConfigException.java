package org.reactorxmpp.xmpp.config;

import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.XmppException;

/**
 * A client configuration could not be read: malformed JSON, an unknown key or a bad value. The
 * message names the key; {@link #key()} gives it to code.
 */
public final class XmppConfigException extends XmppException {

    private static final long serialVersionUID = 1L;

    private final @Nullable String key;

    /**
     * @param key the offending key, or {@code null} when the problem is not tied to one key
     * @param message what is wrong
     * @param cause the underlying error, or {@code null}
     */
    public XmppConfigException(@Nullable String key, String message, @Nullable Throwable cause) {
        super(message);
        if (cause != null) {
            initCause(cause);
        }
        this.key = key;
    }

    /** @return the offending key, empty for malformed JSON */
    public Optional<String> key() {
        return Optional.ofNullable(key);
    }
}
