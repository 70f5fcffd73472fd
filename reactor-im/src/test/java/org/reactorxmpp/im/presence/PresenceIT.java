package org.reactorxmpp.im.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.reactorxmpp.im.testing.ImTesting.TIMEOUT;
import static org.reactorxmpp.im.testing.ImTesting.connect;
import static org.reactorxmpp.im.testing.ImTesting.expect;

import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.reactorxmpp.im.roster.AutoAccept;
import org.reactorxmpp.im.roster.Roster;
import org.reactorxmpp.im.roster.RosterOptions;
import org.reactorxmpp.im.roster.Subscription;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.jid.FullJid;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Presence;
import org.reactorxmpp.xmpp.testing.OnBothServers;
import org.reactorxmpp.xmpp.testing.TestAccount;
import org.reactorxmpp.xmpp.testing.XmppTestServer;

/**
 * A contact with two resources seen through a real subscription on each real server: per-resource
 * tracking, primary presence, going offline. Fresh accounts per test.
 */
@OnBothServers
class PresenceIT {

    @Parameter
    XmppTestServer server;

    @Test
    void twoResourcesPrimaryPresenceAndGoingOffline() {
        List<TestAccount> accounts = server.newAccounts("presence", 2);
        BareJid bob = accounts.get(1).bareJid();
        XmppSession alice = connect(server, accounts.get(0), "web");
        PresenceService presence = PresenceService.of(alice);
        Roster aliceRoster = Roster.of(alice);
        aliceRoster.load().block(TIMEOUT);

        XmppSession phone = connect(server, accounts.get(1), "phone");
        Roster.of(phone, RosterOptions.builder().autoAccept(AutoAccept.ALWAYS).build()).load().block(TIMEOUT);
        PresenceService phonePresence = PresenceService.of(phone);
        phonePresence.send(Presence.Show.AWAY, "on the road", 5).block(TIMEOUT);

        var subscribed = expect(aliceRoster.changes(), c -> c.item().jid().equals(bob)
            && c.item().subscription() == Subscription.TO);
        var phoneSeen = expect(presence.changes(bob), has(c -> c.resources().size() == 1));
        aliceRoster.subscribe(bob).block(TIMEOUT);
        subscribed.get();
        ContactPresence afterPhone = phoneSeen.get().contact();
        assertThat(afterPhone.primary()).hasValueSatisfying(p -> {
            assertThat(p.jid()).isEqualTo(FullJid.of(accounts.get(1).localpart(), server.host(), "phone"));
            assertThat(p.show()).contains(Presence.Show.AWAY);
            assertThat(p.status()).contains("on the road");
            assertThat(p.priority()).isEqualTo(5);
        });

        // a second resource with the same priority and a better show becomes primary
        var deskSeen = expect(presence.changes(bob), has(c -> c.resources().size() == 2));
        XmppSession desk = connect(server, accounts.get(1), "desk");
        PresenceService deskPresence = PresenceService.of(desk);
        // expect before sending, so that a fast answer cannot be missed
        var deskChat = expect(presence.changes(bob), has(c -> c.primary().flatMap(ResourcePresence::show)
            .filter(s -> s == Presence.Show.CHAT).isPresent()));
        deskPresence.send(Presence.Show.CHAT, "at my desk", 5).block(TIMEOUT);
        deskSeen.get();
        ContactPresence both = deskChat.get().contact();
        assertThat(both.primary().orElseThrow().jid().resourcepart()).contains("desk");
        assertThat(both.resources()).extracting(r -> r.jid().resourcepart().orElseThrow()).containsExactly("desk", "phone");

        // a higher priority wins over show
        var phoneDnd = expect(presence.changes(bob), has(c -> c.primary().map(ResourcePresence::priority).orElse(0) == 10));
        phonePresence.send(Presence.Show.DND, "busy", 10).block(TIMEOUT);
        assertThat(phoneDnd.get().contact().primary().orElseThrow().jid().resourcepart()).contains("phone");

        // the phone goes offline: the desk is primary again
        var phoneGone = expect(presence.changes(bob), c -> c.isUnavailable() && c.from().resourcepart().orElse("").equals("phone"));
        phone.close().block(TIMEOUT);
        ContactPresence afterClose = phoneGone.get().contact();
        assertThat(afterClose.resources()).hasSize(1);
        assertThat(afterClose.primary().orElseThrow().jid().resourcepart()).contains("desk");

        // the last resource leaves: offline
        var offline = expect(presence.changes(bob), c -> !c.contact().isAvailable());
        desk.close().block(TIMEOUT);
        assertThat(offline.get().contact().primary()).isEmpty();
        assertThat(presence.contact(bob).isAvailable()).isFalse();
        assertThat(presence.available()).doesNotContainKey(bob);

        aliceRoster.remove(bob).block(TIMEOUT);
        alice.close().block(TIMEOUT);
    }

    @Test
    void directedPresenceReachesANonContact() {
        List<TestAccount> accounts = server.newAccounts("directed", 2);
        XmppSession alice = connect(server, accounts.get(0), "directed");
        XmppSession bob = connect(server, accounts.get(1), "directed");
        PresenceService seenByBob = PresenceService.of(bob);
        var seen = expect(seenByBob.changes(alice.jid().asBare()), c -> !c.isUnavailable());
        PresenceService.of(alice).sendDirected(bob.jid(), Presence.builder().status("hello bob").build()).block(TIMEOUT);
        PresenceChange change = seen.get();
        assertThat(change.from()).isEqualTo(alice.jid());
        assertThat(change.presence().status()).isEqualTo("hello bob");
        assertThat(change.presence().has(org.reactorxmpp.xmpp.xml.XmlName.of("http://jabber.org/protocol/caps", "c")))
            .as("the session attaches entity caps").isTrue();
        var gone = expect(seenByBob.changes(alice.jid().asBare()), PresenceChange::isUnavailable);
        alice.close().block(TIMEOUT);
        assertThat(gone.get().contact().isAvailable()).isFalse();
        bob.close().block(TIMEOUT);
    }

    private static Predicate<PresenceChange> has(Predicate<ContactPresence> p) {
        return c -> p.test(c.contact());
    }
}
