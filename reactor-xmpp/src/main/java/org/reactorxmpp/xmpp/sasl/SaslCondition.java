package org.reactorxmpp.xmpp.sasl;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Why SASL authentication failed: the RFC 6120 section 6.5 conditions a server reports in
 * {@code <failure/>}, {@link #UNKNOWN} for a condition this library does not know, and conditions
 * the client raises itself when the server's side of the exchange is unacceptable.
 */
public enum SaslCondition {

    /** RFC 6120 6.5.1: the exchange was aborted. */
    ABORTED("aborted"),
    /** RFC 6120 6.5.2: the account is disabled. */
    ACCOUNT_DISABLED("account-disabled"),
    /** RFC 6120 6.5.3: the credentials expired. */
    CREDENTIALS_EXPIRED("credentials-expired"),
    /** RFC 6120 6.5.4: the mechanism requires an encrypted stream. */
    ENCRYPTION_REQUIRED("encryption-required"),
    /** RFC 6120 6.5.5: the client's data was not correctly base64-encoded. */
    INCORRECT_ENCODING("incorrect-encoding"),
    /** RFC 6120 6.5.6: the authorization identity is invalid or not permitted. */
    INVALID_AUTHZID("invalid-authzid"),
    /** RFC 6120 6.5.7: the server does not support the requested mechanism. */
    INVALID_MECHANISM("invalid-mechanism"),
    /** RFC 6120 6.5.8: the request was malformed. */
    MALFORMED_REQUEST("malformed-request"),
    /** RFC 6120 6.5.9: the mechanism is weaker than server policy allows for this account. */
    MECHANISM_TOO_WEAK("mechanism-too-weak"),
    /** RFC 6120 6.5.10: wrong credentials (or an unknown user). */
    NOT_AUTHORIZED("not-authorized"),
    /** RFC 6120 6.5.11: a temporary server-side error; trying again later may succeed. */
    TEMPORARY_AUTH_FAILURE("temporary-auth-failure"),
    /** The server reported a condition that this library does not know. */
    UNKNOWN(null),

    /** Client side: the server failed mutual authentication (wrong or missing SCRAM {@code v=} or DIGEST-MD5 {@code rspauth}). */
    SERVER_SIGNATURE_MISMATCH(null),
    /** Client side: a challenge could not be parsed or came when none was expected. */
    MALFORMED_CHALLENGE(null),
    /** Client side: a well-formed challenge asks for something this client refuses (foreign nonce, iteration count out of bounds, unsupported qop or mandatory extension). */
    UNACCEPTABLE_CHALLENGE(null),
    /** Client side: the server reported an error inside the mechanism (SCRAM {@code e=}). */
    SERVER_ERROR(null),
    /** Client side: none of the enabled mechanisms is offered by the server and allowed on this transport. */
    NO_ACCEPTABLE_MECHANISM(null);

    private final @Nullable String elementName;

    SaslCondition(@Nullable String elementName) {
        this.elementName = elementName;
    }

    /** @return the RFC 6120 element name (e.g. {@code not-authorized}); empty for client-side conditions and {@link #UNKNOWN} */
    public Optional<String> elementName() {
        return Optional.ofNullable(elementName);
    }

    /** @return whether this condition comes from a server's {@code <failure/>} (including {@link #UNKNOWN}) */
    public boolean isServerCondition() {
        return elementName != null || this == UNKNOWN;
    }

    /**
     * The condition for an RFC 6120 element name.
     *
     * @param elementName the local name of the condition element
     * @return the condition, {@link #UNKNOWN} when the name is not an RFC 6120 condition
     */
    public static SaslCondition fromElementName(String elementName) {
        for (SaslCondition c : values()) {
            if (elementName.equals(c.elementName)) {
                return c;
            }
        }
        return UNKNOWN;
    }
}
