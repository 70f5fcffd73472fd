package org.reactorxmpp.xmpp.sasl;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Source of client nonces. Package-private.
 *
 * <p>Uses a DRBG seeded once when this class initialises, so that later nonces are pure computation
 * and never read the OS entropy device on an event-loop thread.
 */
final class SaslRandom {

    private static final SecureRandom RANDOM = create();

    private SaslRandom() {
    }

    private static SecureRandom create() {
        SecureRandom random;
        try {
            random = SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            random = new SecureRandom();
        }
        random.nextBytes(new byte[1]); // seed now, not on the first nonce
        return random;
    }

    /** @return a nonce of {@code bytes} random bytes in base64: printable, never a comma or quote */
    static String nonce(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }
}
