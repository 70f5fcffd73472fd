package org.reactorxmpp.xmpp.stanza;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlName;

class PresenceTest {

    private static final String NS = "jabber:client";

    @Test
    void emptyPresenceIsAvailableWithoutShowAndPriorityZero() {
        Presence p = Presence.builder().build();
        assertThat(p.element().attributes()).isEmpty();
        assertThat(p.type()).isEqualTo(Presence.Type.AVAILABLE);
        assertThat(p.show()).isEmpty();
        assertThat(p.status()).isNull();
        assertThat(p.priority()).isZero();
    }

    @Test
    void builderWritesShowStatusPriority() {
        Presence p = Presence.builder().show(Presence.Show.DND).status("busy").status("fr", "occup\u00e9")
            .priority(-5).build();
        assertThat(p.element().childText(XmlName.of(NS, "show"))).isEqualTo("dnd");
        assertThat(p.element().childText(XmlName.of(NS, "priority"))).isEqualTo("-5");
        assertThat(p.show()).contains(Presence.Show.DND);
        assertThat(p.status()).isEqualTo("busy");
        assertThat(p.statuses()).containsExactly(Map.entry("", "busy"), Map.entry("fr", "occup\u00e9"));
        assertThat(p.priority()).isEqualTo(-5);
    }

    @Test
    void availableTypeWritesNoAttributeAndOtherTypesDo() {
        Presence sub = Presence.builder().to(Jid.parse("juliet@example.com")).type(Presence.Type.SUBSCRIBE).build();
        assertThat(sub.element().attribute("type")).isEqualTo("subscribe");
        assertThat(sub.toBuilder().type(Presence.Type.AVAILABLE).build().element().attribute("type")).isNull();
    }

    @ParameterizedTest
    @CsvSource({"unavailable,UNAVAILABLE", "subscribe,SUBSCRIBE", "subscribed,SUBSCRIBED",
        "unsubscribe,UNSUBSCRIBE", "unsubscribed,UNSUBSCRIBED", "probe,PROBE", "error,ERROR",
        "available,UNKNOWN", "invisible,UNKNOWN"})
    void typeValuesAndUnknownFallback(String value, Presence.Type expected) {
        Presence p = Presence.of(XmlElement.builder(NS, "presence").attribute("type", value).build());
        assertThat(p.type()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"chat,CHAT", "away,AWAY", "xa,XA", "dnd,DND", "' away ',AWAY", "busy,UNKNOWN", "'',UNKNOWN"})
    void showValuesAndUnknownFallback(String value, Presence.Show expected) {
        Presence p = Presence.of(XmlElement.builder(NS, "presence").textChild(NS, "show", value).build());
        assertThat(p.show()).contains(expected);
    }

    @ParameterizedTest
    @CsvSource({"127,127", "-128,-128", "0,0", "' 12 ',12", "128,0", "-129,0", "abc,0", "'',0", "1.5,0",
        "99999999999,0"})
    void priorityIsLenientOnRead(String value, int expected) {
        Presence p = Presence.of(XmlElement.builder(NS, "presence").textChild(NS, "priority", value).build());
        assertThat(p.priority()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(ints = {128, -129, Integer.MAX_VALUE})
    void priorityIsStrictOnBuild(int priority) {
        assertThatThrownBy(() -> Presence.builder().priority(priority))
            .isInstanceOf(InvalidStanzaException.class).hasMessageContaining(String.valueOf(priority));
    }

    @Test
    void unknownTypeAndShowCannotBeBuilt() {
        assertThatThrownBy(() -> Presence.builder().type(Presence.Type.UNKNOWN)).isInstanceOf(InvalidStanzaException.class);
        assertThatThrownBy(() -> Presence.builder().show(Presence.Show.UNKNOWN)).isInstanceOf(InvalidStanzaException.class);
    }

    @Test
    void toBuilderReplacesShowAndPriorityAndKeepsExtensions() {
        XmlElement caps = XmlElement.builder("http://jabber.org/protocol/caps", "c")
            .attribute("hash", "sha-1").attribute("node", "n").attribute("ver", "v").build();
        Presence p = Presence.builder().show(Presence.Show.AWAY).priority(1).child(caps).build();
        Presence q = p.toBuilder().show(Presence.Show.CHAT).priority(2).build();
        assertThat(q.show()).contains(Presence.Show.CHAT);
        assertThat(q.priority()).isEqualTo(2);
        assertThat(q.element().elements().map(XmlElement::localName)).containsExactly("show", "priority", "c");
        assertThat(q.toBuilder().show(null).noPriority().build().element().elements().map(XmlElement::localName))
            .containsExactly("c");
    }
}
