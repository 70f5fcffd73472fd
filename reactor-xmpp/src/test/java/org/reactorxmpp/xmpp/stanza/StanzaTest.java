package org.reactorxmpp.xmpp.stanza;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.xmpp.jid.JidFormatException;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlName;
import org.reactorxmpp.xmpp.xml.XmlText;
import org.reactorxmpp.xmpp.xml.XmlWriter;

class StanzaTest {

    private static final String NS = "jabber:client";

    @Test
    void ofDispatchesOnName() {
        assertThat(Stanza.of(XmlElement.empty(NS, "message"))).isInstanceOf(Message.class);
        assertThat(Stanza.of(XmlElement.empty(NS, "presence"))).isInstanceOf(Presence.class);
        assertThat(Stanza.of(XmlElement.empty(NS, "iq"))).isInstanceOf(Iq.class);
    }

    @Test
    void ofRejectsOtherNamesAndNamespaces() {
        assertThatThrownBy(() -> Stanza.of(XmlElement.empty(NS, "body")))
            .isInstanceOf(InvalidStanzaException.class).hasMessageContaining("{jabber:client}body");
        assertThatThrownBy(() -> Stanza.of(XmlElement.empty("jabber:server", "message")))
            .isInstanceOf(InvalidStanzaException.class).hasMessageContaining("jabber:server");
        assertThatThrownBy(() -> Stanza.of(XmlElement.empty("", "iq")))
            .isInstanceOf(InvalidStanzaException.class);
    }

    @Test
    void malformedAddressOnlyFailsItsOwnAccessor() {
        XmlElement e = XmlElement.builder(NS, "message").attribute("id", "m1").attribute("type", "chat")
            .attribute("from", "@broken").attribute("to", "juliet@example.com")
            .textChild(NS, "body", "hi").build();

        Message m = (Message) Stanza.of(e);

        assertThat(m.id()).isEqualTo("m1");
        assertThat(m.type()).isEqualTo(Message.Type.CHAT);
        assertThat(m.body()).isEqualTo("hi");
        assertThat(m.fromText()).isEqualTo("@broken");
        assertThat(m.to()).hasToString("juliet@example.com");
        assertThatThrownBy(m::from)
            .isInstanceOf(InvalidStanzaException.class)
            .hasMessageContaining("'from'").hasMessageContaining("@broken")
            .hasCauseInstanceOf(JidFormatException.class);
        // still failing, still typed, on a second call
        assertThatThrownBy(m::from).isInstanceOf(InvalidStanzaException.class);
    }

    @Test
    void addressesAreCachedAfterFirstParse() {
        Message m = Message.of(XmlElement.builder(NS, "message").attribute("from", "Romeo@Example.NET/orchard").build());
        assertThat(m.from()).isSameAs(m.from());
        assertThat(m.from()).hasToString("romeo@example.net/orchard");
    }

    @Test
    void unknownContentIsPreservedThroughViewsAndCopies() {
        XmlElement unknown = XmlElement.builder("urn:example:unknown", "thing")
            .attribute(XmlName.of("urn:example:attr", "flag"), "yes")
            .child(XmlElement.builder("urn:example:unknown", "inner").text("deep").build())
            .build();
        XmlElement e = XmlElement.builder(NS, "message")
            .attribute("id", "u1").attribute(XmlName.XML_LANG, "en").attribute("custom", "kept")
            .child(new XmlText("  "))
            .textChild(NS, "body", "hello")
            .child(unknown)
            .build();

        Message m = Message.of(e);
        assertThat(m.element()).isSameAs(e);
        assertThat(m.lang()).isEqualTo("en");

        Message copy = m.withId("u2");
        assertThat(copy.element().element(unknown.name())).isEqualTo(unknown);
        assertThat(copy.element().attribute("custom")).isEqualTo("kept");
        assertThat(copy.element().children()).hasSize(3);

        Message rebuilt = m.toBuilder().body("bye").build();
        assertThat(rebuilt.element().element(unknown.name())).isEqualTo(unknown);
        assertThat(XmlWriter.toString(rebuilt.element())).contains("custom=\"kept\"", "urn:example:attr", "deep");
    }

    @Test
    void equalityFollowsTheElement() {
        Message a = Message.builder().id("1").body("x").build();
        Message b = Message.of(a.element().toBuilder().build());
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(a.withId("2"));
        assertThat(a.toString()).isEqualTo(XmlWriter.toString(a.element()));
    }

    @Test
    void errorIsReadFromAnyStanza() {
        XmlElement e = XmlElement.builder(NS, "presence").attribute("type", "error")
            .child(StanzaError.of(StanzaError.Condition.REMOTE_SERVER_NOT_FOUND).toElement()).build();
        Presence p = Presence.of(e);
        assertThat(p.type()).isEqualTo(Presence.Type.ERROR);
        assertThat(p.error()).map(StanzaError::condition).contains(StanzaError.Condition.REMOTE_SERVER_NOT_FOUND);
        assertThat(p.error()).map(StanzaError::type).contains(StanzaError.Type.CANCEL);
        StanzaErrorException ex = StanzaErrorException.of(p);
        assertThat(ex.stanza()).contains(p);
        assertThat(ex.condition()).isEqualTo(StanzaError.Condition.REMOTE_SERVER_NOT_FOUND);
        assertThat(ex).hasMessage("remote-server-not-found (cancel)");
    }
}
