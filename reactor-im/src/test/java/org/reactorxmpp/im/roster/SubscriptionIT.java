package org.reactorxmpp.im.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.reactorxmpp.im.testing.ImTesting.TIMEOUT;
import static org.reactorxmpp.im.testing.ImTesting.connect;
import static org.reactorxmpp.im.testing.ImTesting.expect;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.testing.OnBothServers;
import org.reactorxmpp.xmpp.testing.TestAccount;
import org.reactorxmpp.xmpp.testing.XmppTestServer;

/**
 * Presence subscriptions between real accounts on each real server: handshakes, unsubscribe versus remove,
 * CAXL policies. The names user1 .. user12 stand for twelve fresh accounts of the current test.
 */
@OnBothServers
class SubscriptionIT {

    private static final int USERS = 12;

    @Parameter
    XmppTestServer server;

    private List<TestAccount> accounts;
    private final List<XmppSession> sessions = new ArrayList<>();

    @BeforeEach
    void accounts() {
        accounts = server.newAccounts("subscription", USERS);
    }

    @AfterEach
    void close() {
        // every session is closed even if closing one fails; the first failure is reported
        RuntimeException first = null;
        for (XmppSession session : sessions) {
            try {
                session.close().block(TIMEOUT);
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private TestAccount account(String user) {
        return accounts.get(Integer.parseInt(user.substring("user".length())) - 1);
    }

    private Roster roster(String user, RosterOptions options) {
        XmppSession session = connect(server, account(user), "r");
        sessions.add(session);
        Roster roster = Roster.of(session, options);
        roster.load().block(TIMEOUT);
        return roster;
    }

    private BareJid jid(String user) {
        return account(user).bareJid();
    }

    /** Waits until the item of a contact satisfies the condition (absent item: tested as null). */
    private static void await(Roster roster, BareJid contact, Predicate<RosterItem> condition) {
        // subscribe to the changes first, then read the snapshot: a change between the two cannot be missed
        var match = expect(reactor.core.publisher.Flux.merge(roster.changes()
                .map(c -> c.kind() == RosterChange.Kind.REMOVED ? java.util.Optional.<RosterItem>empty() : java.util.Optional.of(c.item())),
            reactor.core.publisher.Mono.fromSupplier(() -> roster.snapshot().item(contact))),
            item -> item.map(i -> i.jid().equals(contact) && condition.test(i))
                .orElse(condition.test(null) && roster.snapshot().item(contact).isEmpty()));
        match.get();
    }

    private static Predicate<RosterItem> subscription(Subscription s) {
        return i -> i != null && i.subscription() == s && !i.isPendingOut();
    }

    @Test
    void handshakeBothWaysThenUnsubscribeKeepsTheirsAndRemoveCancelsBoth() {
        Roster alice = roster("user1", RosterOptions.defaults());
        Roster bob = roster("user2", RosterOptions.defaults());
        BareJid a = jid("user1");
        BareJid b = jid("user2");

        // alice -> bob
        var bobAsked = expect(bob.requests(), r -> r.from().equals(a));
        alice.subscribe(b).block(TIMEOUT);
        await(alice, b, i -> i != null && i.isPendingOut());
        bobAsked.get().approve().block(TIMEOUT);
        await(alice, b, subscription(Subscription.TO));
        await(bob, a, subscription(Subscription.FROM));

        // bob -> alice
        var aliceAsked = expect(alice.requests(), r -> r.from().equals(b));
        bob.subscribe(a).block(TIMEOUT);
        aliceAsked.get().approve().block(TIMEOUT);
        await(alice, b, subscription(Subscription.BOTH));
        await(bob, a, subscription(Subscription.BOTH));

        // alice unsubscribes: she no longer sees bob, bob still sees her
        alice.unsubscribe(b).block(TIMEOUT);
        await(alice, b, subscription(Subscription.FROM));
        await(bob, a, subscription(Subscription.TO));

        // alice removes bob: no subscription left either way
        alice.remove(b).block(TIMEOUT);
        await(alice, b, i -> i == null);
        await(bob, a, subscription(Subscription.NONE));
    }

    @Test
    void denyLeavesTheRequesterWithoutSubscription() {
        Roster carol = roster("user3", RosterOptions.defaults());
        Roster dave = roster("user4", RosterOptions.defaults());
        var asked = expect(dave.requests(), r -> r.from().equals(jid("user3")));
        carol.subscribe(jid("user4")).block(TIMEOUT);
        await(carol, jid("user4"), i -> i != null && i.isPendingOut());
        asked.get().deny().block(TIMEOUT);
        await(carol, jid("user4"), subscription(Subscription.NONE));
        assertThat(dave.snapshot().item(jid("user3")).map(RosterItem::subscription).orElse(Subscription.NONE))
            .isEqualTo(Subscription.NONE);
    }

    @Test
    void autoAcceptAlwaysApprovesWithoutAnEvent() {
        Roster eve = roster("user5", RosterOptions.builder().autoAccept(AutoAccept.ALWAYS).build());
        Roster frank = roster("user6", RosterOptions.defaults());
        List<SubscriptionRequest> surfaced = new ArrayList<>();
        eve.requests().subscribe(surfaced::add);
        frank.subscribe(jid("user5")).block(TIMEOUT);
        await(frank, jid("user5"), subscription(Subscription.TO));
        await(eve, jid("user6"), subscription(Subscription.FROM));
        assertThat(surfaced).isEmpty();
    }

    @Test
    void autoAcceptInRosterApprovesOnlyContactsInTheRoster() {
        Roster gina = roster("user7", RosterOptions.builder().autoAccept(AutoAccept.IN_ROSTER).build());
        Roster hank = roster("user8", RosterOptions.defaults());
        Roster ivy = roster("user9", RosterOptions.defaults());
        gina.add(jid("user8"), "Hank", List.of()).block(TIMEOUT);
        await(gina, jid("user8"), i -> i != null);

        hank.subscribe(jid("user7")).block(TIMEOUT);
        await(hank, jid("user7"), subscription(Subscription.TO));

        var surfaced = expect(gina.requests(), r -> r.from().equals(jid("user9")));
        ivy.subscribe(jid("user7")).block(TIMEOUT);
        assertThat(surfaced.get().from()).isEqualTo(jid("user9"));
        // ivy's roster push comes over her own connection: it may be applied after gina sees the request
        await(ivy, jid("user7"), i -> i != null && i.subscription() == Subscription.NONE && i.isPendingOut());
        assertThat(ivy.snapshot().item(jid("user7"))).hasValueSatisfying(i -> {
            assertThat(i.subscription()).isEqualTo(Subscription.NONE);
            assertThat(i.isPendingOut()).isTrue();
        });
    }

    @Test
    void autoAcceptInDomainWithAutoSubscribeEndsInBoth() {
        Roster jack = roster("user10", RosterOptions.builder().autoAccept(AutoAccept.NEVER)
            .autoAcceptInDomain(true).autoSubscribe(true).build());
        Roster kate = roster("user11", RosterOptions.builder().autoAccept(AutoAccept.ALWAYS).build());
        kate.subscribe(jid("user10")).block(TIMEOUT);
        // jack approves (same domain) and subscribes back; kate approves that (ALWAYS)
        await(kate, jid("user10"), subscription(Subscription.BOTH));
        await(jack, jid("user11"), subscription(Subscription.BOTH));
    }

    @Test
    void autoRemoveDropsAContactThatUnsubscribes() {
        Roster lena = roster("user12", RosterOptions.builder().autoAccept(AutoAccept.ALWAYS).autoRemove(true).build());
        Roster mike = roster("user1", RosterOptions.defaults());
        mike.subscribe(jid("user12")).block(TIMEOUT);
        await(lena, jid("user1"), subscription(Subscription.FROM));
        mike.unsubscribe(jid("user12")).block(TIMEOUT);
        await(lena, jid("user1"), i -> i == null);
        await(mike, jid("user12"), subscription(Subscription.NONE));
        mike.remove(jid("user12")).block(TIMEOUT);
    }
}
