package org.reactorxmpp.im.geoloc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.reactorxmpp.im.testing.ImTesting.TIMEOUT;
import static org.reactorxmpp.im.testing.ImTesting.connect;
import static org.reactorxmpp.im.testing.ImTesting.expect;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.reactorxmpp.im.pubsub.PubSub;
import org.reactorxmpp.im.pubsub.PubSubEvent;
import org.reactorxmpp.im.roster.AutoAccept;
import org.reactorxmpp.im.roster.Roster;
import org.reactorxmpp.im.roster.RosterOptions;
import org.reactorxmpp.im.roster.Subscription;
import org.reactorxmpp.im.testing.ImTesting;
import org.reactorxmpp.xmpp.session.EntityCaps;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.testing.OnBothServers;
import org.reactorxmpp.xmpp.testing.TestAccount;
import org.reactorxmpp.xmpp.testing.XmppTestServer;
import reactor.core.Disposable;

/** PEP geolocation between two contacts: +notify through the capabilities registry, on each server. */
@OnBothServers
class GeoLocationIT {

    private static final String NOTIFY = Geoloc.NAMESPACE + "+notify";

    @Parameter
    XmppTestServer server;

    private XmppSession alice;
    private XmppSession bob;

    @BeforeEach
    void contacts() {
        List<TestAccount> accounts = server.newAccounts("geoloc", 2);
        alice = connect(server, accounts.get(0), "desk");
        bob = connect(server, accounts.get(1), "phone");
        RosterOptions mutual = RosterOptions.builder().autoAccept(AutoAccept.ALWAYS).autoSubscribe(true).build();
        Roster aliceRoster = Roster.of(alice, mutual);
        aliceRoster.load().block(TIMEOUT);
        Roster.of(bob, mutual).load().block(TIMEOUT);
        var both = expect(aliceRoster.changes(), c -> c.item().jid().equals(bob.jid().asBare())
            && c.item().subscription() == Subscription.BOTH);
        aliceRoster.subscribe(bob.jid().asBare()).block(TIMEOUT);
        both.get();
    }

    @AfterEach
    void close() {
        ImTesting.closeAll(alice, bob);
    }

    @Test
    void aContactWithTheInterestReceivesLocationsAndStopsAfterWithdrawingIt() {
        GeoLocation mine = GeoLocation.of(alice);
        Geoloc verona = Geoloc.builder().lat(45.4384).lon(10.9916).accuracy(20.0).locality("Verona").country("Italy").build();
        mine.publish(verona).block(TIMEOUT);

        // bob's interest: +notify in his caps, presence re-sent, the server asks disco#info for the new ver
        java.util.Set<String> withInterest = new java.util.LinkedHashSet<>(bob.capabilities().features());
        withInterest.add(NOTIFY);
        String discoNode = bob.capabilities().node() + "#" + EntityCaps.ver(bob.capabilities().identities(), withInterest);
        var asked = expect(bob.iqs(), iq -> iq.type() == Iq.Type.GET && iq.payload()
            .filter(q -> q.is("http://jabber.org/protocol/disco#info", "query") && discoNode.equals(q.attribute("node")))
            .isPresent());
        var first = expect(GeoLocation.of(bob).locations(), l -> l.contact().equals(alice.jid().asBare()));
        Disposable watching = GeoLocation.of(bob).locations().subscribe();
        assertThat(bob.capabilities().features()).contains(NOTIFY);
        asked.get();
        settle();
        settle();
        Geoloc padova = Geoloc.builder().locality("Padova").build();
        if (server.name().equalsIgnoreCase("Prosody")) {
            // Prosody sends the contact's last item when the interest appears
            assertThat(first.get().geoloc()).isEqualTo(verona);
            var next = expect(GeoLocation.of(bob).locations(), l -> padova.equals(l.geoloc()));
            mine.publish(padova).block(TIMEOUT);
            assertThat(next.get().contact()).isEqualTo(alice.jid().asBare());
        } else {
            // ejabberd 23.01 does not send the last item on a new +notify (seen on the wire: nothing until
            // the next publish); the first location bob gets is the next one
            mine.publish(padova).block(TIMEOUT);
            assertThat(first.get().geoloc()).isEqualTo(padova);
        }
        var stopped = expect(GeoLocation.of(bob).locations(), ContactLocation::stopped);
        mine.stop().block(TIMEOUT);
        assertThat(stopped.get().contact()).isEqualTo(alice.jid().asBare());

        // withdrawing the interest re-sends bob's presence with the old ver, which the server knows: once
        // alice sees that presence the server has it too; a location published then is not sent to bob
        String withoutInterest = EntityCaps.ver(bob.capabilities().identities(), without(bob.capabilities().features()));
        var resent = expect(alice.presences(), p -> bob.jid().equals(p.from())
            && p.element().element(EntityCaps.NAMESPACE, "c") != null
            && withoutInterest.equals(p.element().element(EntityCaps.NAMESPACE, "c").attribute("ver")));
        watching.dispose();
        assertThat(bob.capabilities().features()).doesNotContain(NOTIFY);
        assertThat(bob.capabilities().ver()).isEqualTo(withoutInterest);
        resent.get();
        // the server handled that presence; a disco#info query it then sent to bob (a ver it has not
        // cached) comes before the first ping's reply, and bob's answer goes before the second ping
        settle();
        settle();
        List<PubSubEvent> raw = new java.util.concurrent.CopyOnWriteArrayList<>();
        Disposable rawEvents = PubSub.pep(bob).events().subscribe(raw::add);
        var marker = expect(bob.messages(), m -> "marker".equals(m.body()));
        mine.publish(Geoloc.builder().locality("Vicenza").build()).block(TIMEOUT);
        alice.send(Message.builder().to(bob.jid()).body("marker").build()).block(TIMEOUT);
        marker.get();
        rawEvents.dispose();
        boolean vicenza = raw.stream().anyMatch(e -> e instanceof PubSubEvent.Published p && p.items().stream()
            .anyMatch(i -> i.payload(Geoloc.CODEC).map(g -> "Vicenza".equals(g.locality())).orElse(false)));
        if (server.name().equalsIgnoreCase("Prosody")) {
            // Prosody 0.12 (mod_pep): answering its own-account disco for the +notify ver registered bob's
            // bare JID as a recipient on alice's service; a later presence with an already cached ver does
            // not go through that path again, so the bare-JID interest stays (DESIGN.md section 10)
            assertThat(vicenza).as("Prosody keeps notifying after the interest went back to a cached ver").isTrue();
        } else {
            assertThat(vicenza).as("no notification after the interest is withdrawn").isFalse();
        }
    }

    private void settle() {
        bob.request(Iq.get(Jid.domain(server.host()), XmlElement.empty("urn:xmpp:ping", "ping"))).block(TIMEOUT);
    }

    private static java.util.Set<String> without(java.util.Set<String> features) {
        java.util.Set<String> rest = new java.util.LinkedHashSet<>(features);
        rest.remove(NOTIFY);
        return rest;
    }
}
