package org.reactorxmpp.im.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.reactorxmpp.im.testing.ImTesting.TIMEOUT;
import static org.reactorxmpp.im.testing.ImTesting.connect;
import static org.reactorxmpp.im.testing.ImTesting.expect;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.testing.ProsodyExtension;
import reactor.core.publisher.Flux;

/**
 * A bot restarting with {@link RosterStore#jsonFile}: a new process (new store instance, new roster,
 * new session) on the same file asks Prosody only for the delta and still has every item.
 * (Prosody only for now, like {@link RosterVersioningIT} whose server behaviour it relies on.)
 */
class RosterFileStoreIT {

    @RegisterExtension
    static final ProsodyExtension prosody = ProsodyExtension.builder().users("file", 2, "secret").build();

    @TempDir
    Path dir;

    @Test
    void aRestartedBotGetsOnlyTheDeltaFromItsFile() {
        Path file = dir.resolve("roster.json");
        BareJid anna = BareJid.of("anna", "other.example");
        BareJid ben = BareJid.of("ben", "other.example");
        BareJid cleo = BareJid.of("cleo", "other.example");

        XmppSession first = connect(prosody, "file1", "bot");
        Roster roster = Roster.of(first, RosterOptions.builder().store(RosterStore.jsonFile(file)).build());
        roster.load().block(TIMEOUT);
        var benAdded = expect(roster.changes(), c -> c.item().jid().equals(ben));
        roster.add(anna, "Anna", List.of("A")).block(TIMEOUT);
        roster.add(ben, "Ben", List.of("B")).block(TIMEOUT);
        benAdded.get();
        BareJid account = first.jid().asBare();
        // the push is acknowledged after the file was written; wait until a fresh reader sees it
        // (a tick while a load is still running is dropped, not an overflow error, on a slow machine)
        RosterSnapshot stored = Flux.interval(java.time.Duration.ofMillis(20))
            .onBackpressureDrop()
            .concatMap(i -> RosterStore.jsonFile(file).load(account).defaultIfEmpty(RosterSnapshot.empty()))
            .filter(s -> s.item(ben).isPresent()).blockFirst(TIMEOUT);
        assertThat(stored.version()).isPresent();
        first.close().block(TIMEOUT);

        // restart, nothing changed: an empty result, all items from the file
        XmppSession second = connect(prosody, "file1", "bot");
        var reply = expect(second.iqs(), iq -> iq.type() == Iq.Type.RESULT);
        Roster again = Roster.of(second, RosterOptions.builder().store(RosterStore.jsonFile(file)).build());
        List<RosterChange> changes = new ArrayList<>();
        again.changes().subscribe(changes::add);
        RosterSnapshot unchanged = again.load().block(TIMEOUT);
        assertThat(reply.get().payload()).as("the roster result carries no items").isEmpty();
        assertThat(unchanged.items()).extracting(RosterItem::jid).containsExactly(anna, ben);
        assertThat(unchanged).isEqualTo(stored);
        assertThat(changes).isEmpty();
        second.close().block(TIMEOUT);

        // another client changes the roster while the bot is down
        XmppSession other = connect(prosody, "file1", "desktop");
        Roster plain = Roster.of(other, RosterOptions.builder().versioning(false).build());
        plain.load().block(TIMEOUT);
        plain.add(cleo, "Cleo", List.of("C")).block(TIMEOUT);
        other.close().block(TIMEOUT);

        // restart: only the delta is reported, the roster is complete, the file is updated
        XmppSession third = connect(prosody, "file1", "bot");
        RosterStore thirdStore = RosterStore.jsonFile(file);
        Roster latest = Roster.of(third, RosterOptions.builder().store(thirdStore).build());
        List<RosterChange> delta = new ArrayList<>();
        latest.changes().subscribe(delta::add);
        RosterSnapshot now = latest.load().block(TIMEOUT);
        assertThat(now.items()).extracting(RosterItem::jid).containsExactlyInAnyOrder(anna, ben, cleo);
        assertThat(delta).extracting(RosterChange::kind, c -> c.item().jid())
            .containsExactly(org.assertj.core.groups.Tuple.tuple(RosterChange.Kind.ADDED, cleo));
        assertThat(RosterStore.jsonFile(file).load(account).block(TIMEOUT)).isEqualTo(now);
        third.close().block(TIMEOUT);
    }
}
