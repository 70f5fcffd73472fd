package org.reactorxmpp.im.quickcontacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.im.presence.PresenceChange;
import org.reactorxmpp.im.testing.ScriptedSessions;
import org.reactorxmpp.xmpp.testing.ScriptedTransport;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.jid.FullJid;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.stanza.Presence;
import org.reactorxmpp.xmpp.stanza.Stanza;
import org.reactorxmpp.xmpp.xml.XmlElement;
import reactor.test.StepVerifier;

/** Temp-presence notifications against an in-memory session whose sends complete late. */
class QuickContactsNotificationTest {

    private static final FullJid ME = FullJid.parse("alice@example.com/qc");
    private static final BareJid BOB = BareJid.parse("bob@example.com");
    private static final FullJid BOB_PHONE = FullJid.parse("bob@example.com/phone");

    private static Message notification(Presence presence) {
        XmlElement items = XmlElement.builder("http://jabber.org/protocol/pubsub#event", "items")
            .attribute("node", "http://webex.com/connect/temp-presence")
            .child(XmlElement.builder("http://jabber.org/protocol/pubsub#event", "item").child(presence.element()).build())
            .build();
        return Message.builder().type(Message.Type.HEADLINE).from(BOB).to(ME)
            .child(XmlElement.builder("http://jabber.org/protocol/pubsub#event", "event").child(items).build())
            .build();
    }

    @Test
    void theFirstNotificationIsKeptWhenItArrivesBeforeTheSubscribeIsSent() {
        // like BOSH: the server's answer comes in the response to an earlier request, before our send completes
        Presence away = Presence.builder().from(BOB_PHONE).show(Presence.Show.AWAY).status("lunch").build();
        ScriptedTransport server = ScriptedTransport.builder(ME.toString()).ignoring(e -> true)
            .expect("the temp-presence subscribe", e -> e.is(Stanza.NAMESPACE, "presence") && BOB.toString().equals(e.attribute("to")))
            .thenRespond(subscribe -> List.of(notification(away).element()))
            .build();
        QuickContacts quick = QuickContacts.of(ScriptedSessions.connect(server, ME));
        List<PresenceChange> changes = new CopyOnWriteArrayList<>();
        quick.changes().subscribe(changes::add);

        quick.subscribe(BOB).block(Duration.ofSeconds(5));

        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.from()).isEqualTo(BOB_PHONE);
            assertThat(c.presence().status()).isEqualTo("lunch");
        });
        assertThat(quick.presence(BOB).isAvailable()).isTrue();
        assertThat(quick.subscriptions()).containsExactly(BOB);
    }

    @Test
    void aSubscribeThatCannotBeSentLeavesNoSubscription() {
        ScriptedTransport server = ScriptedTransport.builder(ME.toString()).ignoring(e -> true).build();
        QuickContacts quick = QuickContacts.of(ScriptedSessions.connect(server, ME));
        // the subscribe waits in the transport's outbound queue when the connection fails for good:
        // it fails with the session's cause
        server.last().holdSends();

        StepVerifier.create(quick.subscribe(BOB))
            .then(() -> server.last().drop(new IllegalStateException("transport closed")))
            .expectErrorSatisfies(e -> assertThat(e).hasMessage("transport closed"))
            .verify(Duration.ofSeconds(5));

        assertThat(quick.subscriptions()).isEmpty();
    }
}
