package org.reactorxmpp.im.quickcontacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.reactorxmpp.im.testing.ImTesting.TIMEOUT;
import static org.reactorxmpp.im.testing.ImTesting.connect;
import static org.reactorxmpp.im.testing.ImTesting.expect;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.reactorxmpp.im.presence.PresenceChange;
import org.reactorxmpp.im.presence.PresenceService;
import org.reactorxmpp.im.presence.ResourcePresence;
import org.reactorxmpp.im.roster.AutoAccept;
import org.reactorxmpp.im.roster.Roster;
import org.reactorxmpp.im.roster.RosterOptions;
import org.reactorxmpp.im.roster.Subscription;
import org.reactorxmpp.im.testing.ImTesting;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.stanza.Presence;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlName;
import org.reactorxmpp.xmpp.testing.ProsodyExtension;

/**
 * Quick contacts end to end against Prosody with the test module mod_temp_presence. Prosody only: the CUP
 * temp-presence service is emulated by that Lua module; ejabberd cannot load it.
 */
class QuickContactsIT {

    private static final QuickContactsOptions OPTIONS = QuickContactsOptions.builder()
        .rate(10, Duration.ofMillis(200)).build();

    @RegisterExtension
    static final ProsodyExtension prosody = ProsodyExtension.builder().users("user", 4, "secret")
        .pluginPath(pluginPath()).module("temp_presence")
        .build();

    private static Path pluginPath() {
        try {
            return Path.of(QuickContactsIT.class.getResource("/prosody/mod_temp_presence.lua").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BareJid jid(String user) {
        return ImTesting.jid(prosody, user);
    }

    /** @return the presences a temp-presence notification carries (read here independently of the library) */
    private static List<Presence> notified(Message message) {
        String ns = "http://jabber.org/protocol/pubsub#event";
        XmlElement event = message.element().element(ns, "event");
        XmlElement items = event == null ? null : event.element(ns, "items");
        if (items == null || !"http://webex.com/connect/temp-presence".equals(items.attribute("node"))) {
            return List.of();
        }
        return items.elements(XmlName.of(ns, "item")).flatMap(i -> i.elements(XmlName.of("jabber:client", "presence")))
            .map(Presence::of).toList();
    }

    private static boolean show(PresenceChange c, Presence.Show show) {
        return c.contact().primary().flatMap(ResourcePresence::show).filter(s -> s == show).isPresent();
    }

    @Test
    void subscribeSeeChangesUnsubscribe() {
        XmppSession alice = connect(prosody, "user1", "qc");
        Roster roster = Roster.of(alice);
        roster.load().block(TIMEOUT);
        // raw notifications, subscribed before the service so that each is recorded before the service reacts
        List<Presence> raw = new CopyOnWriteArrayList<>();
        alice.messages().subscribe(m -> raw.addAll(notified(m)));
        QuickContacts quick = QuickContacts.of(alice, OPTIONS);
        XmppSession bob = ImTesting.connectSilently(prosody, "user2", "qc");
        PresenceService bobPresence = PresenceService.of(bob);
        var bobAway = expect(bob.presences(), p -> p.from() != null && p.from().equals(bob.jid())
            && p.show().filter(s -> s == Presence.Show.AWAY).isPresent());
        bobPresence.send(Presence.Show.AWAY, "lunch", 0).block(TIMEOUT);
        bobAway.get();

        // subscribe: the current presence arrives as a notification, then every change
        var current = expect(quick.changes(), c -> show(c, Presence.Show.AWAY));
        quick.subscribe(jid("user2")).block(TIMEOUT);
        PresenceChange first = current.get();
        assertThat(first.from()).isEqualTo(bob.jid());
        assertThat(first.presence().status()).isEqualTo("lunch");
        assertThat(quick.subscriptions()).containsExactly(jid("user2"));

        var dnd = expect(quick.changes(), c -> show(c, Presence.Show.DND));
        bobPresence.send(Presence.Show.DND, "meeting", 0).block(TIMEOUT);
        assertThat(dnd.get().presence().status()).isEqualTo("meeting");
        assertThat(quick.presence(jid("user2")).primary().orElseThrow().status()).contains("meeting");

        // the contact did not get our directed presence: the server consumed it
        // unsubscribe: no more notifications
        quick.unsubscribe(jid("user2")).block(TIMEOUT);
        assertThat(quick.subscriptions()).isEmpty();
        // a sent stanza may still be queued in the transport: a ping round trip proves the server processed it
        alice.request(org.reactorxmpp.xmpp.stanza.Iq.get(org.reactorxmpp.xmpp.jid.Jid.domain(prosody.server().host()),
            org.reactorxmpp.xmpp.xml.XmlElement.empty("urn:xmpp:ping", "ping"))).block(TIMEOUT);
        var bobXa = expect(bob.presences(), p -> p.from() != null && p.from().equals(bob.jid())
            && p.show().filter(s -> s == Presence.Show.XA).isPresent());
        bobPresence.send(Presence.Show.XA, "gone", 0).block(TIMEOUT);
        bobXa.get();
        // subscribing again brings the current presence; notifications arrive in order, so a stray
        // notification of the XA change while unsubscribed would have come first
        var xaAgain = expect(quick.changes(), c -> show(c, Presence.Show.XA));
        quick.subscribe(jid("user2")).block(TIMEOUT);
        xaAgain.get();
        // each inbound subscriber drains its own buffer: the raw recorder may see the snapshot a moment
        // after the service did; in order, so a stray XA notification from while unsubscribed comes first
        awaitCount(raw, p -> p.show().filter(s -> s == Presence.Show.XA).isPresent(), 1);
        assertThat(raw.stream().filter(p -> p.show().filter(s -> s == Presence.Show.XA).isPresent()))
            .as("one XA notification: the snapshot after re-subscribing").hasSize(1);

        // the watched contact goes offline
        var offline = expect(quick.changes(), c -> !c.contact().isAvailable());
        bob.close().block(TIMEOUT);
        assertThat(offline.get().isUnavailable()).isTrue();
        alice.close().block(TIMEOUT);
    }

    @Test
    void rosterContactsCannotBeTempSubscribedAndAreDroppedWhenTheyBecomeOne() {
        RosterOptions mutual = RosterOptions.builder().autoAccept(AutoAccept.ALWAYS).autoSubscribe(true).build();
        XmppSession alice = connect(prosody, "user1", "roster");
        Roster aliceRoster = Roster.of(alice, mutual);
        aliceRoster.load().block(TIMEOUT);
        QuickContacts quick = QuickContacts.of(alice, OPTIONS);
        XmppSession carol = connect(prosody, "user3", "roster");
        Roster.of(carol, mutual).load().block(TIMEOUT);
        XmppSession dave = connect(prosody, "user4", "roster");
        Roster.of(dave, RosterOptions.builder().autoAccept(AutoAccept.ALWAYS).build()).load().block(TIMEOUT);

        var both = expect(aliceRoster.changes(), c -> c.item().jid().equals(jid("user3"))
            && c.item().subscription() == Subscription.BOTH);
        aliceRoster.subscribe(jid("user3")).block(TIMEOUT);
        both.get();
        QuickContactException refused = (QuickContactException) quick.subscribe(jid("user3"))
            .then(reactor.core.publisher.Mono.<Throwable>empty()).onErrorResume(reactor.core.publisher.Mono::just)
            .block(TIMEOUT);
        assertThat(refused.jid()).isEqualTo(jid("user3"));
        assertThat(refused.getMessage()).contains("both");

        var daveSeen = expect(quick.changes(), c -> c.contact().jid().equals(jid("user4")) && c.contact().isAvailable());
        quick.subscribe(jid("user4")).block(TIMEOUT);
        daveSeen.get();
        var dropped = expect(quick.changes(), c -> c.contact().jid().equals(jid("user4")) && !c.contact().isAvailable());
        aliceRoster.subscribe(jid("user4")).block(TIMEOUT);
        dropped.get();
        assertThat(quick.subscriptions()).doesNotContain(jid("user4"));

        for (String u : List.of("user3", "user4")) {
            aliceRoster.remove(jid(u)).block(TIMEOUT);
        }
        alice.close().block(TIMEOUT);
        carol.close().block(TIMEOUT);
        dave.close().block(TIMEOUT);
    }

    @Test
    void bulkSubscribeWithResetIsDeduplicatedAndRateSliced() {
        XmppSession alice = connect(prosody, "user1", "bulk");
        Roster roster = Roster.of(alice);
        roster.load().block(TIMEOUT);
        QuickContacts quick = QuickContacts.of(alice, OPTIONS);
        quick.subscribe(jid("user2")).block(TIMEOUT);

        List<BareJid> hundred = IntStream.range(0, 100).mapToObj(i -> BareJid.of("bulk" + i, prosody.server().host()))
            .collect(Collectors.toList());
        List<BareJid> withDuplicates = new ArrayList<>(hundred);
        withDuplicates.addAll(hundred.subList(0, 20));
        var lastNotified = expect(quick.changes(), c -> c.contact().jid().equals(hundred.get(99)));

        List<Slice> slices = quick.subscribeAll(withDuplicates, true).collectList().block(TIMEOUT);

        assertThat(slices.get(0).subscribe()).isFalse();
        assertThat(slices.get(0).jids()).containsExactly(jid("user2"));
        List<Slice> subscribes = slices.subList(1, slices.size());
        assertThat(subscribes).hasSize(10).allSatisfy(s -> {
            assertThat(s.subscribe()).isTrue();
            assertThat(s.jids()).hasSize(10);
        });
        assertThat(subscribes.stream().flatMap(s -> s.jids().stream())).containsExactlyElementsOf(hundred);
        assertThat(slices).extracting(Slice::index).containsExactly(0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(slices).extracting(Slice::sentAt).isSorted();
        assertThat(quick.subscriptions()).containsExactlyInAnyOrderElementsOf(hundred);
        lastNotified.get(); // the server answered the last one with a notification (unavailable)

        List<Slice> unsubscribed = quick.unsubscribeAll(withDuplicates).collectList().block(TIMEOUT);
        assertThat(unsubscribed).hasSize(10).allSatisfy(s -> assertThat(s.subscribe()).isFalse());
        assertThat(unsubscribed.stream().flatMap(s -> s.jids().stream())).containsExactlyElementsOf(hundred);
        assertThat(quick.subscriptions()).isEmpty();
        alice.close().block(TIMEOUT);
    }

    /** Waits (bounded) until at least {@code n} recorded elements match. */
    private static <T> void awaitCount(List<T> recorded, java.util.function.Predicate<? super T> matching, int n) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (recorded.stream().filter(matching).count() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("fewer than " + n + " matching elements within " + TIMEOUT + ": " + recorded);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000L);
        }
    }
}
