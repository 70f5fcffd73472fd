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

    @Test
    void xep0115ComplexGenerationExampleWithExtendedForm() {
        // XEP-0115 section 5.3: two identities (en, el), four features, a softwareinfo form
        String d = "jabber:x:data";
        XmlElement form = XmlElement.builder(d, "x").attribute("type", "result")
            .child(field(d, "FORM_TYPE", "urn:xmpp:dataforms:softwareinfo"))
            .child(field(d, "ip_version", "ipv4", "ipv6"))
            .child(field(d, "os", "Mac"))
            .child(field(d, "os_version", "10.5.1"))
            .child(field(d, "software", "Psi"))
            .child(field(d, "software_version", "0.11"))
            .build();
        String ver = EntityCaps.ver("sha-1",
            List.of(DiscoIdentity.of("client", "pc", "Psi 0.11").withLang("en"),
                DiscoIdentity.of("client", "pc", "\u03a8 0.11").withLang("el")),
            List.of("http://jabber.org/protocol/caps", "http://jabber.org/protocol/disco#info",
                "http://jabber.org/protocol/disco#items", "http://jabber.org/protocol/muc"),
            List.of(form));
        assertThat(ver).isEqualTo("q07IKJEyjvHSyhy//CH0CxmKi8w=");
    }

    @Test
    void otherHashesAndUnsupportedOnes() {
        List<DiscoIdentity> ids = List.of(DiscoIdentity.of("client", "pc", "X"));
        assertThat(EntityCaps.ver("sha-256", ids, List.of("a"), List.of()))
            .isNotEqualTo(EntityCaps.ver(ids, List.of("a"))).hasSize(44);
        assertThat(EntityCaps.supportsHash("sha-1")).isTrue();
        assertThat(EntityCaps.supportsHash("x-unknown")).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EntityCaps.ver("x-unknown", ids, List.of(), List.of()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x-unknown");
    }

    private static XmlElement field(String ns, String var, String... values) {
        XmlElement.Builder f = XmlElement.builder(ns, "field").attribute("var", var);
        for (String v : values) {
            f.textChild(ns, "value", v);
        }
        return f.build();
    }
}
