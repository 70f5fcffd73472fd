package org.reactorxmpp.im.roster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.jid.FullJid;
import org.reactorxmpp.xmpp.session.XmppClient;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.stanza.Presence;
import org.reactorxmpp.xmpp.testing.ScriptedTransport;
import org.reactorxmpp.xmpp.xml.XmlElement;
import reactor.core.Disposable;
import reactor.core.scheduler.Schedulers;

/**
 * {@link Roster#requests()} keeps unanswered requests for late subscribers, bounded and never
 * silently. A real session over a scripted server that records what the client sends.
 */
class RosterRequestsTest {

    private static final String NS = RosterItem.NAMESPACE;
    private static final FullJid ME = FullJid.parse("juliet@example.com/balcony");
    private static final BareJid ROMEO = BareJid.parse("romeo@montague.example");
    private static final BareJid MERCUTIO = BareJid.parse("mercutio@montague.example");
    private static final BareJid BENVOLIO = BareJid.parse("benvolio@montague.example");

    private final ScriptedTransport transport = ScriptedTransport.builder(ME.toString()).ignoring(e -> true).build();

    private XmppSession connect() {
        return XmppClient.builder().jid(ME.toString()).password("any").transport(transport)
            .saslScheduler(Schedulers.immediate()).sendInitialPresence(false)
            .build().connect().block(Duration.ofSeconds(5));
    }

    private void ask(BareJid from) {
        transport.push(Presence.builder().from(from.withResource("r")).type(Presence.Type.SUBSCRIBE).build());
    }

    private static List<BareJid> collect(Roster roster, List<Throwable> errors) {
        List<BareJid> seen = new CopyOnWriteArrayList<>();
        roster.requests().subscribe(r -> seen.add(r.from()), errors::add);
        return seen;
    }

    @Test
    void requestsBeforeTheSubscriptionAreReplayedUntilAnswered() {
        XmppSession session = connect();
        Roster roster = Roster.of(session);
        // offline requests delivered right at login, before the application subscribed
        ask(ROMEO);
        ask(MERCUTIO);

        List<Throwable> errors = new CopyOnWriteArrayList<>();
        List<BareJid> first = collect(roster, errors);
        assertThat(first).containsExactly(ROMEO, MERCUTIO);
        ask(BENVOLIO);
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
        XmppSession session = connect();
        Roster roster = Roster.of(session);
        ask(ROMEO);
        ask(MERCUTIO);
        ask(ROMEO);
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        assertThat(collect(roster, errors)).containsExactly(MERCUTIO, ROMEO);

        // romeo withdraws his request
        transport.push(Presence.builder().from(ROMEO.withResource("r")).type(Presence.Type.UNSUBSCRIBE).build());
        // another resource of ours approved mercutio: the push shows subscription from
        transport.push(Iq.builder(Iq.Type.SET).id("push").payload(XmlElement.builder(NS, "query")
            .child(XmlElement.builder(NS, "item").attribute("jid", MERCUTIO.toString()).attribute("subscription", "from")
                .build()).build()).build());
        assertThat(collect(roster, errors)).isEmpty();
        assertThat(errors).isEmpty();
    }

    @Test
    void requestsAnsweredByAPolicyAreNotBuffered() {
        XmppSession session = connect();
        Roster roster = Roster.of(session, RosterOptions.builder().autoAcceptInDomain(true).build());
        ask(BareJid.parse("nurse@example.com"));
        ask(ROMEO);
        assertThat(collect(roster, new CopyOnWriteArrayList<>())).containsExactly(ROMEO);
        assertThat(transport.stanzas()).singleElement().satisfies(
            p -> assertThat(Presence.of(p).type()).isEqualTo(Presence.Type.SUBSCRIBED));
    }

    @Test
    void overflowFailsTheSubscribersAndKeepsTheOlderRequests() {
        XmppSession session = connect();
        Roster roster = Roster.of(session, RosterOptions.builder().maxPendingRequests(2).build());
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        List<BareJid> seen = collect(roster, errors);
        ask(ROMEO);
        ask(MERCUTIO);
        assertThat(errors).isEmpty();
        ask(BENVOLIO);
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
        ask(BENVOLIO);
        assertThat(later).containsExactly(ROMEO, MERCUTIO, BENVOLIO);
        assertThat(laterErrors).isEmpty();
    }

    @Test
    void anOverflowWithoutSubscribersIsToldToTheNextOne() {
        XmppSession session = connect();
        Roster roster = Roster.of(session, RosterOptions.builder().maxPendingRequests(1).build());
        ask(ROMEO);
        ask(MERCUTIO);
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
        XmppSession session = connect();
        Roster roster = Roster.of(session);
        List<BareJid> seen = new CopyOnWriteArrayList<>();
        Disposable d = roster.requests().subscribe(r -> seen.add(r.from()));
        ask(ROMEO);
        d.dispose();
        ask(MERCUTIO);
        assertThat(seen).containsExactly(ROMEO);
    }
}
