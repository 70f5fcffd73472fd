package org.reactorxmpp.xmpp.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SaslCredentialsTest {

    @Test
    void toStringNeverShowsThePassword() {
        SaslCredentials credentials = SaslCredentials.builder().username("juliet").authzid("juliet@example.com")
            .password("Wherefore4rt".toCharArray()).host("example.com").build();

        assertThat(credentials.toString())
            .contains("juliet").contains("example.com").contains("xmpp")
            .doesNotContain("Wherefore4rt").doesNotContain("Wherefore");
    }

    @Test
    void thePasswordIsCopiedIn() {
        char[] mine = "secret".toCharArray();
        SaslCredentials credentials = SaslCredentials.builder().username("u").password(mine).host("example.com").build();
        java.util.Arrays.fill(mine, 'x');

        assertThat(credentials.password()).containsExactly('s', 'e', 'c', 'r', 'e', 't');
    }

    @Test
    void passwordReturnsACopy() {
        SaslCredentials credentials = SaslCredentials.builder().username("u").password("secret".toCharArray())
            .host("example.com").build();
        char[] copy = credentials.password();
        java.util.Arrays.fill(copy, '\0');

        assertThat(credentials.password()).containsExactly('s', 'e', 'c', 'r', 'e', 't');
    }

    @Test
    void destroyZeroesThePassword() {
        SaslCredentials credentials = SaslCredentials.builder().username("u").password("secret".toCharArray())
            .host("example.com").build();
        char[] internal = credentials.passwordView();

        credentials.destroy();

        assertThat(internal).containsOnly('\0');
        assertThat(credentials.isDestroyed()).isTrue();
        assertThatThrownBy(credentials::password).isInstanceOf(IllegalStateException.class).hasMessageContaining("destroyed");
        assertThat(credentials.toString()).contains("password=destroyed");
    }

    @Test
    void defaultsAndValidation() {
        SaslCredentials credentials = SaslCredentials.builder().host("example.com").build();

        assertThat(credentials.service()).isEqualTo("xmpp");
        assertThat(credentials.username()).isEmpty();
        assertThat(credentials.authzid()).isEmpty();
        assertThat(credentials.hasPassword()).isFalse();
        assertThatThrownBy(() -> SaslCredentials.builder().username("u").build())
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("host");
        assertThatThrownBy(() -> SaslCredentials.builder().username("")).isInstanceOf(IllegalArgumentException.class);
        assertThat(SaslCredentials.builder().authzid("").host("h").build().authzid()).isEmpty();
    }
}
