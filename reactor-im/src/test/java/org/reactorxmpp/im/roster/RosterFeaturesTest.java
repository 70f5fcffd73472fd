package org.reactorxmpp.im.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.jid.FullJid;
import org.reactorxmpp.xmpp.session.Reconnect;
import org.reactorxmpp.xmpp.session.XmppClient;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Presence;
import org.reactorxmpp.xmpp.testing.ScriptedTransport;
import org.reactorxmpp.xmpp.transport.TransportException;
import org.reactorxmpp.xmpp.xml.XmlElement;
import reactor.core.scheduler.Schedulers;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * Roster versioning and pre-approval detected from the session's stream features; the options
 * override. A real session over a scripted server.
 */
class RosterFeaturesTest {

    private static final String NS = RosterItem.NAMESPACE;
    private static final String ROSTERVER = "urn:xmpp:features:rosterver";
    private static final String PRE_APPROVAL = "urn:xmpp:features:pre-approval";
    private static final FullJid ME = FullJid.parse("juliet@example.com/balcony");
    private static final BareJid NURSE = BareJid.parse("nurse@example.com");

    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
    private ScriptedTransport transport;

    private static XmlElement feature(String namespace) {
        return XmlElement.empty(namespace, namespace.equals(ROSTERVER) ? "ver" : "sub");
    }

    private XmppSession session(String... features) {
        ScriptedTransport.Builder b = ScriptedTransport.builder(ME.toString()).ignoring(e -> true)
            .expectIq(NS).thenRespond(ScriptedTransport.result(XmlElement.builder(NS, "query").attribute("ver", "v1")
                .child(XmlElement.builder(NS, "item").attribute("jid", "nurse@example.com")
                    .attribute("subscription", "both").build()).build()));
        for (String f : features) {
            b.streamFeature(feature(f));
        }
        transport = b.build();
        return XmppClient.builder().jid(ME.toString()).password("any").transport(transport)
            .saslScheduler(Schedulers.immediate()).sendInitialPresence(false)
            .reconnect(Reconnect.countdown(Duration.ofSeconds(1))).timerScheduler(time)
            .build().connect().block(Duration.ofSeconds(5));
    }

    /** @return the {@code ver} of the roster get the client sent */
    private String sentVer() {
        return transport.stanzas().stream().filter(e -> e.element(NS, "query") != null).findFirst().orElseThrow()
            .element(NS, "query").attribute("ver");
    }

    @Test
    void announcedVersioningSendsVerAndStores() {
        XmppSession session = session(ROSTERVER);
        RosterStore store = RosterStore.inMemory();
        Roster roster = Roster.of(session, RosterOptions.builder().store(store).build());
        assertThat(roster.versioning()).isTrue();
        roster.load().block();
        assertThat(sentVer()).as("first fetch with an empty version").isEmpty();
        assertThat(store.load(ME.asBare()).block().version()).contains("v1");
    }

    @Test
    void withoutTheFeatureNoVerIsSentAndNothingStored() {
        XmppSession session = session();
        RosterStore store = RosterStore.inMemory();
        Roster roster = Roster.of(session, RosterOptions.builder().store(store).build());
        assertThat(roster.versioning()).isFalse();
        roster.load().block();
        assertThat(sentVer()).isNull();
        assertThat(store.load(ME.asBare()).block()).isNull();
    }

    @Test
    void theOptionsOverrideTheFeatures() {
        XmppSession off = session(ROSTERVER, PRE_APPROVAL);
        Roster roster = Roster.of(off, RosterOptions.builder().versioning(false).preApproval(false).build());
        assertThat(roster.versioning()).isFalse();
        assertThat(roster.preApproval()).isFalse();
        roster.load().block();
        assertThat(sentVer()).isNull();
        assertThatThrownBy(() -> roster.preApprove(NURSE).block()).isInstanceOf(RosterException.class)
            .hasMessageContaining("pre-approval");

        XmppSession on = session();
        Roster forced = Roster.of(on, RosterOptions.builder().versioning(true).preApproval(true).build());
        assertThat(forced.versioning()).isTrue();
        assertThat(forced.preApproval()).isTrue();
        forced.load().block();
        assertThat(sentVer()).isEmpty();
    }

    @Test
    void announcedPreApprovalAllowsPreApprove() {
        XmppSession session = session(PRE_APPROVAL);
        Roster roster = Roster.of(session);
        assertThat(roster.preApproval()).isTrue();
        assertThat(roster.versioning()).isFalse();
        roster.preApprove(NURSE).block();
        assertThat(transport.stanzas()).singleElement().satisfies(e -> {
            Presence p = Presence.of(e);
            assertThat(p.type()).isEqualTo(Presence.Type.SUBSCRIBED);
            assertThat(p.to()).isEqualTo(NURSE);
        });
    }

    @Test
    void theCurrentConnectionsFeaturesCount() {
        XmppSession session = session();
        Roster roster = Roster.of(session);
        assertThat(roster.versioning()).isFalse();
        assertThat(roster.preApproval()).isFalse();
        // a reconnect lands on a server announcing both
        transport.streamFeatures(feature(ROSTERVER), feature(PRE_APPROVAL));
        transport.last().drop(new TransportException("connection reset", true));
        time.advanceTimeBy(Duration.ofSeconds(2));
        assertThat(transport.connections()).hasSize(2);
        assertThat(roster.versioning()).isTrue();
        assertThat(roster.preApproval()).isTrue();
        roster.load().block();
        assertThat(sentVer()).isEmpty();
        assertThat(List.of(roster.snapshot().version().orElseThrow())).containsExactly("v1");
    }
}
