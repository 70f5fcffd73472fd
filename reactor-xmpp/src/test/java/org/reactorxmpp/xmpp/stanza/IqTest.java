package org.reactorxmpp.xmpp.stanza;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.xml.XmlElement;

class IqTest {

    private static final String NS = "jabber:client";
    private static final XmlElement PING = XmlElement.empty("urn:xmpp:ping", "ping");
    private static final XmlElement ROSTER = XmlElement.empty("jabber:iq:roster", "query");

    @Test
    void getHasRandomIdRecipientAndPayload() {
        Iq a = Iq.get(Jid.parse("example.com"), PING);
        Iq b = Iq.get(null, PING);
        assertThat(a.type()).isEqualTo(Iq.Type.GET);
        assertThat(a.isRequest()).isTrue();
        assertThat(a.id()).isNotBlank().isNotEqualTo(b.id());
        assertThat(a.to()).isEqualTo(Jid.parse("example.com"));
        assertThat(b.toText()).isNull();
        assertThat(a.payload()).contains(PING);
        assertThat(Iq.set(null, ROSTER).type()).isEqualTo(Iq.Type.SET);
    }

    @Test
    void resultWithSwapsAddressesAndKeepsId() {
        Iq request = Iq.builder(Iq.Type.GET).id("rr82a1z7").from(Jid.parse("juliet@example.com/balcony"))
            .to(Jid.parse("example.com")).payload(ROSTER).build();

        Iq result = request.resultWith(XmlElement.builder("jabber:iq:roster", "query").attribute("ver", "ver7").build());

        assertThat(result.type()).isEqualTo(Iq.Type.RESULT);
        assertThat(result.id()).isEqualTo("rr82a1z7");
        assertThat(result.toText()).isEqualTo("juliet@example.com/balcony");
        assertThat(result.fromText()).isEqualTo("example.com");
        assertThat(result.payload()).map(p -> p.attribute("ver")).contains("ver7");
        Iq empty = request.resultWith(null);
        assertThat(empty.payload()).isEmpty();
        assertThat(empty.element().children()).isEmpty();
    }

    @Test
    void resultWithWorksWithoutAddresses() {
        Iq result = Iq.builder(Iq.Type.SET).id("x").payload(PING).build().resultWith(null);
        assertThat(result.element().attribute("to")).isNull();
        assertThat(result.element().attribute("from")).isNull();
    }

    @Test
    void errorWithSwapsAddressesAndCarriesTheError() {
        Iq request = Iq.builder(Iq.Type.SET).id("s1").from(Jid.parse("a@b.c/d")).to(Jid.parse("b.c")).payload(ROSTER)
            .build();
        StanzaError err = StanzaError.of(StanzaError.Condition.FEATURE_NOT_IMPLEMENTED, "no roster here");

        Iq reply = request.errorWith(err);

        assertThat(reply.type()).isEqualTo(Iq.Type.ERROR);
        assertThat(reply.id()).isEqualTo("s1");
        assertThat(reply.to()).isEqualTo(Jid.parse("a@b.c/d"));
        assertThat(reply.from()).isEqualTo(Jid.parse("b.c"));
        assertThat(reply.error()).contains(err);
        assertThat(reply.payload()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = Iq.Type.class, names = {"RESULT", "ERROR", "UNKNOWN"})
    void onlyRequestsCanBeAnswered(Iq.Type type) {
        XmlElement e = XmlElement.builder(NS, "iq").attribute("id", "1")
            .attribute("type", type == Iq.Type.UNKNOWN ? "bogus" : type.value()).build();
        Iq iq = Iq.of(e);
        assertThatThrownBy(() -> iq.resultWith(null)).isInstanceOf(InvalidStanzaException.class)
            .hasMessageContaining("only a get or set");
        assertThatThrownBy(() -> iq.errorWith(StanzaError.of(StanzaError.Condition.BAD_REQUEST)))
            .isInstanceOf(InvalidStanzaException.class);
    }

    @Test
    void requestWithoutIdCannotBeAnswered() {
        Iq iq = Iq.of(XmlElement.builder(NS, "iq").attribute("type", "get").child(PING).build());
        assertThat(iq.id()).isNull();
        assertThatThrownBy(() -> iq.resultWith(null)).isInstanceOf(InvalidStanzaException.class)
            .hasMessageContaining("without id");
    }

    @Test
    void buildRequiresId() {
        assertThatThrownBy(() -> Iq.builder(Iq.Type.GET).id(null).payload(PING).build())
            .isInstanceOf(InvalidStanzaException.class).hasMessageContaining("requires an id");
        assertThatThrownBy(() -> Iq.builder(Iq.Type.RESULT).id("").build())
            .isInstanceOf(InvalidStanzaException.class).hasMessageContaining("requires an id");
    }

    @ParameterizedTest
    @EnumSource(value = Iq.Type.class, names = {"GET", "SET"})
    void requestsNeedExactlyOnePayload(Iq.Type type) {
        assertThatThrownBy(() -> Iq.builder(type).build())
            .isInstanceOf(InvalidStanzaException.class).hasMessageContaining("exactly one payload");
        assertThatThrownBy(() -> Iq.builder(type).payload(PING).child(ROSTER).build())
            .isInstanceOf(InvalidStanzaException.class).hasMessageContaining("exactly one payload");
        assertThat(Iq.builder(type).payload(ROSTER).payload(PING).build().payload()).contains(PING);
    }

    @Test
    void resultHasAtMostOnePayloadAndErrorNeedsAnError() {
        assertThatThrownBy(() -> Iq.builder(Iq.Type.RESULT).child(PING).child(ROSTER).build())
            .isInstanceOf(InvalidStanzaException.class).hasMessageContaining("at most one");
        assertThatThrownBy(() -> Iq.builder(Iq.Type.ERROR).build())
            .isInstanceOf(InvalidStanzaException.class).hasMessageContaining("<error/>");
        assertThatThrownBy(() -> Iq.builder(Iq.Type.UNKNOWN)).isInstanceOf(InvalidStanzaException.class);
    }

    @Test
    void payloadSkipsTheErrorElement() {
        XmlElement e = XmlElement.builder(NS, "iq").attribute("type", "error").attribute("id", "e")
            .child(StanzaError.of(StanzaError.Condition.BAD_REQUEST).toElement())
            .child(ROSTER).build();
        Iq iq = Iq.of(e);
        assertThat(iq.payload()).contains(ROSTER);
        assertThat(iq.error()).map(StanzaError::condition).contains(StanzaError.Condition.BAD_REQUEST);
    }

    @ParameterizedTest
    @CsvSource({"get,GET", "set,SET", "result,RESULT", "error,ERROR", "GET,UNKNOWN", "query,UNKNOWN"})
    void typeValues(String value, Iq.Type expected) {
        assertThat(Iq.of(XmlElement.builder(NS, "iq").attribute("type", value).build()).type()).isEqualTo(expected);
    }

    @Test
    void missingTypeIsUnknown() {
        assertThat(Iq.of(XmlElement.empty(NS, "iq")).type()).isEqualTo(Iq.Type.UNKNOWN);
    }
}
