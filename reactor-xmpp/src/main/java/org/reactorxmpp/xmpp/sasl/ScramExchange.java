package org.reactorxmpp.xmpp.sasl;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * The client side of one SCRAM exchange (RFC 5802 section 3). Package-private; see {@link ScramMechanism}.
 *
 * <p>Secrets live only as long as needed: the normalized password, SaltedPassword, ClientKey and
 * ServerKey are zeroed as soon as the client proof and the expected server signature are computed.
 */
final class ScramExchange implements SaslExchange {

    private static final int MAX_CHALLENGE_BYTES = 8192;

    private enum State { AWAITING_SERVER_FIRST, AWAITING_SERVER_FINAL, VERIFIED, FAILED }

    private final ScramMechanism mechanism;
    private final String name;
    private final String clientNonce;
    private final String gs2Header;
    private final String clientFirstBare;
    private char[] password;
    private byte[] expectedServerSignature = new byte[0];
    private State state = State.AWAITING_SERVER_FIRST;

    ScramExchange(ScramMechanism mechanism, SaslCredentials credentials, String clientNonce) {
        this.mechanism = mechanism;
        this.name = mechanism.name();
        String username = credentials.username()
            .orElseThrow(() -> new IllegalArgumentException(name + " needs a username"));
        if (!credentials.hasPassword()) {
            throw new IllegalArgumentException(name + " needs a password");
        }
        char[] view = credentials.passwordView();
        if (view.length == 0) {
            throw new IllegalArgumentException(name + " needs a non-empty password");
        }
        if (clientNonce.isEmpty() || !isPrintable(clientNonce)) {
            throw new IllegalArgumentException(name + ": a client nonce must be printable ASCII without ','");
        }
        this.clientNonce = clientNonce;
        this.gs2Header = "n," + credentials.authzid().map(a -> "a=" + SaslText.scramName(a)).orElse("") + ",";
        this.clientFirstBare = "n=" + SaslText.scramName(username) + ",r=" + clientNonce;
        this.password = view.clone();
    }

    @Override
    public Optional<byte[]> initialResponse() {
        return Optional.of(SaslText.utf8(gs2Header + clientFirstBare));
    }

    @Override
    public byte[] respond(byte[] challenge) {
        try {
            switch (state) {
                case AWAITING_SERVER_FIRST:
                    return clientFinal(challenge);
                case AWAITING_SERVER_FINAL:
                    verifyServerFinal(challenge);
                    return new byte[0];
                case VERIFIED:
                    throw fail(SaslCondition.MALFORMED_CHALLENGE, "challenge after the server final message");
                default:
                    throw new IllegalStateException(name + " exchange already failed");
            }
        } catch (SaslException e) {
            abort();
            throw e;
        }
    }

    @Override
    public void complete(Optional<byte[]> successData) {
        try {
            switch (state) {
                case AWAITING_SERVER_FIRST:
                    throw fail(SaslCondition.SERVER_SIGNATURE_MISMATCH,
                        "the server reported success before proving that it knows the password");
                case AWAITING_SERVER_FINAL:
                    if (successData.isEmpty() || successData.get().length == 0) {
                        throw fail(SaslCondition.SERVER_SIGNATURE_MISMATCH,
                            "the server reported success without a server signature");
                    }
                    verifyServerFinal(successData.get());
                    return;
                case VERIFIED:
                    // the server final message came as a challenge; success may repeat it
                    if (successData.isPresent() && successData.get().length > 0) {
                        verifyServerFinal(successData.get());
                    }
                    return;
                default:
                    throw new IllegalStateException(name + " exchange already failed");
            }
        } catch (SaslException e) {
            abort();
            throw e;
        }
    }

    private byte[] clientFinal(byte[] challenge) {
        List<String[]> attributes = parse(challenge);
        String serverFirst = SaslText.decodeUtf8(challenge, name);
        String first = attributes.get(0)[0];
        if (first.equals("e")) {
            throw serverError(attributes.get(0)[1]);
        }
        if (first.equals("m")) {
            throw fail(SaslCondition.UNACCEPTABLE_CHALLENGE, "the server requires an unsupported mandatory extension (m=)");
        }
        if (attributes.size() < 3 || !first.equals("r") || !attributes.get(1)[0].equals("s")
            || !attributes.get(2)[0].equals("i")) {
            throw fail(SaslCondition.MALFORMED_CHALLENGE, "server first message must start with r=, s=, i=");
        }
        String nonce = attributes.get(0)[1];
        if (!isPrintable(nonce)) {
            throw fail(SaslCondition.MALFORMED_CHALLENGE, "server nonce has characters outside printable ASCII");
        }
        if (!nonce.startsWith(clientNonce) || nonce.length() == clientNonce.length()) {
            throw fail(SaslCondition.UNACCEPTABLE_CHALLENGE, "server nonce does not extend the client nonce");
        }
        byte[] salt;
        try {
            salt = Base64.getDecoder().decode(attributes.get(1)[1]);
        } catch (IllegalArgumentException e) {
            throw fail(SaslCondition.MALFORMED_CHALLENGE, "salt is not valid base64");
        }
        if (salt.length == 0) {
            throw fail(SaslCondition.MALFORMED_CHALLENGE, "empty salt");
        }
        int iterations = iterations(attributes.get(2)[1]);

        String clientFinalWithoutProof = "c=" + Base64.getEncoder().encodeToString(SaslText.utf8(gs2Header))
            + ",r=" + nonce;
        byte[] authMessage = SaslText.utf8(clientFirstBare + "," + serverFirst + "," + clientFinalWithoutProof);

        byte[] normalized = SaslText.saslPrepPassword(password);
        Arrays.fill(password, '\0');
        byte[] saltedPassword = null;
        byte[] clientKey = null;
        byte[] serverKey = null;
        try {
            saltedPassword = hi(normalized, salt, iterations);
            clientKey = hmac(saltedPassword, SaslText.utf8("Client Key"));
            byte[] storedKey = MessageDigest.getInstance(mechanism.digestAlgorithm()).digest(clientKey);
            byte[] proof = hmac(storedKey, authMessage);
            for (int i = 0; i < proof.length; i++) {
                proof[i] ^= clientKey[i];
            }
            serverKey = hmac(saltedPassword, SaslText.utf8("Server Key"));
            expectedServerSignature = hmac(serverKey, authMessage);
            state = State.AWAITING_SERVER_FINAL;
            return SaslText.utf8(clientFinalWithoutProof + ",p=" + Base64.getEncoder().encodeToString(proof));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(name + ": the JDK lacks " + mechanism.hmacAlgorithm(), e);
        } finally {
            Arrays.fill(normalized, (byte) 0);
            zero(saltedPassword);
            zero(clientKey);
            zero(serverKey);
        }
    }

    private void verifyServerFinal(byte[] data) {
        List<String[]> attributes = parse(data);
        String[] first = attributes.get(0);
        if (first[0].equals("e")) {
            throw serverError(first[1]);
        }
        if (!first[0].equals("v")) {
            throw fail(SaslCondition.SERVER_SIGNATURE_MISMATCH, "the server final message has no server signature (v=)");
        }
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(first[1]);
        } catch (IllegalArgumentException e) {
            throw fail(SaslCondition.SERVER_SIGNATURE_MISMATCH, "the server signature is not valid base64");
        }
        if (!MessageDigest.isEqual(signature, expectedServerSignature)) {
            throw fail(SaslCondition.SERVER_SIGNATURE_MISMATCH,
                "wrong server signature: the server does not know the password (or someone is in between)");
        }
        state = State.VERIFIED;
    }

    private int iterations(String value) {
        if (value.isEmpty() || value.length() > 10 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw fail(SaslCondition.MALFORMED_CHALLENGE, "iteration count is not a positive decimal number");
        }
        long count = Long.parseLong(value);
        if (count < mechanism.minIterations() || count > mechanism.maxIterations()) {
            throw fail(SaslCondition.UNACCEPTABLE_CHALLENGE, "iteration count " + count + " is outside the accepted range "
                + mechanism.minIterations() + ".." + mechanism.maxIterations());
        }
        return (int) count;
    }

    /** Splits a server message into attribute name and value pairs, in order. */
    private List<String[]> parse(byte[] data) {
        if (data.length > MAX_CHALLENGE_BYTES) {
            throw fail(SaslCondition.MALFORMED_CHALLENGE, "server message longer than " + MAX_CHALLENGE_BYTES + " bytes");
        }
        String message = SaslText.decodeUtf8(data, name);
        List<String[]> attributes = new ArrayList<>();
        for (String part : message.split(",", -1)) {
            if (part.length() < 2 || part.charAt(1) != '=' || !isAlpha(part.charAt(0))) {
                throw fail(SaslCondition.MALFORMED_CHALLENGE, "server message is not a list of attribute=value");
            }
            attributes.add(new String[] {part.substring(0, 1), part.substring(2)});
        }
        return attributes;
    }

    private byte[] hi(byte[] normalizedPassword, byte[] salt, int iterations) throws GeneralSecurityException {
        Mac mac = Mac.getInstance(mechanism.hmacAlgorithm());
        mac.init(new SecretKeySpec(normalizedPassword, mechanism.hmacAlgorithm()));
        mac.update(salt);
        mac.update(new byte[] {0, 0, 0, 1});
        byte[] u = mac.doFinal();
        byte[] result = u.clone();
        for (int i = 1; i < iterations; i++) {
            mac.update(u);
            mac.doFinal(u, 0);
            for (int j = 0; j < result.length; j++) {
                result[j] ^= u[j];
            }
        }
        Arrays.fill(u, (byte) 0);
        return result;
    }

    private byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance(mechanism.hmacAlgorithm());
        mac.init(new SecretKeySpec(key, mechanism.hmacAlgorithm()));
        return mac.doFinal(data);
    }

    private SaslException serverError(String value) {
        return new SaslException(SaslCondition.SERVER_ERROR,
            name + ": the server reported error '" + SaslText.printable(value, 64) + "'", value, null);
    }

    private SaslException fail(SaslCondition condition, String message) {
        return new SaslException(condition, name + ": " + message);
    }

    private void abort() {
        state = State.FAILED;
        Arrays.fill(password, '\0');
    }

    private static void zero(byte @Nullable [] b) {
        if (b != null) {
            Arrays.fill(b, (byte) 0);
        }
    }

    private static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** RFC 5802 {@code printable}: %x21-2B / %x2D-7E. */
    private static boolean isPrintable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x21 || c > 0x7E || c == ',') {
                return false;
            }
        }
        return true;
    }
}
