package org.reactorxmpp.xmpp.sasl;

import java.util.Optional;

/**
 * One authentication attempt with one mechanism. Single use and not thread-safe: the session calls
 * it from one place, in protocol order.
 *
 * <p>Byte arrays returned here may contain secrets (the {@code PLAIN} response carries the password);
 * the caller should send them and then zero them. They are always fresh copies.
 *
 * <p>After any method threw a {@link SaslException} the exchange is failed and further calls throw
 * {@link IllegalStateException}.
 */
public interface SaslExchange {

    /**
     * The data to send with {@code <auth/>}.
     *
     * @return empty when the mechanism starts without an initial response (the server challenges
     *     first); an empty array means an empty initial response, sent as {@code =} in XMPP
     */
    Optional<byte[]> initialResponse();

    /**
     * Answers a server challenge.
     *
     * @param challenge the decoded bytes of a {@code <challenge/>} (empty for an empty challenge)
     * @return the bytes to send in {@code <response/>}, possibly empty
     * @throws SaslException when the challenge is malformed, unexpected at this point, fails
     *     verification, or asks for something this client refuses; the exchange must be aborted
     */
    byte[] respond(byte[] challenge);

    /**
     * Completes the exchange on {@code <success/>}. Mechanisms with mutual authentication verify
     * the server here (SCRAM: the {@code v=} server signature; DIGEST-MD5: {@code rspauth}), taken
     * from the success data or from a final challenge seen earlier through {@link #respond(byte[])}.
     *
     * @param successData the decoded additional data of {@code <success/>}, empty when there was none
     * @throws SaslException when the server could not prove it knows the credentials
     *     ({@link SaslCondition#SERVER_SIGNATURE_MISMATCH}) or sent data the mechanism does not
     *     allow; the session must then treat the stream as not authenticated
     */
    void complete(Optional<byte[]> successData);
}
