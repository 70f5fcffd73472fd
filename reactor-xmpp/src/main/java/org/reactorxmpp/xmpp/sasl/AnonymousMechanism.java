package org.reactorxmpp.xmpp.sasl;

import org.jspecify.annotations.Nullable;

/**
 * ANONYMOUS (RFC 4505): an initial response carrying the optional trace information (an email
 * address or an opaque token of 1 to 255 characters). Ignores the credentials. Package-private;
 * obtain it from {@link SaslMechanisms#anonymous()}.
 */
final class AnonymousMechanism implements SaslMechanism {

    static final String NAME = "ANONYMOUS";

    private final @Nullable String trace;

    AnonymousMechanism(@Nullable String trace) {
        if (trace != null) {
            int length = trace.codePointCount(0, trace.length());
            if (length < 1 || length > 255) {
                throw new IllegalArgumentException("ANONYMOUS trace must have 1 to 255 characters, not " + length);
            }
            if (trace.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("ANONYMOUS trace must not contain NUL");
            }
        }
        this.trace = trace;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean sendsPasswordInClear() {
        return false;
    }

    @Override
    public SaslExchange start(SaslCredentials credentials) {
        return new InitialResponseExchange(NAME, trace == null ? new byte[0] : SaslText.utf8(trace));
    }

    @Override
    public String toString() {
        return NAME;
    }
}
