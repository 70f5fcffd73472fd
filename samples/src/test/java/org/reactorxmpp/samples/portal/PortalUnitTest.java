package org.reactorxmpp.samples.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.im.presence.ContactPresence;
import org.reactorxmpp.im.presence.ResourcePresence;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.stanza.Presence;

class PortalUnitTest {

    private static final BareJid ALICE = BareJid.parse("alice@localhost");

    private static ContactPresence showing(Presence.Show show) {
        Presence presence = Presence.builder().show(show).build();
        return new ContactPresence(ALICE, List.of(new ResourcePresence(Jid.parse("alice@localhost/console"), presence, 1)));
    }

    @Test
    void chatAndAvailableRankBeforeAwayAndTheRestTakeNoChats() {
        assertThat(Dispatcher.rank(showing(Presence.Show.CHAT))).isZero();
        assertThat(Dispatcher.rank(showing(null))).isZero();
        assertThat(Dispatcher.rank(showing(Presence.Show.AWAY))).isEqualTo(1);
        assertThat(Dispatcher.rank(showing(Presence.Show.XA))).isEqualTo(2);
        assertThat(Dispatcher.rank(showing(Presence.Show.DND))).isEqualTo(2);
        assertThat(Dispatcher.rank(ContactPresence.offline(ALICE))).isEqualTo(2);
        assertThat(Dispatcher.show(showing(null))).isEqualTo("available");
        assertThat(Dispatcher.show(ContactPresence.offline(ALICE))).isEqualTo("offline");
    }

    @Test
    void agentMarkupBecomesAnXhtmlBodyOrNothingWhenItIsNotXml() {
        assertThat(AgentDesk.parse("<p>Read <strong>this</strong></p>").plainText()).isEqualTo("Read this");
        assertThat(AgentDesk.parse("<p>unclosed")).isNull();
    }
}
