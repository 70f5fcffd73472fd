package org.reactorxmpp.im.quickcontacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.im.presence.PresenceChange;
import org.reactorxmpp.im.testing.FakeSession;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.jid.FullJid;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.stanza.Presence;
import org.reactorxmpp.xmpp.xml.XmlElement;
import reactor.core.publisher.Mono;
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
        FakeSession session = new FakeSession(ME);
        QuickContacts quick = QuickContacts.of(session);
        List<PresenceChange> changes = new CopyOnWriteArrayList<>();
        quick.changes().subscribe(changes::add);
        // like BOSH: the server's answer comes in the response to an earlier request, before our send completes
        Presence away = Presence.builder().from(BOB_PHONE).show(Presence.Show.AWAY).status("lunch").build();
        session.transport(stanza -> Mono.fromRunnable(() -> session.deliver(notification(away))));

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
        FakeSession session = new FakeSession(ME);
        QuickContacts quick = QuickContacts.of(session);
        session.transport(stanza -> Mono.error(new IllegalStateException("transport closed")));

        StepVerifier.create(quick.subscribe(BOB))
            .expectErrorSatisfies(e -> assertThat(e).hasMessage("transport closed"))
            .verify(Duration.ofSeconds(5));

        assertThat(quick.subscriptions()).isEmpty();
    }
}
