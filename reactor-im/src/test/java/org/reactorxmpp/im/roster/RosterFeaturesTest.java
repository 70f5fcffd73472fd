package org.reactorxmpp.im.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.im.testing.FakeSession;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.jid.FullJid;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.stanza.Presence;
import org.reactorxmpp.xmpp.xml.XmlElement;
import reactor.core.publisher.Mono;

/** Roster versioning and pre-approval detected from the session's stream features; the options override. */
class RosterFeaturesTest {

    private static final String NS = RosterItem.NAMESPACE;
    private static final String ROSTERVER = "urn:xmpp:features:rosterver";
    private static final String PRE_APPROVAL = "urn:xmpp:features:pre-approval";
    private static final FullJid ME = FullJid.parse("juliet@example.com/balcony");
    private static final BareJid NURSE = BareJid.parse("nurse@example.com");

    private static FakeSession session(String... features) {
        FakeSession session = new FakeSession(ME);
        session.features(FakeSession.featuresWith(features));
        session.server(iq -> Mono.just(iq.resultWith(XmlElement.builder(NS, "query").attribute("ver", "v1")
            .child(XmlElement.builder(NS, "item").attribute("jid", "nurse@example.com").attribute("subscription", "both")
                .build()).build())));
        return session;
    }

    private static String sentVer(FakeSession session) {
        return ((Iq) session.sent.get(0)).payload().orElseThrow().attribute("ver");
    }

    @Test
    void announcedVersioningSendsVerAndStores() {
        FakeSession session = session(ROSTERVER);
        RosterStore store = RosterStore.inMemory();
        Roster roster = Roster.of(session, RosterOptions.builder().store(store).build());
        assertThat(roster.versioning()).isTrue();
        roster.load().block();
        assertThat(sentVer(session)).as("first fetch with an empty version").isEmpty();
        assertThat(store.load(ME.asBare()).block().version()).contains("v1");
    }

    @Test
    void withoutTheFeatureNoVerIsSentAndNothingStored() {
        FakeSession session = session();
        RosterStore store = RosterStore.inMemory();
        Roster roster = Roster.of(session, RosterOptions.builder().store(store).build());
        assertThat(roster.versioning()).isFalse();
        roster.load().block();
        assertThat(sentVer(session)).isNull();
        assertThat(store.load(ME.asBare()).block()).isNull();
    }

    @Test
    void theOptionsOverrideTheFeatures() {
        FakeSession off = session(ROSTERVER, PRE_APPROVAL);
        Roster roster = Roster.of(off, RosterOptions.builder().versioning(false).preApproval(false).build());
        assertThat(roster.versioning()).isFalse();
        assertThat(roster.preApproval()).isFalse();
        roster.load().block();
        assertThat(sentVer(off)).isNull();
        assertThatThrownBy(() -> roster.preApprove(NURSE).block()).isInstanceOf(RosterException.class)
            .hasMessageContaining("pre-approval");

        FakeSession on = session();
        Roster forced = Roster.of(on, RosterOptions.builder().versioning(true).preApproval(true).build());
        assertThat(forced.versioning()).isTrue();
        assertThat(forced.preApproval()).isTrue();
        forced.load().block();
        assertThat(sentVer(on)).isEmpty();
    }

    @Test
    void announcedPreApprovalAllowsPreApprove() {
        FakeSession session = session(PRE_APPROVAL);
        Roster roster = Roster.of(session);
        assertThat(roster.preApproval()).isTrue();
        assertThat(roster.versioning()).isFalse();
        roster.preApprove(NURSE).block();
        assertThat(session.sent).singleElement().isInstanceOfSatisfying(Presence.class, p -> {
            assertThat(p.type()).isEqualTo(Presence.Type.SUBSCRIBED);
            assertThat(p.to()).isEqualTo(NURSE);
        });
    }

    @Test
    void theCurrentConnectionsFeaturesCount() {
        FakeSession session = session();
        Roster roster = Roster.of(session);
        assertThat(roster.versioning()).isFalse();
        assertThat(roster.preApproval()).isFalse();
        // a reconnect landed on a server announcing both
        session.features(FakeSession.featuresWith(ROSTERVER, PRE_APPROVAL));
        assertThat(roster.versioning()).isTrue();
        assertThat(roster.preApproval()).isTrue();
        roster.load().block();
        assertThat(sentVer(session)).isEmpty();
        assertThat(List.of(roster.snapshot().version().orElseThrow())).containsExactly("v1");
    }
}
