package org.reactorxmpp.im.roster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.im.testing.FakeSession;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.jid.FullJid;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.stanza.Presence;
import org.reactorxmpp.xmpp.xml.XmlElement;
import reactor.core.Disposable;

/** {@link Roster#requests()} keeps unanswered requests for late subscribers, bounded and never silently. */
class RosterRequestsTest {

    private static final String NS = RosterItem.NAMESPACE;
    private static final FullJid ME = FullJid.parse("juliet@example.com/balcony");
    private static final BareJid ROMEO = BareJid.parse("romeo@montague.example");
    private static final BareJid MERCUTIO = BareJid.parse("mercutio@montague.example");
    private static final BareJid BENVOLIO = BareJid.parse("benvolio@montague.example");

    private static void ask(FakeSession session, BareJid from) {
        session.deliver(Presence.builder().from(from.withResource("r")).type(Presence.Type.SUBSCRIBE).build());
    }

    private static List<BareJid> collect(Roster roster, List<Throwable> errors) {
        List<BareJid> seen = new CopyOnWriteArrayList<>();
        roster.requests().subscribe(r -> seen.add(r.from()), errors::add);
        return seen;
    }

    @Test
    void requestsBeforeTheSubscriptionAreReplayedUntilAnswered() {
        FakeSession session = new FakeSession(ME);
        Roster roster = Roster.of(session);
        // offline requests delivered right at login, before the application subscribed
        ask(session, ROMEO);
        ask(session, MERCUTIO);

        List<Throwable> errors = new CopyOnWriteArrayList<>();
        List<BareJid> first = collect(roster, errors);
        assertThat(first).containsExactly(ROMEO, MERCUTIO);
        ask(session, BENVOLIO);
        assertThat(first).containsExactly(ROMEO, MERCUTIO, BENVOLIO);

        // answered by the application: leaves the buffer
        roster.approve(ROMEO).block();
        AtomicReference<SubscriptionRequest> mercutio = new AtomicReference<>();
        roster.requests().filter(r -> r.from().equals(MERCUTIO)).subscribe(mercutio::set).dispose();
        mercutio.get().deny().block();

        List<BareJid> second = collect(roster, errors);
        assertThat(second).containsExactly(BENVOLIO);
        assertThat(errors).isEmpty();
    }

    @Test
    void aRepeatedRequestIsKeptOnceAndAWithdrawnOrRemotelyApprovedOneLeaves() {
        FakeSession session = new FakeSession(ME);
        Roster roster = Roster.of(session);
        ask(session, ROMEO);
        ask(session, MERCUTIO);
        ask(session, ROMEO);
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        assertThat(collect(roster, errors)).containsExactly(MERCUTIO, ROMEO);

        // romeo withdraws his request
        session.deliver(Presence.builder().from(ROMEO.withResource("r")).type(Presence.Type.UNSUBSCRIBE).build());
        // another resource of ours approved mercutio: the push shows subscription from
        session.deliver(Iq.builder(Iq.Type.SET).id("push").payload(XmlElement.builder(NS, "query")
            .child(XmlElement.builder(NS, "item").attribute("jid", MERCUTIO.toString()).attribute("subscription", "from")
                .build()).build()).build());
        assertThat(collect(roster, errors)).isEmpty();
        assertThat(errors).isEmpty();
    }

    @Test
    void requestsAnsweredByAPolicyAreNotBuffered() {
        FakeSession session = new FakeSession(ME);
        Roster roster = Roster.of(session, RosterOptions.builder().autoAcceptInDomain(true).build());
        ask(session, BareJid.parse("nurse@example.com"));
        ask(session, ROMEO);
        assertThat(collect(roster, new CopyOnWriteArrayList<>())).containsExactly(ROMEO);
        assertThat(session.sent).singleElement().isInstanceOfSatisfying(Presence.class,
            p -> assertThat(p.type()).isEqualTo(Presence.Type.SUBSCRIBED));
    }

    @Test
    void overflowFailsTheSubscribersAndKeepsTheOlderRequests() {
        FakeSession session = new FakeSession(ME);
        Roster roster = Roster.of(session, RosterOptions.builder().maxPendingRequests(2).build());
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        List<BareJid> seen = collect(roster, errors);
        ask(session, ROMEO);
        ask(session, MERCUTIO);
        assertThat(errors).isEmpty();
        ask(session, BENVOLIO);
        assertThat(seen).containsExactly(ROMEO, MERCUTIO);
        assertThat(errors).singleElement(org.assertj.core.api.InstanceOfAssertFactories.THROWABLE)
            .isInstanceOf(RosterException.class)
            .hasMessageContaining("more than 2 unanswered subscription requests")
            .hasMessageContaining("benvolio@montague.example");

        // a new subscriber still gets the kept ones; once one is answered there is room again
        List<Throwable> laterErrors = new CopyOnWriteArrayList<>();
        List<BareJid> later = collect(roster, laterErrors);
        assertThat(later).containsExactly(ROMEO, MERCUTIO);
        roster.deny(ROMEO).block();
        ask(session, BENVOLIO);
        assertThat(later).containsExactly(ROMEO, MERCUTIO, BENVOLIO);
        assertThat(laterErrors).isEmpty();
    }

    @Test
    void anOverflowWithoutSubscribersIsToldToTheNextOne() {
        FakeSession session = new FakeSession(ME);
        Roster roster = Roster.of(session, RosterOptions.builder().maxPendingRequests(1).build());
        ask(session, ROMEO);
        ask(session, MERCUTIO);
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        assertThat(collect(roster, errors)).containsExactly(ROMEO);
        assertThat(errors).singleElement(org.assertj.core.api.InstanceOfAssertFactories.THROWABLE)
            .isInstanceOf(RosterException.class).hasMessageContaining("mercutio@montague.example");
        // told once
        List<Throwable> next = new CopyOnWriteArrayList<>();
        assertThat(collect(roster, next)).containsExactly(ROMEO);
        assertThat(next).isEmpty();
    }

    @Test
    void aCancelledSubscriberNoLongerReceives() {
        FakeSession session = new FakeSession(ME);
        Roster roster = Roster.of(session);
        List<BareJid> seen = new CopyOnWriteArrayList<>();
        Disposable d = roster.requests().subscribe(r -> seen.add(r.from()));
        ask(session, ROMEO);
        d.dispose();
        ask(session, MERCUTIO);
        assertThat(seen).containsExactly(ROMEO);
    }
}
