package org.reactorxmpp.xmpp.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DigestMd5MechanismTest {

    private static final String RFC2831_CHALLENGE =
        "realm=\"elwood.innosoft.com\",nonce=\"OA6MG9tEQGm2hh\",qop=\"auth\",algorithm=md5-sess,charset=utf-8";
    private static final String RFC2831_RESPONSE = "charset=utf-8,username=\"chris\",realm=\"elwood.innosoft.com\","
        + "nonce=\"OA6MG9tEQGm2hh\",nc=00000001,cnonce=\"OA6MHXh6VqTrRk\",digest-uri=\"imap/elwood.innosoft.com\","
        + "response=d388dad90d4bbd760a152321f2143af7,qop=auth";
    private static final String RFC2831_RSPAUTH = "rspauth=ea40f60335c427b5527b84dbabcdfffd";

    private static final DigestMd5Mechanism RFC_MECHANISM = new DigestMd5Mechanism(() -> "OA6MHXh6VqTrRk");

    private static SaslExchange rfc2831Exchange() {
        return RFC_MECHANISM.start(SaslCredentials.builder().username("chris").password("secret".toCharArray())
            .service("imap").host("elwood.innosoft.com").build());
    }

    private static SaslExchange xmppExchange(String username, String password, String authzid) {
        return new DigestMd5Mechanism(() -> "cnonce123").start(SaslCredentials.builder().username(username)
            .password(password.toCharArray()).authzid(authzid).host("example.com").build());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String string(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    /** RFC 2831 section 2.1.2.1, computed here independently of the client code. */
    private static String expectedResponse(String user, String realm, String password, Charset charset, String nonce,
                                           String cnonce, String authzid, String digestUri) throws Exception {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        byte[] inner = md5.digest((user + ":" + realm + ":" + password).getBytes(charset));
        md5.update(inner);
        md5.update(bytes(":" + nonce + ":" + cnonce + (authzid == null ? "" : ":" + authzid)));
        String ha1 = HexFormat.of().formatHex(md5.digest());
        String ha2 = HexFormat.of().formatHex(md5.digest(bytes("AUTHENTICATE:" + digestUri)));
        return HexFormat.of().formatHex(md5.digest(bytes(ha1 + ":" + nonce + ":00000001:" + cnonce + ":auth:" + ha2)));
    }

    @Test
    void rfc2831Section4Example() {
        SaslExchange exchange = rfc2831Exchange();

        assertThat(exchange.initialResponse()).isEmpty();
        assertThat(string(exchange.respond(bytes(RFC2831_CHALLENGE)))).isEqualTo(RFC2831_RESPONSE);
        assertThat(exchange.respond(bytes(RFC2831_RSPAUTH))).isEmpty();
        exchange.complete(Optional.empty());
    }

    @Test
    void rspauthMayComeWithSuccess() {
        SaslExchange exchange = rfc2831Exchange();
        exchange.respond(bytes(RFC2831_CHALLENGE));

        exchange.complete(Optional.of(bytes(RFC2831_RSPAUTH)));
    }

    @Test
    void wrongRspauthIsAMismatch() {
        SaslExchange exchange = rfc2831Exchange();
        exchange.respond(bytes(RFC2831_CHALLENGE));

        assertThatThrownBy(() -> exchange.respond(bytes("rspauth=ea40f60335c427b5527b84dbabcdfffe")))
            .isInstanceOfSatisfying(SaslException.class, e -> {
                assertThat(e.condition()).isEqualTo(SaslCondition.SERVER_SIGNATURE_MISMATCH);
                assertThat(e.getMessage()).doesNotContain("secret");
            });
        assertThatThrownBy(() -> exchange.complete(Optional.empty())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void successWithoutRspauthIsAMismatch() {
        SaslExchange exchange = rfc2831Exchange();
        exchange.respond(bytes(RFC2831_CHALLENGE));

        assertThatThrownBy(() -> exchange.complete(Optional.empty()))
            .isInstanceOfSatisfying(SaslException.class,
                e -> assertThat(e.condition()).isEqualTo(SaslCondition.SERVER_SIGNATURE_MISMATCH));
    }

    @Test
    void successBeforeTheChallengeIsAMismatch() {
        assertThatThrownBy(() -> rfc2831Exchange().complete(Optional.empty()))
            .isInstanceOfSatisfying(SaslException.class,
                e -> assertThat(e.condition()).isEqualTo(SaslCondition.SERVER_SIGNATURE_MISMATCH));
    }

    @ParameterizedTest
    @ValueSource(strings = {"auth-int", "auth-conf", "auth-int,auth-conf"})
    void qopWithoutAuthIsRefused(String qop) {
        String challenge = "nonce=\"abc\",qop=\"" + qop + "\",algorithm=md5-sess,charset=utf-8";

        assertThatThrownBy(() -> rfc2831Exchange().respond(bytes(challenge)))
            .isInstanceOfSatisfying(SaslException.class, e -> {
                assertThat(e.condition()).isEqualTo(SaslCondition.UNACCEPTABLE_CHALLENGE);
                assertThat(e.getMessage()).contains("qop=auth").contains(qop.split(",")[0]);
            });
    }

    @Test
    void xmppDefaultsWithAuthzidAndNoRealmOrQop() throws Exception {
        SaslExchange exchange = xmppExchange("juliet", "r0m30", "juliet@example.com/balcony");

        String response = string(exchange.respond(bytes("nonce=\"n1\",algorithm=md5-sess,charset=utf-8")));

        String expected = expectedResponse("juliet", "", "r0m30", StandardCharsets.ISO_8859_1, "n1", "cnonce123",
            "juliet@example.com/balcony", "xmpp/example.com");
        assertThat(response).isEqualTo("charset=utf-8,username=\"juliet\",nonce=\"n1\",nc=00000001,cnonce=\"cnonce123\","
            + "digest-uri=\"xmpp/example.com\",response=" + expected + ",qop=auth,authzid=\"juliet@example.com/balcony\"");
    }

    @Test
    void latin1CredentialsAreHashedInIso8859AndOthersInUtf8() throws Exception {
        String latin1 = string(xmppExchange("juliet", "sécret", null)
            .respond(bytes("realm=\"example.com\",nonce=\"n1\",qop=\"auth,auth-int\",algorithm=md5-sess,charset=utf-8")));
        assertThat(latin1).contains("response=" + expectedResponse("juliet", "example.com", "sécret",
            StandardCharsets.ISO_8859_1, "n1", "cnonce123", null, "xmpp/example.com") + ",");

        String wide = string(xmppExchange("juliet", "密码", null)
            .respond(bytes("realm=\"example.com\",nonce=\"n1\",qop=\"auth\",algorithm=md5-sess,charset=utf-8")));
        assertThat(wide).contains("response=" + expectedResponse("juliet", "example.com", "密码",
            StandardCharsets.UTF_8, "n1", "cnonce123", null, "xmpp/example.com") + ",");
    }

    @Test
    void nonLatin1CredentialsNeedCharsetUtf8() {
        assertThatThrownBy(() -> xmppExchange("juliet", "密码", null)
            .respond(bytes("nonce=\"n1\",qop=\"auth\",algorithm=md5-sess")))
            .isInstanceOfSatisfying(SaslException.class, e -> {
                assertThat(e.condition()).isEqualTo(SaslCondition.UNACCEPTABLE_CHALLENGE);
                assertThat(e.getMessage()).contains("charset=utf-8").doesNotContain("密码");
            });
    }

    @Test
    void withoutCharsetTheResponseIsLatin1AndHasNoCharsetDirective() {
        byte[] response = xmppExchange("jürgen", "pw", null).respond(bytes("nonce=\"n1\",algorithm=md5-sess"));

        String text = new String(response, StandardCharsets.ISO_8859_1);
        assertThat(text).startsWith("username=\"jürgen\",nonce=\"n1\"");
        assertThat(response).contains((byte) 0xFC);
    }

    @Test
    void theHostRealmIsPreferredAmongSeveral() {
        String response = string(xmppExchange("juliet", "pw", null).respond(bytes(
            "realm=\"other.org\",realm=\"example.com\",nonce=\"n1\",algorithm=md5-sess,charset=utf-8")));

        assertThat(response).contains("realm=\"example.com\"");
    }

    @Test
    void quotedStringsWithEscapesAndSpacesAreParsed() {
        String response = string(xmppExchange("ju\"liet", "pw", null).respond(bytes(
            "  nonce = \"a\\\"b\" , qop=\"auth\" ,algorithm=MD5-SESS ,charset=UTF-8, stale=false,maxbuf=65536")));

        assertThat(response).contains("username=\"ju\\\"liet\"").contains("nonce=\"a\\\"b\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "qop=\"auth\",algorithm=md5-sess",
        "nonce=\"n1\",qop=\"auth\"",
        "nonce=\"n1\",algorithm=md5",
        "nonce=\"n1\",nonce=\"n2\",algorithm=md5-sess",
        "nonce=\"n1,algorithm=md5-sess",
        "nonce=\"n1\",algorithm=md5-sess,charset=iso-8859-1",
        "nonce=\"n1\" algorithm=md5-sess",
        "=\"n1\",algorithm=md5-sess",
        "rspauth=ea40f60335c427b5527b84dbabcdfffd"})
    void malformedChallenges(String challenge) {
        assertThatThrownBy(() -> rfc2831Exchange().respond(bytes(challenge)))
            .isInstanceOfSatisfying(SaslException.class,
                e -> assertThat(e.condition()).isEqualTo(SaslCondition.MALFORMED_CHALLENGE));
    }

    @Test
    void aChallengeAfterRspauthIsMalformed() {
        SaslExchange exchange = rfc2831Exchange();
        exchange.respond(bytes(RFC2831_CHALLENGE));
        exchange.respond(bytes(RFC2831_RSPAUTH));

        assertThatThrownBy(() -> exchange.respond(bytes(RFC2831_CHALLENGE)))
            .isInstanceOfSatisfying(SaslException.class,
                e -> assertThat(e.condition()).isEqualTo(SaslCondition.MALFORMED_CHALLENGE));
    }

    @Test
    void theDefaultMechanismUsesRandomCnonces() {
        SaslCredentials credentials = SaslCredentials.builder().username("u").password("p".toCharArray())
            .host("example.com").build();
        String challenge = "nonce=\"n1\",algorithm=md5-sess,charset=utf-8";

        String first = string(SaslMechanisms.digestMd5().start(credentials).respond(bytes(challenge)));
        String second = string(SaslMechanisms.digestMd5().start(credentials).respond(bytes(challenge)));

        assertThat(first).containsPattern("cnonce=\"[A-Za-z0-9+/=]{16,}\"").isNotEqualTo(second);
        assertThat(SaslMechanisms.digestMd5().sendsPasswordInClear()).isFalse();
        assertThat(SaslMechanisms.digestMd5().name()).isEqualTo("DIGEST-MD5");
    }
}
