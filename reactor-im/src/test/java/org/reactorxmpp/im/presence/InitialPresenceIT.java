package org.reactorxmpp.im.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.reactorxmpp.im.testing.ImTesting.TIMEOUT;
import static org.reactorxmpp.im.testing.ImTesting.collect;
import static org.reactorxmpp.im.testing.ImTesting.connect;
import static org.reactorxmpp.im.testing.ImTesting.expect;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.reactorxmpp.im.roster.AutoAccept;
import org.reactorxmpp.im.roster.Roster;
import org.reactorxmpp.im.roster.RosterOptions;
import org.reactorxmpp.im.roster.Subscription;
import org.reactorxmpp.im.testing.ImTesting;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.jid.FullJid;
import org.reactorxmpp.xmpp.session.EntityCaps;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.stanza.Presence;
import org.reactorxmpp.xmpp.testing.OnBothServers;
import org.reactorxmpp.xmpp.testing.TestAccount;
import org.reactorxmpp.xmpp.testing.XmppTestServer;

/**
 * Own presence order as a contact sees it on each real server: a presence the subscriber of {@code connect()}
 * sends at once is the one that stays (the automatic initial presence goes before it, never after), and the
 * presence re-sent when the caps change carries it too.
 */
@OnBothServers
class InitialPresenceIT {

    @Parameter
    XmppTestServer server;

    @Test
    void aPresenceSentAtOnceInTheConnectCallbackIsTheLastOneAContactSees() {
        List<TestAccount> accounts = server.newAccounts("initial", 2);
        TestAccount subjectAccount = accounts.get(0);
        BareJid subject = subjectAccount.bareJid();
        // the watcher follows the subject's presence (a subscription the subject accepts)
        XmppSession setup = connect(server, subjectAccount, "setup");
        Roster.of(setup, RosterOptions.builder().autoAccept(AutoAccept.ALWAYS).build()).load().block(TIMEOUT);
        XmppSession watcher = connect(server, accounts.get(1), "watch");
        Roster roster = Roster.of(watcher);
        roster.load().block(TIMEOUT);
        var subscribed = expect(roster.changes(), c -> c.item().jid().equals(subject) && c.item().subscription() == Subscription.TO);
        roster.subscribe(subject).block(TIMEOUT);
        subscribed.get();
        setup.close().block(TIMEOUT);

        FullJid desk = FullJid.of(subjectAccount.localpart(), server.host(), "desk");
        // everything the watcher receives until the subject's closing message (one session's stanzas keep their order)
        var received = collect(watcher.inbound(), s -> s instanceof Message m && desk.equals(m.from()));
        XmppSession session = ImTesting.client(server, subjectAccount, "desk").connect()
            .flatMap(s -> PresenceService.of(s).send(Presence.Show.DND, "in a meeting", 0).thenReturn(s))
            .block(TIMEOUT);
        session.capabilities().addFeature("urn:example:initial-presence+notify");
        session.send(Message.builder().to(watcher.jid()).type(Message.Type.CHAT).body("done").build()).block(TIMEOUT);

        List<Presence> seen = received.get().stream()
            .filter(s -> s instanceof Presence p && desk.equals(p.from()) && p.type() == Presence.Type.AVAILABLE)
            .map(Presence.class::cast).toList();
        assertThat(seen).as("presences of %s seen by the watcher", desk).isNotEmpty();
        int firstDnd = seen.stream().map(p -> p.show().isPresent()).toList().indexOf(true);
        assertThat(firstDnd).as("dnd arrived").isNotNegative();
        assertThat(seen.subList(firstDnd, seen.size())).as("never plain available after dnd: %s", seen)
            .allSatisfy(p -> assertThat(p.show()).contains(Presence.Show.DND));
        Presence last = seen.get(seen.size() - 1);
        assertThat(last.status()).isEqualTo("in a meeting");
        assertThat(last.element().element(EntityCaps.NAMESPACE, "c").attribute("ver"))
            .as("the caps re-send carries dnd with the new ver").isEqualTo(session.capabilities().ver());

        ImTesting.closeAll(session, watcher);
    }
}
