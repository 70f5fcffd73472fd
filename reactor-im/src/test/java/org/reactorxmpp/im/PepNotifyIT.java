package org.reactorxmpp.im;

import static org.assertj.core.api.Assertions.assertThat;
import static org.reactorxmpp.im.testing.ImTesting.TIMEOUT;
import static org.reactorxmpp.im.testing.ImTesting.expect;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.reactorxmpp.im.roster.AutoAccept;
import org.reactorxmpp.im.roster.Roster;
import org.reactorxmpp.im.roster.RosterOptions;
import org.reactorxmpp.im.roster.Subscription;
import org.reactorxmpp.im.testing.ImTesting;
import org.reactorxmpp.xmpp.feature.FeatureKey;
import org.reactorxmpp.xmpp.session.EntityCaps;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.testing.OnBothServers;
import org.reactorxmpp.xmpp.testing.TestAccount;
import org.reactorxmpp.xmpp.testing.XmppTestServer;
import org.reactorxmpp.xmpp.xml.XmlElement;
import reactor.core.publisher.Sinks;

/**
 * PEP through the capabilities registry: a feature that adds a {@code +notify} interest changes the
 * session's ver, presence is re-sent with it, the server asks disco#info for the new node#ver, and
 * from then on it sends the contact's events of that node.
 */
@OnBothServers
class PepNotifyIT {

    private static final String GEOLOC = "http://jabber.org/protocol/geoloc";
    private static final String EVENT = "http://jabber.org/protocol/pubsub#event";
    private static final String DISCO = "http://jabber.org/protocol/disco#info";

    @Parameter
    XmppTestServer server;

    // two fresh accounts per test: no roster, caps cache or PEP state shared with another test
    private List<TestAccount> accounts;

    @BeforeEach
    void accounts() {
        accounts = server.newAccounts("pep", 2);
    }

    private XmppSession connect(String user, String resource) {
        return ImTesting.connect(server, accounts.get(Integer.parseInt(user.substring("pep".length())) - 1), resource);
    }

    /** A XEP in one class: the geoloc +notify interest and the route of its events. */
    private static final FeatureKey<Sinks.Many<XmlElement>> GEOLOC_EVENTS = FeatureKey.of("geoloc events", ctx -> {
        Sinks.Many<XmlElement> events = Sinks.many().replay().all();
        ctx.capability(GEOLOC + "+notify");
        ctx.route(Message.class, m -> m.element().element(EVENT, "event") != null, m -> {
            XmlElement items = m.element().element(EVENT, "event").element(EVENT, "items");
            if (items != null && GEOLOC.equals(items.attribute("node"))) {
                items.elements().forEach(events::tryEmitNext);
            }
        });
        ctx.onDispose(events::tryEmitComplete);
        return events;
    });

    private XmppSession alice;
    private XmppSession bob;

    @AfterEach
    void close() {
        ImTesting.closeAll(alice, bob);
    }

    @Test
    void addingANotifyInterestChangesVerResendsPresenceAndBringsTheContactsEvents() {
        RosterOptions mutual = RosterOptions.builder().autoAccept(AutoAccept.ALWAYS).autoSubscribe(true).build();
        alice = connect("pep1", "desk");
        bob = connect("pep2", "phone");
        Roster aliceRoster = Roster.of(alice, mutual);
        aliceRoster.load().block(TIMEOUT);
        Roster.of(bob, mutual).load().block(TIMEOUT);
        var both = expect(aliceRoster.changes(), c -> c.item().jid().equals(bob.jid().asBare())
            && c.item().subscription() == Subscription.BOTH);
        aliceRoster.subscribe(bob.jid().asBare()).block(TIMEOUT);
        both.get();

        // a feature set no earlier test advertised: both servers cache disco#info by ver across accounts (a shared
        // test server would otherwise not ask again for a ver another test made known)
        String nonce = "urn:reactorxmpp:test:" + java.util.UUID.randomUUID();
        alice.feature(FeatureKey.of("nonce", ctx -> {
            ctx.capability(nonce);
            return nonce;
        }));
        String before = alice.capabilities().ver();
        Set<String> withInterest = new LinkedHashSet<>(alice.capabilities().features());
        withInterest.add(GEOLOC + "+notify");
        String expected = EntityCaps.ver(alice.capabilities().identities(), withInterest);
        var resent = expect(bob.presences(), p -> alice.jid().equals(p.from())
            && p.element().element(EntityCaps.NAMESPACE, "c") != null
            && expected.equals(p.element().element(EntityCaps.NAMESPACE, "c").attribute("ver")));
        String node = alice.capabilities().node() + "#" + expected;
        var asked = expect(alice.iqs(), iq -> iq.type() == Iq.Type.GET && iq.payload()
            .filter(q -> q.is(DISCO, "query") && node.equals(q.attribute("node"))).isPresent());

        Sinks.Many<XmlElement> events = alice.feature(GEOLOC_EVENTS);

        assertThat(alice.capabilities().ver()).isNotEqualTo(before).isEqualTo(expected);
        resent.get();
        Iq query = asked.get();
        // DESIGN.md section 8: Prosody asks from the bare JIDs (the user's and each contact's),
        // ejabberd asks once, from the full JID
        if ("Prosody".equals(server.name())) {
            assertThat(query.from()).isIn(alice.jid().asBare(), bob.jid().asBare());
        } else {
            assertThat(query.from()).isEqualTo(alice.jid());
        }
        // the server knows the interest once it has processed alice's disco#info answer, which the test cannot
        // see: ejabberd did so after bob's publish in one full-suite run. So bob publishes again (the same item,
        // at most 5 times, 4 s apart) until the notification reaches alice: an awaited condition, bounded
        var located = expect(events.asFlux(), item -> item.element(GEOLOC, "geoloc") != null
            && "Verona".equals(item.element(GEOLOC, "geoloc").childText(org.reactorxmpp.xmpp.xml.XmlName.of(GEOLOC, "locality"))));
        Iq publish = Iq.set(null, XmlElement.builder("http://jabber.org/protocol/pubsub", "pubsub")
            .child(XmlElement.builder("http://jabber.org/protocol/pubsub", "publish").attribute("node", GEOLOC)
                .child(XmlElement.builder("http://jabber.org/protocol/pubsub", "item")
                    .child(XmlElement.builder(GEOLOC, "geoloc").textChild(GEOLOC, "locality", "Verona").build())
                    .build())
                .build())
            .build());
        reactor.core.publisher.Flux.interval(java.time.Duration.ZERO, java.time.Duration.ofSeconds(4)).take(5)
            .concatMap(i -> bob.request(publish))
            .takeUntilOther(events.asFlux().filter(item -> item.element(GEOLOC, "geoloc") != null))
            .then().block(java.time.Duration.ofSeconds(30));
        located.get();

        for (Roster r : new Roster[] {aliceRoster}) {
            r.remove(bob.jid().asBare()).block(TIMEOUT);
        }
    }
}
