package org.reactorxmpp.xmpp.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScramMechanismTest {

    private static final String RFC5802_NONCE = "fyko+d2lbbFgONRv9qkxdawL";
    private static final String RFC5802_SERVER_FIRST =
        "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096";
    private static final String RFC5802_CLIENT_FINAL =
        "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=";
    private static final String RFC5802_SERVER_FINAL = "v=rmF9pqV8S7suAoZWja4dJRkFsKQ=";

    private static final String RFC7677_NONCE = "rOprNGfwEbeRWgbNEkqO";
    private static final String RFC7677_SERVER_FIRST =
        "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
    private static final String RFC7677_CLIENT_FINAL =
        "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
            + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
    private static final String RFC7677_SERVER_FINAL = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

    private static SaslCredentials user(String username, String password) {
        return SaslCredentials.builder().username(username).password(password.toCharArray()).host("example.com").build();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String string(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static SaslExchange rfc5802Exchange() {
        return ScramMechanism.sha1().withNonceSource(() -> RFC5802_NONCE).start(user("user", "pencil"));
    }

    @Test
    void rfc5802Section5Sha1Vector() {
        SaslExchange exchange = rfc5802Exchange();

        assertThat(string(exchange.initialResponse().orElseThrow())).isEqualTo("n,,n=user,r=" + RFC5802_NONCE);
        assertThat(string(exchange.respond(bytes(RFC5802_SERVER_FIRST)))).isEqualTo(RFC5802_CLIENT_FINAL);
        exchange.complete(Optional.of(bytes(RFC5802_SERVER_FINAL)));
    }

    @Test
    void rfc7677Section3Sha256Vector() {
        SaslExchange exchange = ScramMechanism.sha256().withNonceSource(() -> RFC7677_NONCE).start(user("user", "pencil"));

        assertThat(string(exchange.initialResponse().orElseThrow())).isEqualTo("n,,n=user,r=" + RFC7677_NONCE);
        assertThat(string(exchange.respond(bytes(RFC7677_SERVER_FIRST)))).isEqualTo(RFC7677_CLIENT_FINAL);
        exchange.complete(Optional.of(bytes(RFC7677_SERVER_FINAL)));
    }

    @Test
    void sha512ProofAndSignatureMatchAnIndependentComputation() throws Exception {
        String clientNonce = "3rCSn8Bbx2cCwgjVQCBzrQ";
        String serverFirst = "r=" + clientNonce + "Zk7pXq0Ue9sR4mTn,s=" + Base64.getEncoder().encodeToString(bytes("NaCl-salt-512"))
            + ",i=4096";
        SaslExchange exchange = ScramMechanism.sha512().withNonceSource(() -> clientNonce).start(user("user", "pencil"));
        exchange.initialResponse();
        String clientFinal = string(exchange.respond(bytes(serverFirst)));

        // RFC 5802 section 3, computed with the JDK's PBKDF2 rather than the client's own Hi()
        byte[] salted = ScramTestServer.saltedPassword("SHA-512", "pencil".toCharArray(), bytes("NaCl-salt-512"), 4096);
        byte[] clientKey = ScramTestServer.hmac("SHA-512", salted, "Client Key");
        byte[] storedKey = MessageDigest.getInstance("SHA-512").digest(clientKey);
        String withoutProof = "c=biws,r=" + clientNonce + "Zk7pXq0Ue9sR4mTn";
        String authMessage = "n=user,r=" + clientNonce + "," + serverFirst + "," + withoutProof;
        byte[] clientSignature = ScramTestServer.hmac("SHA-512", storedKey, authMessage);
        byte[] proof = new byte[64];
        for (int i = 0; i < proof.length; i++) {
            proof[i] = (byte) (clientKey[i] ^ clientSignature[i]);
        }
        byte[] serverSignature = ScramTestServer.hmac("SHA-512", ScramTestServer.hmac("SHA-512", salted, "Server Key"), authMessage);

        assertThat(clientFinal).isEqualTo(withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof));
        exchange.complete(Optional.of(bytes("v=" + Base64.getEncoder().encodeToString(serverSignature))));
    }

    static Stream<Arguments> mechanisms() {
        return Stream.of(
            Arguments.of(SaslMechanisms.scramSha1(), "SHA-1"),
            Arguments.of(SaslMechanisms.scramSha256(), "SHA-256"),
            Arguments.of(SaslMechanisms.scramSha512(), "SHA-512"));
    }

    @ParameterizedTest
    @MethodSource("mechanisms")
    void fullExchangeAgainstAnRfcServer(ScramMechanism mechanism, String hash) throws Exception {
        ScramTestServer server = new ScramTestServer(hash, "juliet", "r0m30myr0m30".toCharArray(),
            bytes("some salt"), 4096, "srv-nonce-part");
        SaslExchange exchange = mechanism.start(user("juliet", "r0m30myr0m30"));

        String serverFirst = server.serverFirst(string(exchange.initialResponse().orElseThrow()));
        String serverFinal = server.serverFinal(string(exchange.respond(bytes(serverFirst))));

        assertThat(serverFinal).startsWith("v=");
        exchange.complete(Optional.of(bytes(serverFinal)));
        assertThat(server.receivedAuthzid).isNull();
    }

    @ParameterizedTest
    @MethodSource("mechanisms")
    void fullExchangeWithAuthzidEscapedNamesAndTheFinalMessageAsAChallenge(ScramMechanism mechanism, String hash)
        throws Exception {
        ScramTestServer server = new ScramTestServer(hash, "a=b,c", "pässwörd".toCharArray(), bytes("salt"), 4096, "xyz");
        SaslCredentials credentials = SaslCredentials.builder().username("a=b,c").authzid("boss=1,x@example.com")
            .password("pässwörd".toCharArray()).host("example.com").build();
        SaslExchange exchange = mechanism.start(credentials);

        String clientFirst = string(exchange.initialResponse().orElseThrow());
        assertThat(clientFirst).startsWith("n,a=boss=3D1=2Cx@example.com,n=a=3Db=2Cc,r=");
        String serverFinal = server.serverFinal(string(exchange.respond(bytes(server.serverFirst(clientFirst)))));

        // XMPP allows the server final message as a challenge, followed by an empty success
        assertThat(exchange.respond(bytes(serverFinal))).isEmpty();
        exchange.complete(Optional.empty());
        assertThat(server.receivedAuthzid).isEqualTo("boss=1,x@example.com");
    }

    @Test
    void wrongPasswordIsRejectedByTheServer() throws Exception {
        ScramTestServer server = new ScramTestServer("SHA-256", "juliet", "right".toCharArray(), bytes("salt"), 4096, "n");
        SaslExchange exchange = SaslMechanisms.scramSha256().start(user("juliet", "wrong"));

        String serverFirst = server.serverFirst(string(exchange.initialResponse().orElseThrow()));
        String serverFinal = server.serverFinal(string(exchange.respond(bytes(serverFirst))));

        assertThat(serverFinal).isEqualTo("e=invalid-proof");
        SaslException e = catchThrowableOfType(SaslException.class, () -> exchange.complete(Optional.of(bytes(serverFinal))));
        assertThat(e.condition()).isEqualTo(SaslCondition.SERVER_ERROR);
        assertThat(e.text()).contains("invalid-proof");
        assertThat(e.getMessage()).contains("invalid-proof").doesNotContain("wrong");
    }

    @Test
    void wrongServerSignatureIsAMismatch() {
        SaslExchange exchange = rfc5802Exchange();
        exchange.initialResponse();
        exchange.respond(bytes(RFC5802_SERVER_FIRST));

        SaslException e = catchThrowableOfType(SaslException.class,
            () -> exchange.complete(Optional.of(bytes("v=AAAAAAAAAAAAAAAAAAAAAAAAAAA="))));

        assertThat(e.condition()).isEqualTo(SaslCondition.SERVER_SIGNATURE_MISMATCH);
        assertThat(e.getMessage()).doesNotContain("pencil");
        assertThatThrownBy(() -> exchange.complete(Optional.of(bytes(RFC5802_SERVER_FINAL))))
            .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void wrongServerSignatureInAFinalChallengeIsAMismatch() {
        SaslExchange exchange = rfc5802Exchange();
        exchange.respond(bytes(RFC5802_SERVER_FIRST));

        assertThatThrownBy(() -> exchange.respond(bytes("v=rmF9pqV8S7suAoZWja4dJRkFsKM=")))
            .isInstanceOfSatisfying(SaslException.class,
                e -> assertThat(e.condition()).isEqualTo(SaslCondition.SERVER_SIGNATURE_MISMATCH));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x=abc", "v=not*base64"})
    void successWithoutAValidSignatureIsAMismatch(String data) {
        SaslExchange exchange = rfc5802Exchange();
        exchange.respond(bytes(RFC5802_SERVER_FIRST));

        assertThatThrownBy(() -> exchange.complete(data.isEmpty() ? Optional.empty() : Optional.of(bytes(data))))
            .isInstanceOfSatisfying(SaslException.class,
                e -> assertThat(e.condition()).isEqualTo(SaslCondition.SERVER_SIGNATURE_MISMATCH));
    }

    @Test
    void successBeforeAnyChallengeIsAMismatch() {
        SaslExchange exchange = rfc5802Exchange();
        exchange.initialResponse();

        assertThatThrownBy(() -> exchange.complete(Optional.empty()))
            .isInstanceOfSatisfying(SaslException.class,
                e -> assertThat(e.condition()).isEqualTo(SaslCondition.SERVER_SIGNATURE_MISMATCH));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "r=someoneelsesnonce3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096",
        "r=fyko+d2lbbFgONRv9qkxdawL,s=QSXCR+Q6sek8bf92,i=4096",
        "r=fyko+d2lbbFgONR,s=QSXCR+Q6sek8bf92,i=4096"})
    void serverNonceMustExtendTheClientNonce(String serverFirst) {
        assertThatThrownBy(() -> rfc5802Exchange().respond(bytes(serverFirst)))
            .isInstanceOfSatisfying(SaslException.class, e -> {
                assertThat(e.condition()).isEqualTo(SaslCondition.UNACCEPTABLE_CHALLENGE);
                assertThat(e.getMessage()).contains("nonce");
            });
    }

    @Test
    void serverErrorInTheFirstMessage() {
        assertThatThrownBy(() -> rfc5802Exchange().respond(bytes("e=unknown-user")))
            .isInstanceOfSatisfying(SaslException.class, e -> {
                assertThat(e.condition()).isEqualTo(SaslCondition.SERVER_ERROR);
                assertThat(e.getMessage()).contains("unknown-user");
            });
    }

    @Test
    void serverErrorInTheFinalMessage() {
        SaslExchange exchange = rfc5802Exchange();
        exchange.respond(bytes(RFC5802_SERVER_FIRST));

        assertThatThrownBy(() -> exchange.respond(bytes("e=invalid-proof")))
            .isInstanceOfSatisfying(SaslException.class, e -> assertThat(e.condition()).isEqualTo(SaslCondition.SERVER_ERROR));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "4095", "1000001", "2147483647"})
    void iterationCountOutsideTheDefaultBoundsIsRefused(String count) {
        String serverFirst = "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=" + count;

        assertThatThrownBy(() -> rfc5802Exchange().respond(bytes(serverFirst)))
            .isInstanceOfSatisfying(SaslException.class, e -> {
                assertThat(e.condition()).isEqualTo(SaslCondition.UNACCEPTABLE_CHALLENGE);
                assertThat(e.getMessage()).contains("iteration count " + count);
            });
    }

    @Test
    void iterationLimitsAreConfigurable() {
        ScramMechanism strict = ScramMechanism.sha1().withIterationLimits(1, 4000).withNonceSource(() -> RFC5802_NONCE);
        assertThatThrownBy(() -> strict.start(user("user", "pencil")).respond(bytes(RFC5802_SERVER_FIRST)))
            .isInstanceOfSatisfying(SaslException.class,
                e -> assertThat(e.condition()).isEqualTo(SaslCondition.UNACCEPTABLE_CHALLENGE));

        ScramMechanism lenient = ScramMechanism.sha1().withIterationLimits(1, 10).withNonceSource(() -> RFC5802_NONCE);
        byte[] clientFinal = lenient.start(user("user", "pencil"))
            .respond(bytes("r=fyko+d2lbbFgONRv9qkxdawLX,s=QSXCR+Q6sek8bf92,i=2"));
        assertThat(string(clientFinal)).startsWith("c=biws,r=fyko+d2lbbFgONRv9qkxdawLX,p=");

        assertThatThrownBy(() -> ScramMechanism.sha1().withIterationLimits(0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScramMechanism.sha1().withIterationLimits(10, 9)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "garbage",
        "r=fyko+d2lbbFgONRv9qkxdawL3rfc,s=QSXCR+Q6sek8bf92",
        "s=QSXCR+Q6sek8bf92,r=fyko+d2lbbFgONRv9qkxdawL3rfc,i=4096",
        "r=fyko+d2lbbFgONRv9qkxdawL3rfc,s=!!!notbase64,i=4096",
        "r=fyko+d2lbbFgONRv9qkxdawL3rfc,s=,i=4096",
        "r=fyko+d2lbbFgONRv9qkxdawL3rfc,s=QSXCR+Q6sek8bf92,i=-5",
        "r=fyko+d2lbbFgONRv9qkxdawL3rfc,s=QSXCR+Q6sek8bf92,i=99999999999",
        "r=fyko+d2lbbFgONRv9qkxdawL3rfc\u00e9,s=QSXCR+Q6sek8bf92,i=4096"})
    void malformedServerFirstMessages(String serverFirst) {
        assertThatThrownBy(() -> rfc5802Exchange().respond(bytes(serverFirst)))
            .isInstanceOfSatisfying(SaslException.class,
                e -> assertThat(e.condition()).isEqualTo(SaslCondition.MALFORMED_CHALLENGE));
    }

    @Test
    void invalidUtf8IsMalformed() {
        assertThatThrownBy(() -> rfc5802Exchange().respond(new byte[] {'r', '=', (byte) 0xC3}))
            .isInstanceOfSatisfying(SaslException.class,
                e -> assertThat(e.condition()).isEqualTo(SaslCondition.MALFORMED_CHALLENGE));
    }

    @Test
    void mandatoryExtensionIsRefused() {
        assertThatThrownBy(() -> rfc5802Exchange().respond(bytes("m=ext," + RFC5802_SERVER_FIRST)))
            .isInstanceOfSatisfying(SaslException.class,
                e -> assertThat(e.condition()).isEqualTo(SaslCondition.UNACCEPTABLE_CHALLENGE));
    }

    @Test
    void aChallengeAfterVerificationIsMalformed() {
        SaslExchange exchange = rfc5802Exchange();
        exchange.respond(bytes(RFC5802_SERVER_FIRST));
        exchange.respond(bytes(RFC5802_SERVER_FINAL));

        assertThatThrownBy(() -> exchange.respond(bytes(RFC5802_SERVER_FINAL)))
            .isInstanceOfSatisfying(SaslException.class,
                e -> assertThat(e.condition()).isEqualTo(SaslCondition.MALFORMED_CHALLENGE));
    }

    @Test
    void randomNoncesDiffer() {
        SaslCredentials credentials = user("user", "pencil");
        String first = string(SaslMechanisms.scramSha1().start(credentials).initialResponse().orElseThrow());
        String second = string(SaslMechanisms.scramSha1().start(credentials).initialResponse().orElseThrow());

        assertThat(first).startsWith("n,,n=user,r=").hasSizeGreaterThan("n,,n=user,r=".length() + 16);
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void anExchangeStartedBeforeDestroyStillWorksButNoNewOneStarts() {
        SaslCredentials credentials = user("user", "pencil");
        SaslExchange exchange = ScramMechanism.sha1().withNonceSource(() -> RFC5802_NONCE).start(credentials);
        credentials.destroy();

        assertThat(string(exchange.respond(bytes(RFC5802_SERVER_FIRST)))).isEqualTo(RFC5802_CLIENT_FINAL);
        assertThatThrownBy(() -> SaslMechanisms.scramSha1().start(credentials)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void credentialsWithoutUsernameOrPasswordAreRefused() {
        assertThatThrownBy(() -> SaslMechanisms.scramSha256().start(SaslCredentials.builder().host("example.com").build()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("username");
        assertThatThrownBy(() -> SaslMechanisms.scramSha256()
            .start(SaslCredentials.builder().username("u").host("example.com").build()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("password");
        assertThat(SaslMechanisms.scramSha256().sendsPasswordInClear()).isFalse();
        assertThat(SaslMechanisms.scramSha512().name()).isEqualTo("SCRAM-SHA-512");
    }

    @Test
    void passwordIsPreparedApproximatelyLikeSaslprep() {
        ScramMechanism mechanism = ScramMechanism.sha1().withNonceSource(() -> RFC5802_NONCE);
        String serverFirst = "r=" + RFC5802_NONCE + "x,s=QSXCR+Q6sek8bf92,i=4096";

        String reference = string(mechanism.start(user("user", "pen cil ix")).respond(bytes(serverFirst)));
        // no-break space maps to SPACE, soft hyphen maps to nothing, NFKC turns U+2178 into "ix"
        String prepared = string(mechanism.start(user("user", "pen\u00a0ci\u00adl \u2178")).respond(bytes(serverFirst)));
        String different = string(mechanism.start(user("user", "pen cil iX")).respond(bytes(serverFirst)));

        assertThat(prepared).isEqualTo(reference);
        assertThat(different).isNotEqualTo(reference);
    }

    @Test
    void usernameIsNfkcNormalizedBeforeEscaping() {
        SaslExchange exchange = ScramMechanism.sha1().withNonceSource(() -> "abc").start(user("\uff55ser=", "pencil"));

        assertThat(string(exchange.initialResponse().orElseThrow())).isEqualTo("n,,n=user=3D,r=abc");
    }
}
