package org.reactorxmpp.im.roster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.im.testing.FakeSession;
import org.reactorxmpp.xmpp.extension.ExtensionCodec;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.jid.FullJid;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.stanza.Presence;
import org.reactorxmpp.xmpp.stanza.StanzaError;
import org.reactorxmpp.xmpp.xml.XmlElement;
import reactor.core.publisher.Mono;

/** Roster pushes and subscription policies against an in-memory session. */
class RosterPushTest {

    private static final String NS = RosterItem.NAMESPACE;
    private static final FullJid ME = FullJid.parse("juliet@example.com/balcony");
    private static final BareJid NURSE = BareJid.parse("nurse@example.com");

    private static Iq push(Jid from, String ver, XmlElement item) {
        return Iq.builder(Iq.Type.SET).id("push1").from(from).to(ME)
            .payload(XmlElement.builder(NS, "query").attribute("ver", ver).child(item).build()).build();
    }

    private static XmlElement item(String jid, String subscription, String... groups) {
        XmlElement.Builder b = XmlElement.builder(NS, "item").attribute("jid", jid).attribute("subscription", subscription);
        for (String g : groups) {
            b.textChild(NS, "group", g);
        }
        return b.build();
    }

    @Test
    void pushesFromTheAccountAreAppliedAcknowledgedAndStoredWithTheirVersion() {
        FakeSession session = new FakeSession(ME);
        RosterStore store = RosterStore.inMemory();
        Roster roster = Roster.of(session, RosterOptions.builder().store(store).versioning(true).build());
        List<RosterChange> changes = new ArrayList<>();
        roster.changes().subscribe(changes::add);

        Iq reply = session.deliver(push(ME.asBare(), "v1", item("nurse@example.com", "none", "Servants")));
        assertThat(reply.type()).isEqualTo(Iq.Type.RESULT);
        assertThat(reply.id()).isEqualTo("push1");
        reply = session.deliver(push(ME.asBare(), "v2", item("nurse@example.com", "both", "Servants")));
        assertThat(reply.type()).isEqualTo(Iq.Type.RESULT);
        session.deliver(push(ME.asBare(), "v3", item("nurse@example.com", "remove")));

        assertThat(changes).extracting(RosterChange::kind)
            .containsExactly(RosterChange.Kind.ADDED, RosterChange.Kind.UPDATED, RosterChange.Kind.REMOVED);
        assertThat(changes.get(1).item().subscription()).isEqualTo(Subscription.BOTH);
        assertThat(roster.snapshot().size()).isZero();
        assertThat(roster.snapshot().version()).contains("v3");
        assertThat(store.load(ME.asBare()).block().version()).contains("v3");
    }

    @Test
    void pushesFromAnyoneElseAreRefusedAndNotApplied() {
        FakeSession session = new FakeSession(ME);
        Roster roster = Roster.of(session);
        Iq reply = session.deliver(push(BareJid.parse("romeo@montague.example"), "v1", item("nurse@example.com", "both")));
        assertThat(reply.type()).isEqualTo(Iq.Type.ERROR);
        assertThat(reply.error().orElseThrow().condition()).isEqualTo(StanzaError.Condition.SERVICE_UNAVAILABLE);
        reply = session.deliver(push(Jid.domain("example.com"), "v1", item("nurse@example.com", "both")));
        assertThat(reply.type()).isEqualTo(Iq.Type.ERROR);
        assertThat(roster.snapshot().size()).isZero();

        // no from, or our own full JID: accepted
        assertThat(session.deliver(Iq.builder(Iq.Type.SET).id("p").payload(XmlElement.builder(NS, "query")
            .child(item("nurse@example.com", "to")).build()).build()).type()).isEqualTo(Iq.Type.RESULT);
        assertThat(session.deliver(push(ME, "v2", item("tybalt@example.com", "none"))).type()).isEqualTo(Iq.Type.RESULT);
        assertThat(roster.snapshot().size()).isEqualTo(2);
    }

    @Test
    void loadReplacesTheRosterAndReportsTheDifferences() {
        FakeSession session = new FakeSession(ME);
        Roster roster = Roster.of(session);
        session.deliver(push(ME.asBare(), "1", item("nurse@example.com", "none")));
        session.deliver(push(ME.asBare(), "2", item("tybalt@example.com", "none")));
        List<RosterChange> changes = new ArrayList<>();
        roster.changes().subscribe(changes::add);
        session.server(iq -> Mono.just(iq.resultWith(XmlElement.builder(NS, "query").attribute("ver", "3")
            .child(item("nurse@example.com", "both")).child(item("benvolio@example.com", "from")).build())));

        RosterSnapshot loaded = roster.load().block();
        assertThat(loaded.version()).contains("3");
        assertThat(loaded.items()).extracting(RosterItem::jid)
            .containsExactly(NURSE, BareJid.parse("benvolio@example.com"));
        assertThat(changes).extracting(c -> c.kind() + " " + c.item().jid()).containsExactlyInAnyOrder(
            "REMOVED tybalt@example.com", "UPDATED nurse@example.com", "ADDED benvolio@example.com");
        Iq get = (Iq) session.sent.get(0);
        assertThat(get.payload().orElseThrow().attribute("ver")).as("no ver without versioning").isNull();
    }

    @Test
    void serverErrorsBecomeRosterExceptions() {
        FakeSession session = new FakeSession(ME);
        Roster roster = Roster.of(session);
        session.server(iq -> Mono.just(iq.errorWith(StanzaError.of(StanzaError.Condition.NOT_ACCEPTABLE, "too long"))));
        RosterException e = failure(roster.add(NURSE, "x".repeat(10), List.of()));
        assertThat(e.condition()).contains(StanzaError.Condition.NOT_ACCEPTABLE);
        assertThat(e.getMessage()).contains("add", "nurse@example.com", "not-acceptable", "too long");
    }

    @Test
    void preApprovalWithoutServerSupportIsRefusedLocally() {
        FakeSession session = new FakeSession(ME);
        Roster roster = Roster.of(session);
        RosterException e = failure(roster.preApprove(NURSE));
        assertThat(e.condition()).isEmpty();
        assertThat(e.getMessage()).contains("pre-approval");
        assertThat(session.sent).isEmpty();

        Roster.of(new FakeSession(ME), RosterOptions.builder().preApproval(true).build());
    }

    @Test
    void preApprovalSendsSubscribed() {
        FakeSession session = new FakeSession(ME);
        Roster.of(session, RosterOptions.builder().preApproval(true).build()).preApprove(NURSE).block();
        Presence p = (Presence) session.sent.get(0);
        assertThat(p.type()).isEqualTo(Presence.Type.SUBSCRIBED);
        assertThat(p.to()).isEqualTo(NURSE);
    }

    @Test
    void policiesAnswerRequestsOrSurfaceThem() {
        FakeSession session = new FakeSession(ME);
        Roster roster = Roster.of(session, RosterOptions.builder().autoAccept(AutoAccept.IN_ROSTER)
            .autoSubscribe(true).autoRemove(true).build());
        List<SubscriptionRequest> surfaced = new ArrayList<>();
        roster.requests().subscribe(surfaced::add);
        session.deliver(push(ME.asBare(), "1", item("nurse@example.com", "none")));

        session.deliver(Presence.builder().from(NURSE).type(Presence.Type.SUBSCRIBE).build());
        assertThat(session.sent).filteredOn(Presence.class::isInstance).map(s -> (Presence) s)
            .extracting(Presence::type, Presence::to)
            .containsExactly(org.assertj.core.groups.Tuple.tuple(Presence.Type.SUBSCRIBED, NURSE),
                org.assertj.core.groups.Tuple.tuple(Presence.Type.SUBSCRIBE, NURSE));
        assertThat(surfaced).isEmpty();

        BareJid romeo = BareJid.parse("romeo@montague.example");
        session.deliver(Presence.builder().from(romeo.withResource("orchard")).type(Presence.Type.SUBSCRIBE).status("hi").build());
        assertThat(surfaced).singleElement().satisfies(r -> {
            assertThat(r.from()).isEqualTo(romeo);
            assertThat(r.status()).contains("hi");
        });

        session.sent.clear();
        session.deliver(Presence.builder().from(NURSE).type(Presence.Type.UNSUBSCRIBE).build());
        Iq removal = (Iq) session.sent.get(0);
        XmlElement sentItem = removal.payload().orElseThrow().elements().findFirst().orElseThrow();
        assertThat(sentItem.attribute("subscription")).isEqualTo("remove");
        assertThat(sentItem.attribute("jid")).isEqualTo("nurse@example.com");
    }

    private static RosterException failure(Mono<Void> operation) {
        return (RosterException) operation.then(Mono.<Throwable>empty()).onErrorResume(Mono::just).block();
    }

    @Test
    void itemCodecRoundTrip() {
        RosterItem item = ExtensionCodec.decode(RosterItem.CODEC, XmlElement.builder(NS, "item").attribute("jid", "Nurse@Example.com")
            .attribute("name", "Nurse").attribute("subscription", "from").attribute("ask", "subscribe")
            .attribute("approved", "true").textChild(NS, "group", "Servants").textChild(NS, "group", "Servants").build());
        assertThat(item.jid()).isEqualTo(NURSE);
        assertThat(item.subscription()).isEqualTo(Subscription.FROM);
        assertThat(item.isPendingOut()).isTrue();
        assertThat(item.isApproved()).isTrue();
        assertThat(item.groups()).containsExactly("Servants");
        XmlElement out = RosterItem.CODEC.encode(item);
        assertThat(out.attribute("subscription")).isNull();
        assertThat(out.attribute("ask")).isNull();
        assertThat(ExtensionCodec.decode(RosterItem.CODEC, out).withName("Nurse")).isEqualTo(RosterItem.of(NURSE, "Nurse", List.of("Servants")));
    }
}
