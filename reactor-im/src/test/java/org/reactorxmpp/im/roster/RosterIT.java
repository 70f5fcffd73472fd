package org.reactorxmpp.im.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.reactorxmpp.im.testing.ImTesting.TIMEOUT;
import static org.reactorxmpp.im.testing.ImTesting.collect;
import static org.reactorxmpp.im.testing.ImTesting.connect;
import static org.reactorxmpp.im.testing.ImTesting.expect;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.StanzaError;
import org.reactorxmpp.xmpp.testing.OnBothServers;
import org.reactorxmpp.xmpp.testing.TestAccount;
import org.reactorxmpp.xmpp.testing.XmppTestServer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Roster operations of one account seen by its second session through roster pushes, on each real server.
 * Every test has a fresh account: no roster item, push or version left by another test can show up.
 */
@OnBothServers
class RosterIT {

    @Parameter
    XmppTestServer server;

    private XmppSession laptop;
    private XmppSession phone;

    @BeforeEach
    void connect2() {
        TestAccount account = server.newAccount("roster");
        laptop = connect(server, account, "laptop");
        phone = connect(server, account, "phone");
    }

    @AfterEach
    void close() {
        try {
            if (laptop != null) {
                laptop.close().block(TIMEOUT);
            }
        } finally {
            if (phone != null) {
                phone.close().block(TIMEOUT);
            }
        }
    }

    private static BareJid contact(String name) {
        return BareJid.of(name, "elsewhere.example");
    }

    @Test
    void addUpdateMoveRenameRemoveArePushedToTheOtherSession() {
        Roster mine = Roster.of(laptop);
        Roster other = Roster.of(phone);
        mine.load().block(TIMEOUT);
        other.load().block(TIMEOUT);
        BareJid bob = contact("bob");
        var seen = collect(other.changes().filter(c -> c.item().jid().equals(bob)),
            c -> c.kind() == RosterChange.Kind.REMOVED);

        mine.add(bob, "Bob", List.of("Friends")).block(TIMEOUT);
        mine.update(RosterItem.of(bob, "Bobby", List.of("Friends", "Chess"))).block(TIMEOUT);
        awaitItem(mine, bob, i -> i.name().orElse("").equals("Bobby"));
        mine.move(bob, List.of("Work")).block(TIMEOUT);
        awaitItem(mine, bob, i -> i.groups().equals(Set.of("Work")));
        mine.rename(bob, "Robert").block(TIMEOUT);
        awaitItem(mine, bob, i -> i.name().orElse("").equals("Robert"));
        mine.remove(bob).block(TIMEOUT);

        List<RosterChange> changes = seen.get();
        assertThat(changes).extracting(RosterChange::kind).containsExactly(RosterChange.Kind.ADDED,
            RosterChange.Kind.UPDATED, RosterChange.Kind.UPDATED, RosterChange.Kind.UPDATED, RosterChange.Kind.REMOVED);
        assertThat(changes.get(0).item().name()).contains("Bob");
        assertThat(changes.get(0).item().groups()).containsExactly("Friends");
        assertThat(changes.get(0).item().subscription()).isEqualTo(Subscription.NONE);
        assertThat(changes.get(1).item().groups()).containsExactlyInAnyOrder("Friends", "Chess");
        assertThat(changes.get(1).item().name()).contains("Bobby");
        assertThat(changes.get(2).item().groups()).containsExactly("Work");
        assertThat(changes.get(2).previous().orElseThrow().groups()).containsExactlyInAnyOrder("Friends", "Chess");
        assertThat(changes.get(3).item().name()).contains("Robert");
        assertThat(changes.get(3).item().groups()).containsExactly("Work");
        assertThat(changes.get(4).item().jid()).isEqualTo(bob);
        assertThat(other.snapshot().item(bob)).isEmpty();
        // the IQ result of the remove and the push that removes the item locally travel separately
        awaitGone(mine, bob);
        assertThat(mine.snapshot().item(bob)).isEmpty();
    }

    @Test
    void aLoadSeesWhatAnotherSessionSaved() {
        Roster mine = Roster.of(laptop);
        BareJid carol = contact("carol");
        mine.add(carol, null, List.of("Team")).block(TIMEOUT);
        try {
            RosterSnapshot loaded = Roster.of(phone).load().block(TIMEOUT);
            assertThat(loaded.item(carol)).hasValueSatisfying(i -> {
                assertThat(i.groups()).containsExactly("Team");
                assertThat(i.name()).isEmpty();
            });
        } finally {
            mine.remove(carol).block(TIMEOUT);
        }
    }

    @Test
    void itemsSavedWithoutGroupGetTheDefaultGroup() {
        Roster mine = Roster.of(laptop, RosterOptions.builder().defaultGroup("Contacts").build());
        mine.load().block(TIMEOUT);
        BareJid dave = contact("dave");
        var added = expect(mine.changes(), c -> c.item().jid().equals(dave));
        mine.add(dave, "Dave", List.of()).block(TIMEOUT);
        try {
            assertThat(added.get().item().groups()).containsExactly("Contacts");
        } finally {
            mine.remove(dave).block(TIMEOUT);
        }
    }

    @Test
    void removingAContactNotInTheRosterIsATypedError() {
        Roster mine = Roster.of(laptop);
        if (server.name().equals("ejabberd")) {
            // ejabberd 23.01 answers a remove of an absent item with a result, not the item-not-found that
            // RFC 6121 2.5.3 asks for (Prosody does): nothing for the client to map, the remove completes
            StepVerifier.create(mine.remove(contact("nobody"))).expectComplete().verify(TIMEOUT);
        } else {
            StepVerifier.create(mine.remove(contact("nobody")))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(RosterException.class);
                    RosterException re = (RosterException) e;
                    assertThat(re.condition()).contains(StanzaError.Condition.ITEM_NOT_FOUND);
                    assertThat(re.operation()).isEqualTo("remove");
                    assertThat(re.jid()).contains(contact("nobody"));
                })
                .verify(TIMEOUT);
        }
        // rename needs the item in the local roster: refused before anything is sent, on every server
        StepVerifier.create(mine.rename(contact("nobody"), "x"))
            .expectErrorSatisfies(e -> assertThat(((RosterException) e).condition())
                .contains(StanzaError.Condition.ITEM_NOT_FOUND))
            .verify(TIMEOUT);
    }

    @Test
    void theOwnJidCannotBeAdded() {
        Roster mine = Roster.of(laptop);
        if (server.name().equals("ejabberd")) {
            // ejabberd 23.01 stores the user's own JID like any contact (Prosody refuses it): the add completes
            StepVerifier.create(mine.add(laptop.jid().asBare(), "me", List.of())).expectComplete().verify(TIMEOUT);
            return;
        }
        StepVerifier.create(mine.add(laptop.jid().asBare(), "me", List.of()))
            .expectErrorSatisfies(e -> assertThat(((RosterException) e).condition()).isPresent())
            .verify(TIMEOUT);
    }

    @Test
    void theSessionHasOneRosterAndRefusesOtherOptions() {
        Roster first = Roster.of(laptop);
        assertThat(Roster.of(laptop)).isSameAs(first).isSameAs(laptop.feature(Roster.KEY));
        assertThat(Roster.of(laptop, RosterOptions.defaults())).isSameAs(first);
        org.assertj.core.api.Assertions.assertThatIllegalStateException()
            .isThrownBy(() -> Roster.of(laptop, RosterOptions.builder().defaultGroup("Other").build()))
            .withMessageContaining("roster");
    }

    /**
     * Waits until the item of the contact satisfies the condition. The changes are subscribed to before the
     * snapshot is read: a change applied between the two cannot be missed.
     */
    private static void awaitItem(Roster roster, BareJid jid, java.util.function.Predicate<RosterItem> p) {
        awaitState(roster, jid, item -> item.filter(p).isPresent());
    }

    /** Waits until the item is absent. */
    private static void awaitGone(Roster roster, BareJid jid) {
        awaitState(roster, jid, Optional::isEmpty);
    }

    /** Waits for a state of the item: subscribes to the changes first, then reads the snapshot. */
    private static void awaitState(Roster roster, BareJid jid, java.util.function.Predicate<Optional<RosterItem>> p) {
        Flux<Optional<RosterItem>> states = Flux.merge(
            roster.changes().filter(c -> c.item().jid().equals(jid))
                .map(c -> c.kind() == RosterChange.Kind.REMOVED ? Optional.<RosterItem>empty() : Optional.of(c.item())),
            Mono.fromSupplier(() -> roster.snapshot().item(jid)));
        expect(states, p).get();
    }
}
