package org.reactorxmpp.xmpp.stanza;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlName;
import org.reactorxmpp.xmpp.xml.XmlReader;
import org.reactorxmpp.xmpp.xml.XmlWriter;

class StanzaErrorTest {

    private static final String NS = StanzaError.NAMESPACE;

    @ParameterizedTest
    @EnumSource(value = StanzaError.Condition.class, mode = EnumSource.Mode.EXCLUDE, names = "UNKNOWN")
    void everyConditionRoundTripsThroughXml(StanzaError.Condition condition) {
        StanzaError error = StanzaError.builder(condition).text("en", "why: " + condition.elementName()).by("example.com")
            .build();

        XmlElement element = error.toElement();
        assertThat(element.name()).isEqualTo(XmlName.of("jabber:client", "error"));
        assertThat(element.attribute("type")).isEqualTo(condition.defaultType().value());
        assertThat(element.element(NS, condition.elementName())).isNotNull();

        // through bytes and the real reader, not just the tree
        XmlElement reread = XmlReader.create().read(XmlWriter.toBytes(element));
        StanzaError back = StanzaError.from(reread);

        assertThat(back).isEqualTo(error);
        assertThat(back.condition()).isEqualTo(condition);
        assertThat(back.conditionName()).contains(condition.elementName());
        assertThat(back.text()).contains("why: " + condition.elementName());
        assertThat(back.textLang()).contains("en");
        assertThat(back.by()).contains("example.com");
        assertThat(StanzaError.Condition.of(condition.elementName())).isEqualTo(condition);
    }

    @ParameterizedTest
    @EnumSource(StanzaError.Type.class)
    void everyTypeRoundTrips(StanzaError.Type type) {
        StanzaError e = StanzaError.builder(StanzaError.Condition.UNDEFINED_CONDITION).type(type).build();
        assertThat(e.toElement().attribute("type")).isEqualTo(type.name().toLowerCase());
        assertThat(StanzaError.from(e.toElement()).type()).isEqualTo(type);
    }

    @Test
    void defaultTypesFollowTheRfc() {
        assertThat(StanzaError.of(StanzaError.Condition.SERVICE_UNAVAILABLE).type()).isEqualTo(StanzaError.Type.CANCEL);
        assertThat(StanzaError.of(StanzaError.Condition.NOT_AUTHORIZED).type()).isEqualTo(StanzaError.Type.AUTH);
        assertThat(StanzaError.of(StanzaError.Condition.BAD_REQUEST).type()).isEqualTo(StanzaError.Type.MODIFY);
        assertThat(StanzaError.of(StanzaError.Condition.RESOURCE_CONSTRAINT).type()).isEqualTo(StanzaError.Type.WAIT);
        assertThat(StanzaError.Condition.values()).hasSize(23); // 22 RFC 6120 conditions + UNKNOWN
    }

    @ParameterizedTest
    @EnumSource(value = StanzaError.Condition.class, names = {"GONE", "REDIRECT"})
    void goneAndRedirectCarryAnAddress(StanzaError.Condition condition) {
        StanzaError e = StanzaError.builder(condition).alternateAddress("xmpp:romeo@afterlife.example.net").build();
        XmlElement el = e.toElement();
        assertThat(el.element(NS, condition.elementName()).text()).isEqualTo("xmpp:romeo@afterlife.example.net");
        assertThat(StanzaError.from(el).alternateAddress()).contains("xmpp:romeo@afterlife.example.net");
        assertThat(StanzaError.from(el)).isEqualTo(e);
        assertThat(StanzaError.from(StanzaError.of(condition).toElement()).alternateAddress()).isEmpty();
    }

    @Test
    void addressOnOtherConditionsIsRefused() {
        assertThatThrownBy(() -> StanzaError.builder(StanzaError.Condition.CONFLICT).alternateAddress("xmpp:x@y").build())
            .isInstanceOf(InvalidStanzaException.class).hasMessageContaining("conflict");
    }

    @Test
    void applicationSpecificConditionRoundTrips() {
        // RFC 6120 section 8.3.2 example: <too-many-parameters xmlns='http://example.org/ns'/>
        XmlElement app = XmlElement.empty("http://example.org/ns", "too-many-parameters");
        StanzaError e = StanzaError.builder(StanzaError.Condition.BAD_REQUEST).applicationCondition(app).build();
        XmlElement el = e.toElement();
        assertThat(el.elements().map(XmlElement::localName)).containsExactly("bad-request", "too-many-parameters");
        StanzaError back = StanzaError.from(XmlReader.create().read(XmlWriter.toBytes(el)));
        assertThat(back.applicationCondition()).contains(app);
        assertThat(back).isEqualTo(e);
        assertThat(back.toString()).isEqualTo("bad-request (modify) [{http://example.org/ns}too-many-parameters]");
    }

    @Test
    void applicationConditionInTheStanzasNamespaceIsRefused() {
        assertThatThrownBy(() -> StanzaError.builder(StanzaError.Condition.BAD_REQUEST)
            .applicationCondition(XmlElement.empty(NS, "conflict")).build())
            .isInstanceOf(InvalidStanzaException.class);
    }

    @Test
    void unknownConditionIsReadAndItsNameKept() {
        XmlElement el = XmlElement.builder("jabber:client", "error").attribute("type", "wait")
            .child(XmlElement.empty(NS, "brand-new-condition")).build();
        StanzaError e = StanzaError.from(el);
        assertThat(e.condition()).isEqualTo(StanzaError.Condition.UNKNOWN);
        assertThat(e.conditionName()).contains("brand-new-condition");
        assertThat(e.type()).isEqualTo(StanzaError.Type.WAIT);
        assertThat(e.toElement()).isEqualTo(el);
        assertThatThrownBy(() -> StanzaError.of(StanzaError.Condition.UNKNOWN)).isInstanceOf(InvalidStanzaException.class);
    }

    @Test
    void missingConditionIsUnknownAndMissingTypeFallsBackToDefault() {
        StanzaError none = StanzaError.from(XmlElement.empty("jabber:client", "error"));
        assertThat(none.condition()).isEqualTo(StanzaError.Condition.UNKNOWN);
        assertThat(none.conditionName()).isEmpty();
        assertThat(none.toElement().element(NS, "undefined-condition")).isNotNull();

        XmlElement noType = XmlElement.builder("jabber:client", "error")
            .child(XmlElement.empty(NS, "not-authorized")).build();
        assertThat(StanzaError.from(noType).type()).isEqualTo(StanzaError.Type.AUTH);
        XmlElement badType = noType.toBuilder().attribute("type", "panic").build();
        assertThat(StanzaError.from(badType).type()).isEqualTo(StanzaError.Type.AUTH);
    }

    @Test
    void legacyCodeIsIgnoredInTheModelButStaysInTheStanza() {
        String xml = "<iq xmlns='jabber:client' type='error' id='x'><error code='503' type='cancel'>"
            + "<service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>";
        Iq iq = Iq.of(XmlReader.create().read(xml.getBytes(StandardCharsets.UTF_8)));
        StanzaError e = iq.error().orElseThrow();
        assertThat(e.condition()).isEqualTo(StanzaError.Condition.SERVICE_UNAVAILABLE);
        assertThat(e.toElement().attribute("code")).isNull();
        assertThat(iq.element().element(XmlName.of("jabber:client", "error")).attribute("code")).isEqualTo("503");
    }

    @Test
    void fromRejectsOtherElements() {
        assertThatThrownBy(() -> StanzaError.from(XmlElement.empty("jabber:client", "body")))
            .isInstanceOf(InvalidStanzaException.class).hasMessageContaining("body");
    }

    @Test
    void exceptionMessageAndTransience() {
        StanzaErrorException cancel = new StanzaErrorException(
            StanzaError.of(StanzaError.Condition.SERVICE_UNAVAILABLE, "no such service"), null);
        assertThat(cancel).hasMessage("service-unavailable (cancel): no such service");
        assertThat(cancel.isTransient()).isFalse();
        assertThat(cancel.stanza()).isEmpty();
        assertThat(cancel).isInstanceOf(org.reactorxmpp.xmpp.XmppException.class);

        StanzaErrorException wait = new StanzaErrorException(
            StanzaError.of(StanzaError.Condition.REMOTE_SERVER_TIMEOUT), null);
        assertThat(wait.isTransient()).isTrue();
        assertThat(wait.condition()).isEqualTo(StanzaError.Condition.REMOTE_SERVER_TIMEOUT);
    }
}
