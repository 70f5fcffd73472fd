package org.reactorxmpp.xmpp.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class PlainMechanismTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void encodesAuthcidAndPasswordSeparatedByNul() {
        SaslCredentials credentials = SaslCredentials.builder().username("tim").password("tanstaaftanstaaf".toCharArray())
            .host("example.com").build();

        SaslExchange exchange = SaslMechanisms.plain().start(credentials);

        assertThat(exchange.initialResponse()).hasValueSatisfying(
            b -> assertThat(b).isEqualTo(bytes("\0tim\0tanstaaftanstaaf")));
        exchange.complete(Optional.empty());
    }

    @Test
    void encodesTheAuthzidFirstAndUsesUtf8() {
        SaslCredentials credentials = SaslCredentials.builder().username("Kurt").password("xipj3plmq\u00e9".toCharArray())
            .authzid("Ursel@example.com").host("example.com").build();

        byte[] message = SaslMechanisms.plain().start(credentials).initialResponse().orElseThrow();

        assertThat(message).isEqualTo(bytes("Ursel@example.com\0Kurt\0xipj3plmq\u00e9"));
        assertThat(message[message.length - 2]).isEqualTo((byte) 0xC3);
    }

    @Test
    void sendsThePasswordInClear() {
        assertThat(SaslMechanisms.plain().sendsPasswordInClear()).isTrue();
        assertThat(SaslMechanisms.plain().name()).isEqualTo("PLAIN");
    }

    @Test
    void aChallengeIsAProtocolViolation() {
        SaslExchange exchange = SaslMechanisms.plain().start(SaslCredentials.builder().username("u")
            .password("p".toCharArray()).host("example.com").build());

        assertThatThrownBy(() -> exchange.respond(new byte[0]))
            .isInstanceOfSatisfying(SaslException.class, e -> {
                assertThat(e.condition()).isEqualTo(SaslCondition.MALFORMED_CHALLENGE);
                assertThat(e.getMessage()).startsWith("PLAIN");
            });
        assertThatThrownBy(exchange::initialResponse).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void additionalDataWithSuccessIsAProtocolViolation() {
        SaslExchange exchange = SaslMechanisms.plain().start(SaslCredentials.builder().username("u")
            .password("p".toCharArray()).host("example.com").build());

        assertThatThrownBy(() -> exchange.complete(Optional.of(bytes("surprise"))))
            .isInstanceOfSatisfying(SaslException.class,
                e -> assertThat(e.condition()).isEqualTo(SaslCondition.MALFORMED_CHALLENGE));
    }

    @Test
    void refusesMissingPartsAndNulWithoutShowingThePassword() {
        assertThatThrownBy(() -> SaslMechanisms.plain().start(SaslCredentials.builder().password("p".toCharArray())
            .host("example.com").build()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("username");
        assertThatThrownBy(() -> SaslMechanisms.plain().start(SaslCredentials.builder().username("u")
            .host("example.com").build()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("password");
        assertThatThrownBy(() -> SaslMechanisms.plain().start(SaslCredentials.builder().username("u")
            .password("se\0cret".toCharArray()).host("example.com").build()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NUL").hasMessageNotContaining("cret");
    }

    @Test
    void anonymousSendsTheTraceOrNothing() {
        SaslCredentials none = SaslCredentials.builder().host("example.com").build();

        assertThat(SaslMechanisms.anonymous().start(none).initialResponse()).hasValueSatisfying(b -> assertThat(b).isEmpty());
        assertThat(SaslMechanisms.anonymous("sirhc").start(none).initialResponse())
            .hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes("sirhc")));
        assertThat(SaslMechanisms.anonymous().name()).isEqualTo("ANONYMOUS");
        assertThatThrownBy(() -> SaslMechanisms.anonymous("x".repeat(256))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SaslMechanisms.anonymous("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void externalSendsTheAuthzidOrAnEmptyResponse() {
        SaslCredentials plainCert = SaslCredentials.builder().host("example.com").build();
        SaslCredentials asSomeone = SaslCredentials.builder().authzid("juliet@example.com").host("example.com").build();

        assertThat(SaslMechanisms.external().start(plainCert).initialResponse())
            .hasValueSatisfying(b -> assertThat(b).isEmpty());
        assertThat(SaslMechanisms.external().start(asSomeone).initialResponse())
            .hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes("juliet@example.com")));
        assertThat(SaslMechanisms.external().sendsPasswordInClear()).isFalse();
    }

    @Test
    void byNameKnowsEveryMechanismCaseInsensitively() {
        assertThat(SaslMechanisms.byName("scram-sha-1")).containsSame(SaslMechanisms.scramSha1());
        assertThat(SaslMechanisms.byName("SCRAM-SHA-256")).containsSame(SaslMechanisms.scramSha256());
        assertThat(SaslMechanisms.byName("SCRAM-SHA-512")).containsSame(SaslMechanisms.scramSha512());
        assertThat(SaslMechanisms.byName(" DIGEST-MD5 ")).containsSame(SaslMechanisms.digestMd5());
        assertThat(SaslMechanisms.byName("PLAIN")).containsSame(SaslMechanisms.plain());
        assertThat(SaslMechanisms.byName("ANONYMOUS")).containsSame(SaslMechanisms.anonymous());
        assertThat(SaslMechanisms.byName("EXTERNAL")).containsSame(SaslMechanisms.external());
        assertThat(SaslMechanisms.byName("SCRAM-SHA-1-PLUS")).isEmpty();
        assertThat(SaslMechanisms.byName("X-OAUTH2")).isEmpty();
    }
}
