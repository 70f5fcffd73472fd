package org.reactorxmpp.im.quickcontacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.im.roster.Roster;
import org.reactorxmpp.im.roster.RosterItem;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.jid.FullJid;
import org.reactorxmpp.xmpp.session.Capabilities;
import org.reactorxmpp.xmpp.session.Reconnect;
import org.reactorxmpp.xmpp.session.XmppClient;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.session.EntityCaps;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.stanza.Presence;
import org.reactorxmpp.xmpp.stanza.Stanza;
import org.reactorxmpp.xmpp.testing.ScriptedTransport;
import org.reactorxmpp.xmpp.transport.TransportException;
import org.reactorxmpp.xmpp.xml.XmlElement;
import reactor.core.scheduler.Schedulers;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * Temporary subscriptions are sent again after the session reconnected: the server forgot them. A real
 * session over a scripted server whose connection is dropped; the session reconnects on virtual time.
 */
class QuickContactsReconnectTest {

    private static final FullJid ME = FullJid.parse("alice@example.com/qc");
    private static final BareJid BOB = BareJid.parse("bob@example.com");
    private static final BareJid CAROL = BareJid.parse("carol@example.com");
    private static final BareJid DAVE = BareJid.parse("dave@example.com");

    private final ScriptedTransport server = ScriptedTransport.builder(ME.toString()).ignoring(e -> true).build();
    /** The session's reconnect timer. */
    private final VirtualTimeScheduler reconnectTime = VirtualTimeScheduler.create();
    /** What the client sent so far is before this index. */
    private int mark;

    private XmppSession connect() {
        return XmppClient.builder().jid(ME.toString()).password("any").transport(server)
            .saslScheduler(Schedulers.immediate()).sendInitialPresence(false)
            .reconnect(Reconnect.countdown(Duration.ofSeconds(1))).timerScheduler(reconnectTime)
            .build().connect().block(Duration.ofSeconds(5));
    }

    /** Forgets what was sent so far. */
    private void clearSent() {
        mark = server.stanzas().size();
    }

    private List<Stanza> sent() {
        List<XmlElement> all = server.stanzas();
        return all.subList(mark, all.size()).stream().map(Stanza::of).toList();
    }

    /** @return the contacts sent directed presence with the session's base caps plus temp-presence+notify */
    private List<BareJid> tempSubscribesSent(XmppSession session, QuickContactsOptions options) {
        Capabilities own = session.capabilities();
        Set<String> features = new LinkedHashSet<>(own.features());
        features.add(QuickContactsOptions.TEMP_PRESENCE_NOTIFY);
        XmlElement caps = EntityCaps.element(own.node(), EntityCaps.ver(own.identities(), features));
        return sent().stream().filter(Presence.class::isInstance).map(Presence.class::cast)
            .filter(p -> p.type() == Presence.Type.AVAILABLE && p.element().elements().anyMatch(caps::equals))
            .map(p -> p.to().asBare()).toList();
    }

    /** The connection fails with a transient error; the session opens the next one after its countdown. */
    private void reconnect() {
        int before = server.connections().size();
        server.last().drop(new TransportException("connection reset", true));
        reconnectTime.advanceTimeBy(Duration.ofSeconds(2));
        assertThat(server.connections()).as("reconnected").hasSize(before + 1);
    }

    @Test
    void afterAReconnectTheCurrentSubscriptionsAreSentAgain() {
        XmppSession session = connect();
        QuickContactsOptions options = QuickContactsOptions.defaults();
        QuickContacts quick = QuickContacts.of(session, options);
        quick.subscribe(BOB).block(Duration.ofSeconds(5));
        quick.subscribe(CAROL).block(Duration.ofSeconds(5));
        quick.subscribe(DAVE).block(Duration.ofSeconds(5));
        quick.unsubscribe(DAVE).block(Duration.ofSeconds(5));
        clearSent();

        // without a reconnect nothing is sent again
        reconnectTime.advanceTimeBy(Duration.ofSeconds(10));
        assertThat(sent()).isEmpty();

        reconnect();
        assertThat(tempSubscribesSent(session, options)).containsExactlyInAnyOrder(BOB, CAROL);
        assertThat(sent()).hasSize(2);
        assertThat(quick.subscriptions()).containsExactlyInAnyOrder(BOB, CAROL);

        // and again after the next one
        clearSent();
        reconnect();
        assertThat(tempSubscribesSent(session, options)).containsExactlyInAnyOrder(BOB, CAROL);
    }

    @Test
    void theResendIsSlicedAndSkipsContactsNowInTheRoster() {
        XmppSession session = connect();
        VirtualTimeScheduler time = VirtualTimeScheduler.create();
        QuickContactsOptions options = QuickContactsOptions.builder().rate(1, Duration.ofSeconds(1))
            .scheduler(time).build();
        Roster roster = Roster.of(session);
        QuickContacts quick = QuickContacts.of(session, options);
        quick.subscribe(BOB).block(Duration.ofSeconds(5));
        quick.subscribe(CAROL).block(Duration.ofSeconds(5));
        quick.subscribe(DAVE).block(Duration.ofSeconds(5));
        clearSent();

        // right before the connection fails, dave became a roster contact whose presence we receive
        // (a closed session cannot receive a push while away: the last one before the cut stands for it)
        server.push(Iq.builder(Iq.Type.SET).id("push").payload(XmlElement.builder(RosterItem.NAMESPACE, "query")
            .child(XmlElement.builder(RosterItem.NAMESPACE, "item").attribute("jid", DAVE.toString())
                .attribute("subscription", "both").build()).build()).build());
        clearSent(); // the push's result, and the quick contacts dropped dave (an unsubscribe presence)
        reconnect();

        assertThat(tempSubscribesSent(session, options)).hasSize(1);
        time.advanceTimeBy(Duration.ofSeconds(1));
        assertThat(tempSubscribesSent(session, options)).containsExactlyInAnyOrder(BOB, CAROL);
        time.advanceTimeBy(Duration.ofSeconds(10));
        assertThat(sent()).hasSize(2);
    }
}
