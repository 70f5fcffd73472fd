package org.reactorxmpp.xmpp.sasl;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * PLAIN (RFC 4616): {@code [authzid] NUL authcid NUL passwd} in UTF-8. Sends the password in clear,
 * so only over an encrypted transport unless the application allows otherwise. Package-private;
 * obtain it from {@link SaslMechanisms#plain()}.
 */
final class PlainMechanism implements SaslMechanism {

    static final String NAME = "PLAIN";
    static final PlainMechanism INSTANCE = new PlainMechanism();

    private PlainMechanism() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean sendsPasswordInClear() {
        return true;
    }

    @Override
    public SaslExchange start(SaslCredentials credentials) {
        String authcid = credentials.username()
            .orElseThrow(() -> new IllegalArgumentException("PLAIN needs a username"));
        if (!credentials.hasPassword()) {
            throw new IllegalArgumentException("PLAIN needs a password");
        }
        char[] password = credentials.passwordView();
        if (password.length == 0) {
            throw new IllegalArgumentException("PLAIN needs a non-empty password");
        }
        for (char c : password) {
            if (c == '\0') {
                throw new IllegalArgumentException("PLAIN cannot carry a password containing NUL");
            }
        }
        String authzid = credentials.authzid().orElse("");
        if (authcid.indexOf('\0') >= 0 || authzid.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("PLAIN cannot carry an identity containing NUL");
        }
        byte[] z = SaslText.utf8(authzid);
        byte[] c = SaslText.utf8(authcid);
        byte[] p = SaslText.encode(password, StandardCharsets.UTF_8);
        byte[] message = new byte[z.length + 1 + c.length + 1 + p.length];
        System.arraycopy(z, 0, message, 0, z.length);
        System.arraycopy(c, 0, message, z.length + 1, c.length);
        System.arraycopy(p, 0, message, z.length + 1 + c.length + 1, p.length);
        Arrays.fill(p, (byte) 0);
        return new InitialResponseExchange(NAME, message);
    }

    @Override
    public String toString() {
        return NAME;
    }
}
