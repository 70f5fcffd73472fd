package org.reactorxmpp.xmpp.stanza;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlName;

class MessageTest {

    private static final String NS = "jabber:client";

    @Test
    void builderWritesAddressesTypeBodySubjectAndThread() {
        Message m = Message.builder()
            .to(Jid.parse("juliet@example.com"))
            .from(Jid.parse("romeo@example.net/orchard"))
            .id("ktx72v49")
            .type(Message.Type.CHAT)
            .subject("Hi")
            .body("Art thou not Romeo, and a Montague?")
            .thread("e0ffe42b28561960c6b12b944a092794b9683a38", "5e5a3e2b")
            .build();

        XmlElement e = m.element();
        assertThat(e.name()).isEqualTo(XmlName.of(NS, "message"));
        assertThat(e.attribute("to")).isEqualTo("juliet@example.com");
        assertThat(e.attribute("from")).isEqualTo("romeo@example.net/orchard");
        assertThat(e.attribute("type")).isEqualTo("chat");
        assertThat(m.id()).isEqualTo("ktx72v49");
        assertThat(m.to()).isEqualTo(Jid.parse("juliet@example.com"));
        assertThat(m.from()).isEqualTo(Jid.parse("romeo@example.net/orchard"));
        assertThat(m.type()).isEqualTo(Message.Type.CHAT);
        assertThat(m.body()).isEqualTo("Art thou not Romeo, and a Montague?");
        assertThat(m.subject()).isEqualTo("Hi");
        assertThat(m.thread()).contains("e0ffe42b28561960c6b12b944a092794b9683a38");
        assertThat(m.threadParent()).contains("5e5a3e2b");
        assertThat(m.error()).isEmpty();
    }

    @Test
    void absentTypeIsNormalAndAbsentFieldsAreEmpty() {
        Message m = Message.of(XmlElement.empty(NS, "message"));
        assertThat(m.type()).isEqualTo(Message.Type.NORMAL);
        assertThat(m.body()).isNull();
        assertThat(m.subject()).isNull();
        assertThat(m.bodies()).isEmpty();
        assertThat(m.thread()).isEmpty();
        assertThat(m.threadParent()).isEmpty();
        assertThat(m.id()).isNull();
        assertThat(m.from()).isNull();
        assertThat(m.to()).isNull();
        assertThat(m.lang()).isNull();
    }

    @ParameterizedTest
    @CsvSource({"chat,CHAT", "error,ERROR", "groupchat,GROUPCHAT", "headline,HEADLINE", "normal,NORMAL",
        "Chat,UNKNOWN", "whisper,UNKNOWN", "'',UNKNOWN"})
    void typeValuesMapToEnumAndUnknownFallsBack(String value, Message.Type expected) {
        Message m = Message.of(XmlElement.builder(NS, "message").attribute("type", value).build());
        assertThat(m.type()).isEqualTo(expected);
    }

    @Test
    void unknownTypeCannotBeBuilt() {
        assertThatThrownBy(() -> Message.builder().type(Message.Type.UNKNOWN))
            .isInstanceOf(InvalidStanzaException.class).hasMessageContaining("UNKNOWN");
    }

    @Test
    void bodiesPerLanguageAndDefaultLanguageBody() {
        // RFC 6121 section 5.2.3 style: default body without xml:lang plus a translation
        Message m = Message.builder().lang("en")
            .body("Wherefore art thou, Romeo?")
            .body("cs", "Pro\u010D jsi ty, Romeo?")
            .build();
        assertThat(m.body()).isEqualTo("Wherefore art thou, Romeo?");
        assertThat(m.bodies()).containsExactly(
            java.util.Map.entry("en", "Wherefore art thou, Romeo?"),
            java.util.Map.entry("cs", "Pro\u010D jsi ty, Romeo?"));
    }

    @Test
    void defaultBodyMatchesStanzaLanguageWhenEveryBodyHasOne() {
        XmlElement e = XmlElement.builder(NS, "message").attribute(XmlName.XML_LANG, "en")
            .child(XmlElement.builder(NS, "body").attribute(XmlName.XML_LANG, "de").text("Hallo").build())
            .child(XmlElement.builder(NS, "body").attribute(XmlName.XML_LANG, "en").text("Hello").build())
            .build();
        assertThat(Message.of(e).body()).isEqualTo("Hello");
        assertThat(Message.of(e).bodies()).containsOnlyKeys("de", "en");
    }

    @Test
    void firstBodyIsTheFallbackWhenNoneIsInTheDefaultLanguage() {
        XmlElement e = XmlElement.builder(NS, "message")
            .attribute(XmlName.XML_LANG, "en")
            .child(XmlElement.builder(NS, "body").attribute(XmlName.XML_LANG, "fr").text("Salut").build())
            .build();
        assertThat(Message.of(e).body()).isEqualTo("Salut");
    }

    @Test
    void bodyWithoutLanguageIsKeyedByEmptyStringWhenStanzaHasNoLanguage() {
        Message m = Message.builder().body("hi").build();
        assertThat(m.bodies()).containsExactly(java.util.Map.entry("", "hi"));
    }

    @Test
    void toBuilderReplacesBodyInPlaceAndKeepsUnknownChildren() {
        XmlElement custom = XmlElement.builder("urn:example:x", "x").attribute("a", "1").build();
        Message original = Message.builder().body("one").child(custom).body("fr", "un").build();

        Message changed = original.toBuilder().body("two").subject(null).build();

        assertThat(changed.body()).isEqualTo("two");
        assertThat(changed.bodies()).containsEntry("fr", "un");
        assertThat(changed.element().elements().map(XmlElement::localName)).containsExactly("body", "x", "body");
        assertThat(changed.element().element(custom.name())).isEqualTo(custom);
        assertThat(original.body()).isEqualTo("one");
    }

    @Test
    void nullBodyRemovesIt() {
        Message m = Message.builder().body("x").body(null).build();
        assertThat(m.body()).isNull();
        assertThat(m.element().children()).isEmpty();
    }

    @Test
    void threadWithoutParent() {
        Message m = Message.builder().thread("t1").build();
        assertThat(m.thread()).contains("t1");
        assertThat(m.threadParent()).isEmpty();
        assertThat(m.toBuilder().thread(null).build().thread()).isEmpty();
    }

    @Test
    void withCopiesChangeOneAttribute() {
        Message m = Message.builder().id("a").body("b").build();
        Message c = m.withId("z").withTo(Jid.parse("x@y.z")).withFrom(Jid.parse("y.z"));
        assertThat(c.id()).isEqualTo("z");
        assertThat(c.toText()).isEqualTo("x@y.z");
        assertThat(c.fromText()).isEqualTo("y.z");
        assertThat(c.body()).isEqualTo("b");
        assertThat(m.id()).isEqualTo("a");
        assertThat(c.withId(null).id()).isNull();
    }

    @Test
    void ofRejectsOtherElements() {
        assertThatThrownBy(() -> Message.of(XmlElement.empty(NS, "presence")))
            .isInstanceOf(InvalidStanzaException.class).hasMessageContaining("message");
        assertThatThrownBy(() -> Message.of(XmlElement.empty("jabber:server", "message")))
            .isInstanceOf(InvalidStanzaException.class).hasMessageContaining("jabber:server");
    }
}
