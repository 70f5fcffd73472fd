package org.reactorxmpp.xmpp.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** A missing server: skipped with the install command outside CI, a failure with {@code CI=true}. */
class XmppServersTest {

    @Test
    void aMissingServerIsASkipOutsideCi() {
        assertThatThrownBy(() -> XmppServers.requireInstalled(XmppServerKind.EJABBERD, false, null))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("apt-get install -y ejabberd");
        assertThatThrownBy(() -> XmppServers.requireInstalled(XmppServerKind.PROSODY, false, "false"))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("apt-get install -y prosody");
    }

    @Test
    void aMissingServerIsAFailureOnCi() {
        assertThatThrownBy(() -> XmppServers.requireInstalled(XmppServerKind.EJABBERD, false, "true"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("apt-get install -y ejabberd")
                .hasMessageContaining("CI=true");
        assertThatThrownBy(() -> XmppServers.failOnCi(XmppServerKind.PROSODY, "true"))
                .isInstanceOf(IllegalStateException.class);
        assertThatCode(() -> XmppServers.failOnCi(XmppServerKind.PROSODY, null)).doesNotThrowAnyException();
    }

    @Test
    void anInstalledServerPasses() {
        assertThatCode(() -> XmppServers.requireInstalled(XmppServerKind.EJABBERD, true, "true"))
                .doesNotThrowAnyException();
    }

    @Test
    void theStandInForAMissingServerAbortsEveryTestThatUsesIt() {
        XmppTestServer missing = XmppServers.unavailable(XmppServerKind.EJABBERD);

        assertThat(missing).hasToString("ejabberd (not installed)");
        assertThat(missing.name()).isEqualTo("ejabberd");
        assertThatThrownBy(missing::boshUrl).isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("apt-get install -y ejabberd");
        assertThatThrownBy(() -> missing.newAccounts("x", 2)).isInstanceOf(TestAbortedException.class);
        assertThatCode(missing::close).doesNotThrowAnyException();
    }

    @Test
    void freshAccountNamesNeverRepeat() {
        long first = TestAccount.nextBatch();
        assertThat(TestAccount.nextBatch()).isGreaterThan(first);
        TestAccount account = new TestAccount("roster-3-1", "localhost", "pw");
        assertThat(account.jid()).isEqualTo("roster-3-1@localhost");
        assertThat(account.bareJid().toString()).isEqualTo("roster-3-1@localhost");
    }
}
