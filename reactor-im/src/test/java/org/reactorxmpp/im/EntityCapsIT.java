package org.reactorxmpp.im;

import static org.assertj.core.api.Assertions.assertThat;
import static org.reactorxmpp.im.testing.ImTesting.TIMEOUT;
import static org.reactorxmpp.im.testing.ImTesting.expect;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.reactorxmpp.im.quickcontacts.QuickContacts;
import org.reactorxmpp.im.quickcontacts.QuickContactsOptions;
import org.reactorxmpp.im.testing.ImTesting;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.session.DiscoIdentity;
import org.reactorxmpp.xmpp.session.EntityCaps;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.stanza.Presence;
import org.reactorxmpp.xmpp.stanza.StanzaError;
import org.reactorxmpp.xmpp.stanza.StanzaErrorException;
import org.reactorxmpp.xmpp.testing.OnBothServers;
import org.reactorxmpp.xmpp.testing.TestAccount;
import org.reactorxmpp.xmpp.testing.XmppTestServer;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlName;
import reactor.core.publisher.Mono;

/**
 * XEP-0115 through a real server: another account asks a session disco#info for the {@code node#ver}
 * of each caps the session advertises (the base one and the quick contacts' temp-presence one) and
 * gets the features that hash to that ver; an unknown ver is {@code item-not-found}.
 */
@OnBothServers
class EntityCapsIT {

    private static final String DISCO = "http://jabber.org/protocol/disco#info";

    @Parameter
    XmppTestServer server;

    // two fresh accounts per test: no roster, caps cache or PEP state shared with another test
    private List<TestAccount> accounts;

    @BeforeEach
    void accounts() {
        accounts = server.newAccounts("caps", 2);
    }

    private XmppSession connect(String user, String resource) {
        return ImTesting.connect(server, accounts.get(Integer.parseInt(user.substring("caps".length())) - 1), resource);
    }

    private XmppSession alice;
    private XmppSession bob;

    @AfterEach
    void close() {
        ImTesting.closeAll(alice, bob);
    }

    /** @return the {@code <c/>} of the next directed presence bob receives from alice */
    private ImTesting.Awaited<Presence> nextPresenceFromAlice() {
        return expect(bob.presences(), p -> alice.jid().equals(p.from())
            && p.element().element(EntityCaps.NAMESPACE, "c") != null);
    }

    private static XmlElement caps(Presence p) {
        return p.element().element(EntityCaps.NAMESPACE, "c");
    }

    private Iq askAlice(String node) {
        return bob.request(Iq.get(alice.jid(), XmlElement.builder(DISCO, "query").attribute("node", node).build()))
            .block(TIMEOUT);
    }

    private static List<String> features(Iq answer) {
        return answer.payload().orElseThrow().elements(XmlName.of(DISCO, "feature")).map(f -> f.attribute("var")).toList();
    }

    private static List<DiscoIdentity> identities(Iq answer) {
        return answer.payload().orElseThrow().elements(XmlName.of(DISCO, "identity"))
            .map(i -> DiscoIdentity.of(i.attribute("category"), i.attribute("type"), i.attribute("name"))).toList();
    }

    @Test
    void discoInfoAnswersTheBaseAndTheTempPresenceVerAndItemNotFoundForAnUnknownOne() {
        alice = connect("caps1", "desk");
        bob = connect("caps2", "phone");
        // connect() returns once bob's initial presence is sent, not processed; a server drops a presence
        // directed to a bare JID with no available resource (seen on both servers as a 20 s wait below).
        // The server handles one session's stanzas in order: a ping answered proves bob is available.
        bob.request(Iq.get(Jid.domain(server.host()), XmlElement.empty("urn:xmpp:ping", "ping"))).block(TIMEOUT);
        QuickContacts quick = QuickContacts.of(alice);

        // the temp-presence caps arrive in the directed presence that subscribes, the base caps in the one that ends it
        var subscribing = nextPresenceFromAlice();
        quick.subscribe(bob.jid().asBare()).block(TIMEOUT);
        XmlElement temp = caps(subscribing.get());
        var unsubscribing = nextPresenceFromAlice();
        quick.unsubscribe(bob.jid().asBare()).block(TIMEOUT);
        XmlElement base = caps(unsubscribing.get());
        assertThat(temp.attribute("ver")).isNotEqualTo(base.attribute("ver"));
        assertThat(base.attribute("ver")).isEqualTo(alice.capabilities().ver());

        Iq baseInfo = askAlice(base.attribute("node") + "#" + base.attribute("ver"));
        assertThat(features(baseInfo)).contains(EntityCaps.NAMESPACE, DISCO)
            .doesNotContain(QuickContactsOptions.TEMP_PRESENCE_NOTIFY);
        assertThat(EntityCaps.ver(identities(baseInfo), features(baseInfo))).isEqualTo(base.attribute("ver"));

        Iq tempInfo = askAlice(temp.attribute("node") + "#" + temp.attribute("ver"));
        assertThat(tempInfo.payload().orElseThrow().attribute("node"))
            .isEqualTo(temp.attribute("node") + "#" + temp.attribute("ver"));
        assertThat(features(tempInfo)).containsAll(features(baseInfo)).contains(QuickContactsOptions.TEMP_PRESENCE_NOTIFY);
        assertThat(EntityCaps.ver(identities(tempInfo), features(tempInfo))).isEqualTo(temp.attribute("ver"));

        StanzaErrorException unknown = (StanzaErrorException) bob.request(Iq.get(alice.jid(),
                XmlElement.builder(DISCO, "query").attribute("node", base.attribute("node") + "#bm8gc3VjaCB2ZXI=").build()))
            .then(Mono.<Throwable>empty()).onErrorResume(Mono::just).block(TIMEOUT);
        assertThat(unknown.condition()).isEqualTo(StanzaError.Condition.ITEM_NOT_FOUND);
    }
}
