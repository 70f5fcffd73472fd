package org.reactorxmpp.xmpp.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class ProsodyExtensionTest {

    @Test
    void missingProsodyIsASkipOutsideCi() {
        assertThatThrownBy(() -> ProsodyExtension.requireInstalled(false, null))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("apt-get install -y prosody");
        assertThatThrownBy(() -> ProsodyExtension.requireInstalled(false, "false"))
                .isInstanceOf(TestAbortedException.class);
    }

    @Test
    void missingProsodyIsAFailureOnCi() {
        assertThatThrownBy(() -> ProsodyExtension.requireInstalled(false, "true"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("apt-get install -y prosody")
                .hasMessageContaining("CI=true");
    }

    @Test
    void installedProsodyPasses() {
        assertThatCode(() -> ProsodyExtension.requireInstalled(true, "true")).doesNotThrowAnyException();
        assertThatCode(() -> ProsodyExtension.requireInstalled(true, null)).doesNotThrowAnyException();
    }

    @Test
    void accountPathsUseProsodysEncoding() {
        assertThat(ProsodyAccounts.encode("conference.localhost"))
                .isEqualTo("conference%2elocalhost");
        assertThat(ProsodyAccounts.encode("user_1")).isEqualTo("user%5f1");
        assertThat(ProsodyAccounts.encode("é")).isEqualTo("%c3%a9");
    }

    @Test
    void luaStringsAreEscaped() {
        assertThat(Lua.string("a\"b\\c\nd"))
                .isEqualTo("\"a\\\"b\\\\c\\010d\"");
    }
}
