package org.reactorxmpp.xmpp.extension.delay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.reactorxmpp.xmpp.extension.ExtensionDecodeException;
import org.reactorxmpp.xmpp.extension.ExtensionCodec;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.stanza.Stanza;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlReader;

class DelayExtensionTest {

    @Test
    void xep0203ExampleInAMessage() {
        // XEP-0203 example 1
        String xml = "<message from='romeo@montague.net/orchard' to='juliet@capulet.com' type='chat'"
            + " xmlns='jabber:client'><body>O blessed, blessed night! I am afeard.</body>"
            + "<delay xmlns='urn:xmpp:delay' from='capulet.com' stamp='2002-09-10T23:08:25Z'>"
            + "Offline Storage</delay></message>";
        Message m = (Message) Stanza.of(XmlReader.create().read(xml.getBytes(StandardCharsets.UTF_8)));

        Delay d = m.extension(Delay.CODEC).orElseThrow();

        assertThat(d.stamp()).isEqualTo(Instant.parse("2002-09-10T23:08:25Z"));
        assertThat(d.from()).isEqualTo(Jid.parse("capulet.com"));
        assertThat(d.text()).isEqualTo("Offline Storage");
        assertThat(m.body()).isEqualTo("O blessed, blessed night! I am afeard.");
    }

    @Test
    void encodeDecodeRoundTripAndBuilderExtension() {
        Delay d = new Delay(Instant.parse("2002-09-10T23:08:25.123Z"), Jid.parse("capulet.com"), "Offline Storage");
        Message m = Message.builder().body("hi").extension(Delay.CODEC, d).build();

        XmlElement e = m.element().element(Delay.CODEC.name());
        assertThat(e.attribute("stamp")).isEqualTo("2002-09-10T23:08:25.123Z");
        assertThat(e.attribute("from")).isEqualTo("capulet.com");
        assertThat(e.text()).isEqualTo("Offline Storage");
        assertThat(m.extension(Delay.CODEC)).contains(d);
        assertThat(ExtensionCodec.decode(Delay.CODEC, Delay.CODEC.encode(Delay.of(d.stamp())))).isEqualTo(Delay.of(d.stamp()));
        assertThat(Message.builder().build().extension(Delay.CODEC)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"2002-09-10T23:08:25Z,2002-09-10T23:08:25Z", "2002-09-10T23:08:25.5Z,2002-09-10T23:08:25.500Z",
        "2002-09-10T23:08:25-06:00,2002-09-11T05:08:25Z", "2002-09-10T23:08:25+02:00,2002-09-10T21:08:25Z"})
    void xep0082Timestamps(String stamp, String instant) {
        XmlElement e = XmlElement.builder(Delay.NAMESPACE, "delay").attribute("stamp", stamp).build();
        assertThat(ExtensionCodec.decode(Delay.CODEC, e).stamp()).isEqualTo(Instant.parse(instant));
    }

    @Test
    void invalidDelaysAreTypedErrors() {
        XmlElement noStamp = XmlElement.empty(Delay.NAMESPACE, "delay");
        assertThatThrownBy(() -> ExtensionCodec.decode(Delay.CODEC, noStamp))
            .isInstanceOf(ExtensionDecodeException.class).hasMessageContaining("stamp");
        XmlElement noZone = XmlElement.builder(Delay.NAMESPACE, "delay").attribute("stamp", "2002-09-10T23:08:25").build();
        assertThatThrownBy(() -> ExtensionCodec.decode(Delay.CODEC, noZone))
            .isInstanceOf(ExtensionDecodeException.class).hasMessageContaining("2002-09-10T23:08:25");
        XmlElement badFrom = XmlElement.builder(Delay.NAMESPACE, "delay").attribute("stamp", "2002-09-10T23:08:25Z")
            .attribute("from", "a@").build();
        assertThatThrownBy(() -> ExtensionCodec.decode(Delay.CODEC, badFrom))
            .isInstanceOf(ExtensionDecodeException.class).hasMessageContaining("from");
    }
}
