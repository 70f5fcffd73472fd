package org.reactorxmpp.im.roster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.im.testing.ScriptedSessions;
import org.reactorxmpp.xmpp.extension.ExtensionCodec;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.jid.FullJid;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.stanza.Presence;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Stanza;
import org.reactorxmpp.xmpp.stanza.StanzaError;
import org.reactorxmpp.xmpp.testing.ScriptedTransport;
import org.reactorxmpp.xmpp.xml.XmlElement;
import reactor.core.publisher.Mono;

/** Roster pushes and subscription policies: a real session over a scripted server. */
class RosterPushTest {

    private static final String NS = RosterItem.NAMESPACE;
    private static final FullJid ME = FullJid.parse("juliet@example.com/balcony");
    private static final BareJid NURSE = BareJid.parse("nurse@example.com");

    /** A server that answers nothing and records everything; see {@link #serving} for one that answers. */
    private ScriptedTransport server = ScriptedTransport.builder(ME.toString()).ignoring(e -> true).build();

    private static ScriptedTransport serving(java.util.function.Function<XmlElement, List<XmlElement>> rosterAnswer) {
        return ScriptedTransport.builder(ME.toString()).ignoring(e -> true).expectIq(NS).thenRespond(rosterAnswer).build();
    }

    private static XmppSession connect(ScriptedTransport transport) {
        return ScriptedSessions.connect(transport, ME);
    }

    private Iq deliver(Iq request) {
        return ScriptedSessions.deliver(server, request);
    }

    private List<Stanza> sent() {
        return ScriptedSessions.sent(server);
    }

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
        XmppSession session = connect(server);
        RosterStore store = RosterStore.inMemory();
        Roster roster = Roster.of(session, RosterOptions.builder().store(store).versioning(true).build());
        List<RosterChange> changes = new ArrayList<>();
        roster.changes().subscribe(changes::add);

        Iq reply = deliver(push(ME.asBare(), "v1", item("nurse@example.com", "none", "Servants")));
        assertThat(reply.type()).isEqualTo(Iq.Type.RESULT);
        assertThat(reply.id()).isEqualTo("push1");
        reply = deliver(push(ME.asBare(), "v2", item("nurse@example.com", "both", "Servants")));
        assertThat(reply.type()).isEqualTo(Iq.Type.RESULT);
        deliver(push(ME.asBare(), "v3", item("nurse@example.com", "remove")));

        assertThat(changes).extracting(RosterChange::kind)
            .containsExactly(RosterChange.Kind.ADDED, RosterChange.Kind.UPDATED, RosterChange.Kind.REMOVED);
        assertThat(changes.get(1).item().subscription()).isEqualTo(Subscription.BOTH);
        assertThat(roster.snapshot().size()).isZero();
        assertThat(roster.snapshot().version()).contains("v3");
        assertThat(store.load(ME.asBare()).block().version()).contains("v3");
    }

    @Test
    void pushesFromAnyoneElseAreRefusedAndNotApplied() {
        XmppSession session = connect(server);
        Roster roster = Roster.of(session);
        Iq reply = deliver(push(BareJid.parse("romeo@montague.example"), "v1", item("nurse@example.com", "both")));
        assertThat(reply.type()).isEqualTo(Iq.Type.ERROR);
        assertThat(reply.error().orElseThrow().condition()).isEqualTo(StanzaError.Condition.SERVICE_UNAVAILABLE);
        reply = deliver(push(Jid.domain("example.com"), "v1", item("nurse@example.com", "both")));
        assertThat(reply.type()).isEqualTo(Iq.Type.ERROR);
        assertThat(roster.snapshot().size()).isZero();

        // no from, or our own full JID: accepted
        assertThat(deliver(Iq.builder(Iq.Type.SET).id("p").payload(XmlElement.builder(NS, "query")
            .child(item("nurse@example.com", "to")).build()).build()).type()).isEqualTo(Iq.Type.RESULT);
        assertThat(deliver(push(ME, "v2", item("tybalt@example.com", "none"))).type()).isEqualTo(Iq.Type.RESULT);
        assertThat(roster.snapshot().size()).isEqualTo(2);
    }

    @Test
    void loadReplacesTheRosterAndReportsTheDifferences() {
        // the pushes are answered by the client; the only roster request, the load, by the server
        server = serving(ScriptedTransport.result(XmlElement.builder(NS, "query").attribute("ver", "3")
            .child(item("nurse@example.com", "both")).child(item("benvolio@example.com", "from")).build()));
        XmppSession session = connect(server);
        Roster roster = Roster.of(session);
        deliver(push(ME.asBare(), "1", item("nurse@example.com", "none")));
        deliver(push(ME.asBare(), "2", item("tybalt@example.com", "none")));
        List<RosterChange> changes = new ArrayList<>();
        roster.changes().subscribe(changes::add);

        RosterSnapshot loaded = roster.load().block();
        assertThat(loaded.version()).contains("3");
        assertThat(loaded.items()).extracting(RosterItem::jid)
            .containsExactly(NURSE, BareJid.parse("benvolio@example.com"));
        assertThat(changes).extracting(c -> c.kind() + " " + c.item().jid()).containsExactlyInAnyOrder(
            "REMOVED tybalt@example.com", "UPDATED nurse@example.com", "ADDED benvolio@example.com");
        Iq get = sent().stream().filter(st -> st instanceof Iq iq && iq.type() == Iq.Type.GET).map(Iq.class::cast)
            .findFirst().orElseThrow();
        assertThat(get.payload().orElseThrow().attribute("ver")).as("no ver without versioning").isNull();
    }

    @Test
    void serverErrorsBecomeRosterExceptions() {
        server = serving(iq -> List.of(Iq.of(iq)
            .errorWith(StanzaError.of(StanzaError.Condition.NOT_ACCEPTABLE, "too long")).element()));
        XmppSession session = connect(server);
        Roster roster = Roster.of(session);
        RosterException e = failure(roster.add(NURSE, "x".repeat(10), List.of()));
        assertThat(e.condition()).contains(StanzaError.Condition.NOT_ACCEPTABLE);
        assertThat(e.getMessage()).contains("add", "nurse@example.com", "not-acceptable", "too long");
    }

    @Test
    void preApprovalWithoutServerSupportIsRefusedLocally() {
        XmppSession session = connect(server);
        Roster roster = Roster.of(session);
        RosterException e = failure(roster.preApprove(NURSE));
        assertThat(e.condition()).isEmpty();
        assertThat(e.getMessage()).contains("pre-approval");
        assertThat(sent()).isEmpty();

        Roster.of(connect(ScriptedTransport.builder(ME.toString()).ignoring(any -> true).build()), RosterOptions.builder().preApproval(true).build());
    }

    @Test
    void preApprovalSendsSubscribed() {
        XmppSession session = connect(server);
        Roster.of(session, RosterOptions.builder().preApproval(true).build()).preApprove(NURSE).block();
        Presence p = (Presence) sent().get(0);
        assertThat(p.type()).isEqualTo(Presence.Type.SUBSCRIBED);
        assertThat(p.to()).isEqualTo(NURSE);
    }

    @Test
    void policiesAnswerRequestsOrSurfaceThem() {
        XmppSession session = connect(server);
        Roster roster = Roster.of(session, RosterOptions.builder().autoAccept(AutoAccept.IN_ROSTER)
            .autoSubscribe(true).autoRemove(true).build());
        List<SubscriptionRequest> surfaced = new ArrayList<>();
        roster.requests().subscribe(surfaced::add);
        deliver(push(ME.asBare(), "1", item("nurse@example.com", "none")));

        server.push(Presence.builder().from(NURSE).type(Presence.Type.SUBSCRIBE).build());
        assertThat(sent()).filteredOn(Presence.class::isInstance).map(s -> (Presence) s)
            .extracting(Presence::type, Presence::to)
            .containsExactly(org.assertj.core.groups.Tuple.tuple(Presence.Type.SUBSCRIBED, NURSE),
                org.assertj.core.groups.Tuple.tuple(Presence.Type.SUBSCRIBE, NURSE));
        assertThat(surfaced).isEmpty();

        BareJid romeo = BareJid.parse("romeo@montague.example");
        server.push(Presence.builder().from(romeo.withResource("orchard")).type(Presence.Type.SUBSCRIBE).status("hi").build());
        assertThat(surfaced).singleElement().satisfies(r -> {
            assertThat(r.from()).isEqualTo(romeo);
            assertThat(r.status()).contains("hi");
        });

        int before = sent().size();
        server.push(Presence.builder().from(NURSE).type(Presence.Type.UNSUBSCRIBE).build());
        Iq removal = (Iq) sent().get(before);
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
