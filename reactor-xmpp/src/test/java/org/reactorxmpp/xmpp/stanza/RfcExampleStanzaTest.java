package org.reactorxmpp.xmpp.stanza;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Objects;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlName;
import org.reactorxmpp.xmpp.xml.XmlReader;
import org.reactorxmpp.xmpp.xml.XmlWriter;

/** RFC 6120 / RFC 6121 example stanzas (typed from the specs) read from text into typed stanzas. */
class RfcExampleStanzaTest {

    private static Stanza read(String resource) {
        try (InputStream in = RfcExampleStanzaTest.class.getResourceAsStream("/stanza/" + resource)) {
            return Stanza.of(XmlReader.create().read(Objects.requireNonNull(in, resource).readAllBytes()));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void rosterPush() {
        Iq iq = (Iq) read("rfc6121-roster-push.xml");
        assertThat(iq.type()).isEqualTo(Iq.Type.SET);
        assertThat(iq.id()).isEqualTo("a78b4q6ha463");
        assertThat(iq.to()).isEqualTo(Jid.parse("juliet@example.com/chamber"));
        assertThat(iq.from()).isNull();
        XmlElement query = iq.payload().orElseThrow();
        assertThat(query.name()).isEqualTo(XmlName.of("jabber:iq:roster", "query"));
        assertThat(query.element("jabber:iq:roster", "item").attribute("jid")).isEqualTo("nurse@example.com");

        Iq ack = iq.resultWith(null);
        assertThat(ack.id()).isEqualTo("a78b4q6ha463");
        assertThat(ack.from()).isEqualTo(Jid.parse("juliet@example.com/chamber"));
        assertThat(ack.toText()).isNull();
    }

    @Test
    void subscriptionRequest() {
        Presence p = (Presence) read("rfc6121-subscription-request.xml");
        assertThat(p.type()).isEqualTo(Presence.Type.SUBSCRIBE);
        assertThat(p.id()).isEqualTo("xk3h1v69");
        assertThat(p.from()).isEqualTo(Jid.parse("romeo@example.net"));
        assertThat(p.to()).isEqualTo(Jid.parse("juliet@example.com"));
        assertThat(p.show()).isEmpty();
        assertThat(p.priority()).isZero();
    }

    @Test
    void presenceWithShowStatusesAndPriority() {
        Presence p = (Presence) read("rfc6121-presence-show-status.xml");
        assertThat(p.type()).isEqualTo(Presence.Type.AVAILABLE);
        assertThat(p.lang()).isEqualTo("en");
        assertThat(p.show()).contains(Presence.Show.DND);
        assertThat(p.status()).isEqualTo("Wooing Juliet");
        assertThat(p.statuses()).containsExactly(Map.entry("en", "Wooing Juliet"),
            Map.entry("cs", "Dvo\u0159\u00edm se Julii"));
        assertThat(p.priority()).isEqualTo(1);
    }

    @Test
    void messageWithLanguagesAndThread() {
        Message m = (Message) read("rfc6121-message-languages.xml");
        assertThat(m.type()).isEqualTo(Message.Type.CHAT);
        assertThat(m.id()).isEqualTo("z94nb37h");
        assertThat(m.body()).isEqualTo("Wherefore art thou, Romeo?");
        assertThat(m.bodies()).containsEntry("cs", "Pro\u010de\u017e jsi ty, Romeo?").hasSize(2);
        assertThat(m.thread()).contains("e0ffe42b28561960c6b12b944a092794b9683a38");
        assertThat(m.threadParent()).contains("7edac73ab41e45c4aafa7b2d7b749080");
    }

    @Test
    void iqErrorWithOriginalPayload() {
        Iq iq = (Iq) read("rfc6120-iq-error.xml");
        assertThat(iq.type()).isEqualTo(Iq.Type.ERROR);
        assertThat(iq.payload()).map(XmlElement::name).contains(XmlName.of("urn:xmpp:ping", "ping"));
        StanzaError e = iq.error().orElseThrow();
        assertThat(e.condition()).isEqualTo(StanzaError.Condition.SERVICE_UNAVAILABLE);
        assertThat(e.type()).isEqualTo(StanzaError.Type.CANCEL);
        assertThat(e.text()).isEmpty();
        assertThat(StanzaErrorException.of(iq)).hasMessage("service-unavailable (cancel)");
    }

    @Test
    void messageErrorWithTextAndApplicationCondition() {
        Message m = (Message) read("rfc6120-message-error-app-specific.xml");
        assertThat(m.type()).isEqualTo(Message.Type.ERROR);
        StanzaError e = m.error().orElseThrow();
        assertThat(e.condition()).isEqualTo(StanzaError.Condition.BAD_REQUEST);
        assertThat(e.type()).isEqualTo(StanzaError.Type.MODIFY);
        assertThat(e.by()).contains("example.net");
        assertThat(e.text()).contains("Some special application diagnostic information!");
        assertThat(e.textLang()).contains("en");
        assertThat(e.applicationCondition()).contains(XmlElement.empty("http://example.org/ns", "too-many-parameters"));
    }

    @Test
    void goneWithNewAddressSurroundedByWhitespace() {
        StanzaError e = read("rfc6120-gone.xml").error().orElseThrow();
        assertThat(e.condition()).isEqualTo(StanzaError.Condition.GONE);
        assertThat(e.alternateAddress()).contains("xmpp:romeo@afterlife.example.net");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rfc6121-roster-push.xml", "rfc6121-subscription-request.xml",
        "rfc6121-presence-show-status.xml", "rfc6121-message-languages.xml", "rfc6120-iq-error.xml",
        "rfc6120-message-error-app-specific.xml", "rfc6120-gone.xml", "unknown-content.xml"})
    void everyExampleSurvivesWriteAndReread(String resource) {
        Stanza s = read(resource);
        Stanza again = Stanza.of(XmlReader.create().read(XmlWriter.toBytes(s.element())));
        assertThat(again).isEqualTo(s);
        Stanza copy = again.withId("changed").withId(s.id());
        assertThat(copy).isEqualTo(s);
    }

    @Test
    void unknownContentIsPreservedWhenReadingAndRewriting() {
        Message m = (Message) read("unknown-content.xml");
        assertThat(m.body()).isEqualTo("hi");
        assertThat(m.element().attribute(XmlName.of("urn:example:ext", "flag"))).isEqualTo("on");

        Message rebuilt = m.toBuilder().body("bye").build();
        XmlElement reread = XmlReader.create().read(XmlWriter.toBytes(rebuilt.element()));

        XmlElement envelope = reread.element("urn:example:ext", "envelope");
        assertThat(envelope.attribute("priority")).isEqualTo("high");
        assertThat(envelope.element("urn:example:ext", "part").text()).isEqualTo("one & two");
        assertThat(envelope.element("urn:example:other", "other")).isNotNull();
        assertThat(reread.element("http://jabber.org/protocol/chatstates", "active")).isNotNull();
        assertThat(reread.attribute(XmlName.of("urn:example:ext", "flag"))).isEqualTo("on");
        assertThat(Message.of(reread).body()).isEqualTo("bye");
        assertThat(envelope).isEqualTo(m.element().element("urn:example:ext", "envelope"));
    }
}
