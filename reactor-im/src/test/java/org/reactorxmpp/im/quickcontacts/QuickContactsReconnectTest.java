package org.reactorxmpp.im.quickcontacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.im.roster.Roster;
import org.reactorxmpp.im.roster.RosterItem;
import org.reactorxmpp.im.testing.FakeSession;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.jid.FullJid;
import org.reactorxmpp.xmpp.session.Capabilities;
import org.reactorxmpp.xmpp.session.ConnectionState;
import org.reactorxmpp.xmpp.session.EntityCaps;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.stanza.Presence;
import org.reactorxmpp.xmpp.xml.XmlElement;
import reactor.test.scheduler.VirtualTimeScheduler;

/** Temporary subscriptions are sent again after the session reconnected: the server forgot them. */
class QuickContactsReconnectTest {

    private static final FullJid ME = FullJid.parse("alice@example.com/qc");
    private static final BareJid BOB = BareJid.parse("bob@example.com");
    private static final BareJid CAROL = BareJid.parse("carol@example.com");
    private static final BareJid DAVE = BareJid.parse("dave@example.com");

    /** @return the contacts sent directed presence with the session's base caps plus temp-presence+notify */
    private static List<BareJid> tempSubscribesSent(FakeSession session, QuickContactsOptions options) {
        Capabilities own = session.capabilities();
        Set<String> features = new LinkedHashSet<>(own.features());
        features.add(QuickContactsOptions.TEMP_PRESENCE_NOTIFY);
        XmlElement caps = EntityCaps.element(own.node(), EntityCaps.ver(own.identities(), features));
        return session.sent.stream().filter(Presence.class::isInstance).map(Presence.class::cast)
            .filter(p -> p.type() == Presence.Type.AVAILABLE && p.element().elements().anyMatch(caps::equals))
            .map(p -> p.to().asBare()).toList();
    }

    private static void reconnect(FakeSession session) {
        session.state(ConnectionState.reconnecting(1));
        session.state(ConnectionState.CONNECTING);
        session.state(ConnectionState.AUTHENTICATING);
        session.state(ConnectionState.BINDING);
        session.state(ConnectionState.CONNECTED);
    }

    @Test
    void afterAReconnectTheCurrentSubscriptionsAreSentAgain() {
        FakeSession session = new FakeSession(ME);
        QuickContactsOptions options = QuickContactsOptions.defaults();
        QuickContacts quick = QuickContacts.of(session, options);
        quick.subscribe(BOB).block(Duration.ofSeconds(5));
        quick.subscribe(CAROL).block(Duration.ofSeconds(5));
        quick.subscribe(DAVE).block(Duration.ofSeconds(5));
        quick.unsubscribe(DAVE).block(Duration.ofSeconds(5));
        session.sent.clear();

        // a CONNECTED that ends no reconnect changes nothing
        session.state(ConnectionState.CONNECTED);
        assertThat(session.sent).isEmpty();

        reconnect(session);
        assertThat(tempSubscribesSent(session, options)).containsExactlyInAnyOrder(BOB, CAROL);
        assertThat(session.sent).hasSize(2);
        assertThat(quick.subscriptions()).containsExactlyInAnyOrder(BOB, CAROL);

        // and again after the next one
        session.sent.clear();
        reconnect(session);
        assertThat(tempSubscribesSent(session, options)).containsExactlyInAnyOrder(BOB, CAROL);
    }

    @Test
    void theResendIsSlicedAndSkipsContactsNowInTheRoster() {
        FakeSession session = new FakeSession(ME);
        VirtualTimeScheduler time = VirtualTimeScheduler.create();
        QuickContactsOptions options = QuickContactsOptions.builder().rate(1, Duration.ofSeconds(1))
            .scheduler(time).build();
        Roster roster = Roster.of(session);
        QuickContacts quick = QuickContacts.of(session, options);
        quick.subscribe(BOB).block(Duration.ofSeconds(5));
        quick.subscribe(CAROL).block(Duration.ofSeconds(5));
        quick.subscribe(DAVE).block(Duration.ofSeconds(5));
        session.sent.clear();

        session.state(ConnectionState.reconnecting(1));
        // while away, dave became a roster contact whose presence we receive
        session.deliver(Iq.builder(Iq.Type.SET).id("push").payload(XmlElement.builder(RosterItem.NAMESPACE, "query")
            .child(XmlElement.builder(RosterItem.NAMESPACE, "item").attribute("jid", DAVE.toString())
                .attribute("subscription", "both").build()).build()).build());
        session.sent.clear(); // the quick contacts dropped dave (an unsubscribe presence)
        session.state(ConnectionState.CONNECTED);

        assertThat(tempSubscribesSent(session, options)).hasSize(1);
        time.advanceTimeBy(Duration.ofSeconds(1));
        assertThat(tempSubscribesSent(session, options)).containsExactlyInAnyOrder(BOB, CAROL);
        time.advanceTimeBy(Duration.ofSeconds(10));
        assertThat(session.sent).hasSize(2);
    }
}
