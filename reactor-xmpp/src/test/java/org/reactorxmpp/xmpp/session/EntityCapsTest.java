package org.reactorxmpp.xmpp.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.xmpp.xml.XmlElement;

class EntityCapsTest {

    @Test
    void xep0115SimpleGenerationExample() {
        // XEP-0115 section 5.2
        String ver = EntityCaps.ver(
            List.of(DiscoIdentity.of("client", "pc", "Exodus 0.9.1")),
            List.of("http://jabber.org/protocol/disco#info", "http://jabber.org/protocol/disco#items",
                "http://jabber.org/protocol/muc", "http://jabber.org/protocol/caps"));
        assertThat(ver).isEqualTo("QgayPKawpkPSDYmwT/WM94uAlu0=");
    }

    @Test
    void orderOfInputDoesNotMatterButContentDoes() {
        List<DiscoIdentity> ids = List.of(DiscoIdentity.of("client", "pc", "Exodus 0.9.1"));
        String a = EntityCaps.ver(ids, List.of("a", "b", "c"));
        assertThat(EntityCaps.ver(ids, List.of("c", "a", "b", "a"))).isEqualTo(a);
        assertThat(EntityCaps.ver(ids, List.of("a", "b"))).isNotEqualTo(a);
        assertThat(EntityCaps.ver(List.of(DiscoIdentity.of("client", "pc", "Exodus 0.9.2")), List.of("a", "b", "c")))
            .isNotEqualTo(a);
    }

    @Test
    void identitiesSortByCategoryThenTypeThenLang() {
        DiscoIdentity x = DiscoIdentity.of("client", "pc", "X");
        DiscoIdentity y = DiscoIdentity.of("client-a", "pc", "Y");
        DiscoIdentity z = DiscoIdentity.of("client", "pc", "Z").withLang("en");
        assertThat(EntityCaps.ver(List.of(y, z, x), List.of())).isEqualTo(EntityCaps.ver(List.of(x, z, y), List.of()));
    }

    @Test
    void element() {
        XmlElement c = EntityCaps.element("https://example.org", "QgayPKawpkPSDYmwT/WM94uAlu0=");
        assertThat(c.is("http://jabber.org/protocol/caps", "c")).isTrue();
        assertThat(c.attribute("hash")).isEqualTo("sha-1");
        assertThat(c.attribute("node")).isEqualTo("https://example.org");
        assertThat(c.attribute("ver")).isEqualTo("QgayPKawpkPSDYmwT/WM94uAlu0=");
    }
}
