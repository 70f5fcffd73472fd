package org.reactorxmpp.im.presence.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.im.presence.ContactPresence;
import org.reactorxmpp.im.presence.PresenceChange;
import org.reactorxmpp.im.presence.ResourcePresence;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.jid.FullJid;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.stanza.Presence;

class PrimaryPresenceTest {

    private static final BareJid BOB = BareJid.parse("bob@example.com");

    private static ResourcePresence r(String resource, Presence.Show show, int priority, long seq) {
        return new ResourcePresence(BOB.withResource(resource),
            Presence.builder().from(BOB.withResource(resource)).show(show).priority(priority).build(), seq);
    }

    private static String primary(ResourcePresence... resources) {
        return new ContactPresence(BOB, List.of(resources)).primary().orElseThrow().jid().resourcepart().orElseThrow();
    }

    @Test
    void highestPriorityWinsWhateverTheShow() {
        assertThat(primary(r("a", Presence.Show.CHAT, 1, 9), r("b", Presence.Show.DND, 2, 1))).isEqualTo("b");
        assertThat(primary(r("a", Presence.Show.XA, -1, 9), r("b", Presence.Show.XA, 0, 1))).isEqualTo("b");
    }

    @Test
    void samePriorityThenShowRank() {
        assertThat(primary(r("away", Presence.Show.AWAY, 0, 5), r("avail", null, 0, 1))).isEqualTo("avail");
        assertThat(primary(r("avail", null, 0, 5), r("chat", Presence.Show.CHAT, 0, 1))).isEqualTo("chat");
        assertThat(primary(r("dnd", Presence.Show.DND, 0, 5), r("xa", Presence.Show.XA, 0, 1))).isEqualTo("xa");
        assertThat(primary(r("xa", Presence.Show.XA, 0, 5), r("away", Presence.Show.AWAY, 0, 1))).isEqualTo("away");
    }

    @Test
    void sameRankThenMostRecent() {
        assertThat(primary(r("old", Presence.Show.AWAY, 3, 1), r("new", Presence.Show.AWAY, 3, 2))).isEqualTo("new");
        assertThat(primary(r("new", Presence.Show.AWAY, 3, 7), r("old", Presence.Show.AWAY, 3, 2))).isEqualTo("new");
    }

    @Test
    void resourcesAreListedPrimaryFirst() {
        ContactPresence c = new ContactPresence(BOB, List.of(r("x", Presence.Show.XA, 0, 1), r("c", Presence.Show.CHAT, 0, 2),
            r("p", null, 5, 3)));
        assertThat(c.resources()).extracting(x -> x.jid().resourcepart().orElseThrow()).containsExactly("p", "c", "x");
    }

    @Test
    void trackerFollowsResourcesAndUnavailableFromTheBareJidClearsAll() {
        PresenceTracker tracker = new PresenceTracker();
        FullJid phone = BOB.withResource("phone");
        FullJid desk = BOB.withResource("desk");
        tracker.apply(Presence.builder().from(phone).show(Presence.Show.AWAY).build());
        PresenceChange change = tracker.apply(Presence.builder().from(desk).build()).orElseThrow();
        assertThat(change.contact().primary().orElseThrow().jid()).isEqualTo(desk);
        assertThat(change.contact().resources()).hasSize(2);

        // an update of the same resource replaces it and counts as the most recent
        change = tracker.apply(Presence.builder().from(phone).build()).orElseThrow();
        assertThat(change.contact().resources()).hasSize(2);
        assertThat(change.contact().primary().orElseThrow().jid()).isEqualTo(phone);

        change = tracker.apply(Presence.builder().from(phone).type(Presence.Type.UNAVAILABLE).build()).orElseThrow();
        assertThat(change.isUnavailable()).isTrue();
        assertThat(change.contact().resources()).extracting(ResourcePresence::jid).containsExactly((Jid) desk);

        tracker.apply(Presence.builder().from(phone).build());
        change = tracker.apply(Presence.builder().from(BOB).type(Presence.Type.UNAVAILABLE).build()).orElseThrow();
        assertThat(change.contact().isAvailable()).isFalse();
        assertThat(tracker.available()).isEmpty();
    }

    @Test
    void subscriptionPresencesDoNotChangeAvailability() {
        PresenceTracker tracker = new PresenceTracker();
        assertThat(tracker.apply(Presence.builder().from(BOB).type(Presence.Type.SUBSCRIBE).build())).isEmpty();
        assertThat(tracker.apply(Presence.builder().type(Presence.Type.AVAILABLE).build())).isEmpty();
        assertThat(tracker.contact(BOB).isAvailable()).isFalse();
    }
}
