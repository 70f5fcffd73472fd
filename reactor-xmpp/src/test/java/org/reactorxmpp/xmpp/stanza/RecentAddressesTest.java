package org.reactorxmpp.xmpp.stanza;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.jid.JidFormatException;
import org.reactorxmpp.xmpp.xml.XmlElement;

class RecentAddressesTest {

    @Test
    void rememberedAddressesAreTheParsedOnes() {
        Jid first = RecentAddresses.parse("Juliet@Capulet.example/balcony");
        assertThat(first).isEqualTo(Jid.parse("juliet@capulet.example/balcony"));
        assertThat(RecentAddresses.parse(new String("Juliet@Capulet.example/balcony".toCharArray()))).isSameAs(first);
        // an address differing only in case is a different text, but the same JID
        assertThat(RecentAddresses.parse("juliet@capulet.example/balcony")).isEqualTo(first);
    }

    @Test
    void invalidAddressesFailEveryTimeAndAreNotRemembered() {
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> RecentAddresses.parse("@nolocal")).isInstanceOf(JidFormatException.class);
        }
        XmlElement bad = XmlElement.builder(Stanza.NAMESPACE, "message").attribute("from", "a@b@c").build();
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> Message.of(bad).from()).isInstanceOf(InvalidStanzaException.class);
        }
    }

    @Test
    void addressesFromTheWireCannotGrowTheTable() {
        for (int i = 0; i < 20_000; i++) {
            String text = "user" + i + "@flood.example/r" + i;
            assertThat(RecentAddresses.parse(text).toString()).isEqualTo(text);
        }
        assertThat(RecentAddresses.held()).isLessThanOrEqualTo(RecentAddresses.SIZE);
    }
}
