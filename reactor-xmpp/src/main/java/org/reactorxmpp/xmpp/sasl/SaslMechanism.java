package org.reactorxmpp.xmpp.sasl;

/**
 * A client-side SASL mechanism: a stateless, thread-safe factory of {@link SaslExchange}s.
 *
 * <p>Instances come from {@link SaslMechanisms} (or {@link ScramMechanism} for tuned SCRAM limits);
 * applications may implement their own (for example a token mechanism) and hand them to
 * {@link SaslMechanismSelector.Builder#mechanisms(java.util.List)}.
 *
 * <pre>{@code
 * SaslExchange exchange = SaslMechanisms.scramSha256().start(credentials);
 * exchange.initialResponse();          // bytes for <auth mechanism='SCRAM-SHA-256'>
 * byte[] answer = exchange.respond(c); // for each <challenge/>
 * exchange.complete(successData);      // on <success/>: verifies the server's signature
 * }</pre>
 */
public interface SaslMechanism {

    /** @return the registered mechanism name, for example {@code SCRAM-SHA-256} */
    String name();

    /**
     * Whether the mechanism puts the password (or an equivalent) on the wire in a form a passive
     * observer can read, as {@code PLAIN} does. The session refuses such mechanisms over an
     * unencrypted transport unless the application allowed it explicitly.
     *
     * @return {@code true} for mechanisms that need a confidential transport
     */
    boolean sendsPasswordInClear();

    /**
     * Starts one authentication attempt.
     *
     * @param credentials who authenticates, with what secret, against which service
     * @return a new single-use exchange
     * @throws IllegalArgumentException when the credentials cannot be used by this mechanism (for
     *     example no password for a password-based mechanism); the message names what is missing
     * @throws IllegalStateException when the mechanism needs the password and the credentials were
     *     already {@linkplain SaslCredentials#destroy() destroyed}
     */
    SaslExchange start(SaslCredentials credentials);
}
