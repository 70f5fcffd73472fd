package org.reactorxmpp.xmpp.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class SaslMechanismSelectorTest {

    @Test
    void defaultPreferenceIsStrongestFirst() {
        SaslMechanismSelector selector = SaslMechanismSelector.defaults();

        assertThat(selector.mechanisms()).extracting(SaslMechanism::name)
            .containsExactly("SCRAM-SHA-512", "SCRAM-SHA-256", "SCRAM-SHA-1", "DIGEST-MD5", "PLAIN");
        assertThat(selector.unsecureAllowed()).isFalse();
        assertThat(selector.select(List.of("PLAIN", "SCRAM-SHA-1", "SCRAM-SHA-256"), false).name())
            .isEqualTo("SCRAM-SHA-256");
        assertThat(selector.select(List.of("PLAIN", "DIGEST-MD5"), false).name()).isEqualTo("DIGEST-MD5");
    }

    @Test
    void ourOrderWinsOverTheServersOrder() {
        SaslMechanismSelector caxl = SaslMechanismSelector.builder()
            .enabledMechanisms(List.of("DIGEST-MD5", "PLAIN")).build();

        assertThat(caxl.select(List.of("PLAIN", "DIGEST-MD5", "SCRAM-SHA-1"), true).name()).isEqualTo("DIGEST-MD5");
        assertThat(caxl.select(List.of("PLAIN", "SCRAM-SHA-1"), true).name()).isEqualTo("PLAIN");
    }

    @Test
    void plainIsRefusedOverAnUnencryptedTransportUnlessAllowed() {
        SaslMechanismSelector strict = SaslMechanismSelector.defaults();
        SaslMechanismSelector lenient = SaslMechanismSelector.builder().unsecureAllowed(true).build();

        assertThat(strict.select(List.of("PLAIN"), true).name()).isEqualTo("PLAIN");
        assertThat(lenient.select(List.of("PLAIN"), false).name()).isEqualTo("PLAIN");
        assertThatThrownBy(() -> strict.select(List.of("PLAIN"), false))
            .isInstanceOfSatisfying(SaslException.class, e -> {
                assertThat(e.condition()).isEqualTo(SaslCondition.NO_ACCEPTABLE_MECHANISM);
                assertThat(e.getMessage()).contains("PLAIN refused over an unencrypted transport")
                    .contains("set unsecureAllowed to allow it");
            });
    }

    @Test
    void nothingAcceptableListsEnabledOfferedAndReasons() {
        SaslMechanismSelector selector = SaslMechanismSelector.builder()
            .enabledMechanisms(List.of("SCRAM-SHA-256", "PLAIN")).build();

        assertThatThrownBy(() -> selector.select(List.of("PLAIN", "X-OAUTH2", "SCRAM-SHA-1"), false))
            .isInstanceOfSatisfying(SaslException.class, e -> {
                assertThat(e.condition()).isEqualTo(SaslCondition.NO_ACCEPTABLE_MECHANISM);
                assertThat(e.isTransient()).isFalse();
                assertThat(e.getMessage()).isEqualTo("no acceptable SASL mechanism: enabled [SCRAM-SHA-256, PLAIN],"
                    + " server offered [PLAIN, X-OAUTH2, SCRAM-SHA-1]; SCRAM-SHA-256 not offered by the server;"
                    + " PLAIN refused over an unencrypted transport (it sends the password in clear;"
                    + " set unsecureAllowed to allow it)");
            });
    }

    @Test
    void nothingOffered() {
        assertThatThrownBy(() -> SaslMechanismSelector.defaults().select(List.of(), true))
            .isInstanceOfSatisfying(SaslException.class,
                e -> assertThat(e.getMessage()).contains("server offered []").contains("SCRAM-SHA-1 not offered"));
    }

    @Test
    void anonymousAndExternalOnlyWhenAskedFor() {
        assertThatThrownBy(() -> SaslMechanismSelector.defaults().select(List.of("ANONYMOUS", "EXTERNAL"), true))
            .isInstanceOf(SaslException.class);

        SaslMechanismSelector anonymous = SaslMechanismSelector.builder()
            .enabledMechanisms(List.of("SCRAM-SHA-1", "ANONYMOUS")).build();
        assertThat(anonymous.select(List.of("ANONYMOUS", "PLAIN"), false).name()).isEqualTo("ANONYMOUS");
    }

    @Test
    void offeredNamesAreMatchedCaseInsensitivelyAndTrimmed() {
        assertThat(SaslMechanismSelector.defaults().select(List.of(" scram-sha-1\n"), true).name()).isEqualTo("SCRAM-SHA-1");
    }

    @Test
    void customMechanismInstancesKeepTheirSettings() {
        ScramMechanism tuned = ScramMechanism.sha256().withIterationLimits(10_000, 100_000);
        SaslMechanismSelector selector = SaslMechanismSelector.builder()
            .mechanisms(List.of(tuned, SaslMechanisms.scramSha256(), SaslMechanisms.plain())).build();

        assertThat(selector.mechanisms()).hasSize(2);
        assertThat(selector.select(List.of("SCRAM-SHA-256"), true)).isSameAs(tuned);
    }

    @Test
    void configurationErrors() {
        assertThatThrownBy(() -> SaslMechanismSelector.builder().enabledMechanisms(List.of("CRAM-MD5")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CRAM-MD5");
        assertThatThrownBy(() -> SaslMechanismSelector.builder().enabledMechanisms(List.of()))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
