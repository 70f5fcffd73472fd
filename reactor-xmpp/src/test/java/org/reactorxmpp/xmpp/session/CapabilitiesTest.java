package org.reactorxmpp.xmpp.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.stanza.Presence;
import org.reactorxmpp.xmpp.stanza.StanzaError;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlName;
import reactor.core.Disposable;
import reactor.test.StepVerifier;

/** The per-session capabilities registry on a real session: ver, presence re-send, disco#info per node#ver. */
class CapabilitiesTest {

    private static final Jid ROMEO = Jid.parse("romeo@example.net/orchard");
    private static final String DISCO = "http://jabber.org/protocol/disco#info";
    private static final String NODE = "https://example.org/bot";
    private static final String GEOLOC = "http://jabber.org/protocol/geoloc+notify";

    private final List<ScriptedServer> servers = new CopyOnWriteArrayList<>();

    private XmppSession connect() {
        return ScriptedSessions.client(ScriptedSessions.transport(servers)).capsNode(NODE)
            .build().connect().block(Duration.ofSeconds(10));
    }

    private ScriptedServer server() {
        return servers.get(servers.size() - 1);
    }

    private List<XmlElement> presences() {
        return server().stanzas.stream().filter(e -> e.localName().equals("presence")).toList();
    }

    private Iq disco(String node) {
        server().deliver(Iq.get(null, XmlElement.builder(DISCO, "query").attribute("node", node).build())
            .withFrom(ROMEO));
        List<Iq> iqs = server().sentIqs();
        return iqs.get(iqs.size() - 1);
    }

    private static List<String> features(Iq answer) {
        return answer.payload().orElseThrow().elements(XmlName.of(DISCO, "feature")).map(f -> f.attribute("var")).toList();
    }

    @Test
    void addingAFeatureChangesVerAndResendsTheLastBroadcastPresence() {
        XmppSession session = connect();
        Capabilities caps = session.capabilities();
        String base = caps.ver();
        session.send(Presence.builder().status("busy").show(Presence.Show.DND).build()).block(Duration.ofSeconds(5));
        session.send(Presence.builder().to(ROMEO).build()).block(Duration.ofSeconds(5)); // directed: not re-sent

        Disposable geoloc = caps.addFeature(GEOLOC);

        String withGeoloc = caps.ver();
        assertThat(withGeoloc).isNotEqualTo(base)
            .isEqualTo(EntityCaps.ver(caps.identities(), caps.features()));
        List<XmlElement> presences = presences();
        assertThat(presences).hasSize(3);
        Presence resent = Presence.of(presences.get(2));
        assertThat(resent.to()).isNull();
        assertThat(resent.status()).contains("busy");
        assertThat(resent.element().element(EntityCaps.NAMESPACE, "c").attribute("ver")).isEqualTo(withGeoloc);

        assertThat(features(disco(NODE + "#" + withGeoloc))).contains(GEOLOC);
        assertThat(disco(NODE + "#" + base).error().orElseThrow().condition())
            .as("a ver no longer advertised").isEqualTo(StanzaError.Condition.ITEM_NOT_FOUND);

        geoloc.dispose();
        geoloc.dispose();
        assertThat(caps.ver()).isEqualTo(base);
        assertThat(presences()).hasSize(4);
    }

    @Test
    void noPresenceIsSentWhenNoneWasBroadcastOrAfterUnavailable() {
        XmppSession session = connect();
        session.capabilities().addFeature(GEOLOC);
        assertThat(presences()).isEmpty();
        session.send(Presence.builder().build()).block(Duration.ofSeconds(5));
        session.send(Presence.builder().type(Presence.Type.UNAVAILABLE).build()).block(Duration.ofSeconds(5));
        session.capabilities().addFeature("urn:example:other");
        assertThat(presences()).hasSize(2);
    }

    @Test
    void verChangesReportEachNewVerAndCompleteWhenTheSessionEnds() {
        XmppSession session = connect();
        String base = session.capabilities().ver();
        StepVerifier.create(session.capabilities().verChanges())
            .then(() -> session.capabilities().addFeature(GEOLOC).dispose())
            .expectNextMatches(ver -> !ver.equals(base))
            .expectNext(base)
            .then(() -> session.close().block(Duration.ofSeconds(5)))
            .verifyComplete();
    }

    @Test
    void additionsAreCounted() {
        XmppSession session = connect();
        String base = session.capabilities().ver();
        Disposable one = session.capabilities().addFeature(GEOLOC);
        Disposable two = session.capabilities().addFeature(GEOLOC);
        String with = session.capabilities().ver();
        one.dispose();
        assertThat(session.capabilities().ver()).isEqualTo(with);
        two.dispose();
        assertThat(session.capabilities().ver()).isEqualTo(base);
    }

    @Test
    void discoInfoAnswersTheBaseAndEveryLiveVariantAndItemNotFoundOtherwise() {
        XmppSession session = connect();
        Capabilities caps = session.capabilities();
        Capabilities.Variant temp = caps.variant(List.of("http://webex.com/connect/temp-presence+notify"));
        assertThat(temp.ver()).isNotEqualTo(caps.ver());

        Iq base = disco(NODE + "#" + caps.ver());
        assertThat(base.type()).isEqualTo(Iq.Type.RESULT);
        assertThat(features(base)).doesNotContain("http://webex.com/connect/temp-presence+notify");
        Iq variant = disco(NODE + "#" + temp.ver());
        assertThat(variant.payload().orElseThrow().attribute("node")).isEqualTo(NODE + "#" + temp.ver());
        assertThat(features(variant)).containsAll(caps.features()).contains("http://webex.com/connect/temp-presence+notify");
        assertThat(EntityCaps.ver(caps.identities(), features(variant))).isEqualTo(temp.ver());
        assertThat(disco(NODE + "#bm90LWEtdmVy").error().orElseThrow().condition())
            .isEqualTo(StanzaError.Condition.ITEM_NOT_FOUND);

        // the variant follows the base
        String before = temp.ver();
        caps.addFeature(GEOLOC);
        assertThat(temp.ver()).isNotEqualTo(before);
        assertThat(features(disco(NODE + "#" + temp.ver()))).contains(GEOLOC);

        String last = temp.ver();
        temp.dispose();
        assertThat(disco(NODE + "#" + last).error().orElseThrow().condition())
            .isEqualTo(StanzaError.Condition.ITEM_NOT_FOUND);
    }
}
