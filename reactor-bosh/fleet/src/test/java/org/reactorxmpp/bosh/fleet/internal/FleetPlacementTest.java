package org.reactorxmpp.bosh.fleet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactorxmpp.bosh.fleet.FleetAccount;
import org.reactorxmpp.bosh.fleet.FleetClusters;
import org.reactorxmpp.bosh.fleet.FleetEvent;
import org.reactorxmpp.bosh.fleet.FleetMetrics;

import com.hazelcast.config.Config;

/**
 * The placement logic on real embedded Hazelcast members (in this JVM, on loopback) with fake sessions: which
 * member runs what, handoff on join and on graceful stop, takeover after a crash, re-login when a session cannot be
 * resumed, a fleet of one. The XMPP side is proven by the ITs against Prosody with members in separate JVMs.
 */
class FleetPlacementTest {

    private static final int ACCOUNTS = 40;
    private static final Duration SETTLE = Duration.ofSeconds(60);
    /** The members' {@code concurrency}: the most logins and attaches one runs at once. */
    private static final int CONCURRENCY = 16;

    private final FakeSessions server = new FakeSessions();
    private final List<DefaultFleet<FakeSessions.Session>> started = new ArrayList<>();
    private final String cluster = "placement-" + UUID.randomUUID();
    private final List<Integer> ports = List.of(freePort(), freePort(), freePort());

    @AfterEach
    void stopAll() {
        for (DefaultFleet<?> fleet : started) {
            fleet.stop().block(Duration.ofSeconds(60));
        }
    }

    private List<FleetAccount> accounts() {
        return IntStream.rangeClosed(1, ACCOUNTS).mapToObj(i -> FleetAccount.of("bot" + i + "@example.com/fleet", "pw"))
            .toList();
    }

    private DefaultFleet<FakeSessions.Session> member(int index, Queue<FleetEvent> events) {
        return member(index, events, server.driver());
    }

    private DefaultFleet<FakeSessions.Session> member(int index, Queue<FleetEvent> events,
                                                      SessionDriver<FakeSessions.Session> driver) {
        List<Integer> peers = new ArrayList<>(ports);
        peers.remove(index);
        Config config = FleetClusters.loopback(cluster, ports.get(index), peers);
        FleetSettings settings = new FleetSettings(config, accounts(), "m" + index, Duration.ofMillis(200),
            Duration.ofSeconds(20), CONCURRENCY, "reactor-xmpp-fleet", index % 2 == 0);
        DefaultFleet<FakeSessions.Session> fleet = new DefaultFleet<>(settings, driver);
        fleet.events().subscribe(events::add);
        fleet.start().block(Duration.ofSeconds(60));
        started.add(fleet);
        return fleet;
    }

    @Test
    void aFleetOfOneRunsEverySessionAndClosesThemOnStop() {
        Queue<FleetEvent> events = new ConcurrentLinkedQueue<>();
        DefaultFleet<FakeSessions.Session> one = member(0, events);

        // a member lists an account as local a step before it publishes the account's event: both are awaited
        await(() -> one.localAccounts().size() == ACCOUNTS && events.size() >= ACCOUNTS,
            "every account runs on the only member");
        assertThat(server.logins).hasValue(ACCOUNTS);
        assertThat(events).extracting(FleetEvent::kind).containsOnly(FleetEvent.Kind.LOGGED_IN).hasSize(ACCOUNTS);
        FleetMetrics metrics = one.metrics().block(Duration.ofSeconds(10));
        assertThat(metrics.sessions()).isEqualTo(ACCOUNTS);
        assertThat(metrics.sessionsPerMember()).containsOnlyKeys("m0");

        one.stop().block(Duration.ofSeconds(60));
        assertThat(server.closes).as("alone, a stopping member closes its sessions").hasValue(ACCOUNTS);
        assertThat(server.live).isEmpty();
    }

    @Test
    void aJoiningMemberTakesItsShareByHandoffWithoutLogins() {
        Queue<FleetEvent> eventsA = new ConcurrentLinkedQueue<>();
        Queue<FleetEvent> eventsB = new ConcurrentLinkedQueue<>();
        DefaultFleet<FakeSessions.Session> a = member(0, eventsA);
        await(() -> a.localAccounts().size() == ACCOUNTS, "all on the first member");

        DefaultFleet<FakeSessions.Session> b = member(1, eventsB);
        await(() -> a.clusterSafe() && b.clusterSafe()
            && a.localAccounts().size() + b.localAccounts().size() == ACCOUNTS && !b.localAccounts().isEmpty()
            && count(eventsB, FleetEvent.Kind.ATTACHED) == b.localAccounts().size()
            && count(eventsA, FleetEvent.Kind.HANDED_OFF) == b.localAccounts().size(), "the second member's share moved");

        int moved = b.localAccounts().size();
        System.out.printf("FleetPlacementTest: %d of %d sessions moved to the second member%n", moved, ACCOUNTS);
        assertThat(moved).as("about half of the partitions move").isBetween(ACCOUNTS / 4, ACCOUNTS * 3 / 4);
        assertThat(server.logins).as("no new login").hasValue(ACCOUNTS);
        assertThat(count(eventsA, FleetEvent.Kind.HANDED_OFF)).isEqualTo(moved);
        assertThat(server.live.values()).allSatisfy(s -> assertThat(s.handlers).as("handlers of " + s.account).hasValue(1));

        b.stop().block(Duration.ofSeconds(60));
        await(() -> a.localAccounts().size() == ACCOUNTS && count(eventsA, FleetEvent.Kind.ATTACHED) >= moved,
            "the stopped member handed everything back");
        assertThat(count(eventsA, FleetEvent.Kind.ATTACHED)).isEqualTo(moved);
        assertThat(server.logins).as("still no new login").hasValue(ACCOUNTS);
        assertThat(server.closes).hasValue(0);
        assertThat(server.live.values()).allSatisfy(s -> assertThat(s.handlers).hasValue(1));
    }

    @Test
    void aCrashedMembersSessionsAreTakenOverFromTheirCheckpoints() {
        Queue<FleetEvent> eventsA = new ConcurrentLinkedQueue<>();
        Queue<FleetEvent> eventsB = new ConcurrentLinkedQueue<>();
        DefaultFleet<FakeSessions.Session> a = member(0, eventsA);
        DefaultFleet<FakeSessions.Session> b = member(1, eventsB);
        await(() -> a.clusterSafe() && b.clusterSafe()
            && a.localAccounts().size() + b.localAccounts().size() == ACCOUNTS && !a.localAccounts().isEmpty()
            && !b.localAccounts().isEmpty() && count(eventsA, FleetEvent.Kind.HANDED_OFF)
                == count(eventsB, FleetEvent.Kind.ATTACHED), "both members run sessions");
        int lost = b.localAccounts().size();
        int loginsBefore = server.logins.get();
        crashWithOneSessionExpired(b, a, eventsA, lost);

        assertThat(count(eventsA, FleetEvent.Kind.TAKEN_OVER)).isEqualTo(lost - 1);
        assertThat(count(eventsA, FleetEvent.Kind.RELOGGED_IN)).as("only the expired session logs in again").isEqualTo(1);
        assertThat(server.logins).hasValue(loginsBefore + 1);
        assertThat(eventsA).filteredOn(e -> e.kind() == FleetEvent.Kind.RELOGGED_IN)
            .singleElement().satisfies(e -> assertThat(e.cause()).contains("item-not-found"));
    }

    @Test
    void aNewOwnerThatDiesBeforeItsFirstCheckpointLeavesItsSessionsResumableAndReportsEveryRelogin() {
        Queue<FleetEvent> eventsA = new ConcurrentLinkedQueue<>();
        Queue<FleetEvent> eventsB = new ConcurrentLinkedQueue<>();
        DefaultFleet<FakeSessions.Session> a = member(0, eventsA);
        await(() -> a.localAccounts().size() == ACCOUNTS, "all on the first member");
        // the sessions the second member attaches never write a checkpoint: it dies before its first
        server.holdCheckpoints = true;
        DefaultFleet<FakeSessions.Session> b = member(1, eventsB);
        await(() -> a.clusterSafe() && b.clusterSafe()
            && a.localAccounts().size() + b.localAccounts().size() == ACCOUNTS && !b.localAccounts().isEmpty()
            && count(eventsB, FleetEvent.Kind.ATTACHED) == b.localAccounts().size(), "the second member's share moved");
        int moved = b.localAccounts().size();
        int loginsBefore = server.logins.get();
        crashWithOneSessionExpired(b, a, eventsA, moved);

        assertThat(count(eventsA, FleetEvent.Kind.TAKEN_OVER)).as("resumed from the handed-off state")
            .isEqualTo(moved - 1);
        assertThat(count(eventsA, FleetEvent.Kind.LOGGED_IN)).as("first logins only").isEqualTo(ACCOUNTS);
        assertThat(eventsA).filteredOn(e -> e.kind() == FleetEvent.Kind.RELOGGED_IN)
            .singleElement().satisfies(e -> assertThat(e.cause()).contains("item-not-found"));
        assertThat(server.logins).as("every login after the crash is a reported re-login").hasValue(loginsBefore + 1);
        assertThat(a.metrics().block(Duration.ofSeconds(10)).relogins()).isEqualTo(1);
    }

    @Test
    void aLoginAfterAMemberDiedWhileLoggingTheAccountInIsReportedAsARelogin() {
        Queue<FleetEvent> eventsA = new ConcurrentLinkedQueue<>();
        Queue<FleetEvent> eventsB = new ConcurrentLinkedQueue<>();
        // a's logins authenticate on the server and never complete: it claims as many accounts as it may start
        DefaultFleet<FakeSessions.Session> a = member(0, eventsA, server.driver(true));
        await(() -> server.logins.get() == CONCURRENCY, "the first member is logging in as many as it may");
        DefaultFleet<FakeSessions.Session> b = member(1, eventsB);
        await(() -> a.clusterSafe() && b.clusterSafe() && b.localAccounts().size() > 0, "the second member runs some");

        a.crash().block(Duration.ofSeconds(30));
        await(() -> b.localAccounts().size() == ACCOUNTS && starts(eventsB) >= ACCOUNTS, "the survivor runs every session");

        assertThat(eventsA).as("nothing ran on the member that died").isEmpty();
        assertThat(count(eventsB, FleetEvent.Kind.RELOGGED_IN)).as("the accounts the dead member was logging in")
            .isEqualTo(CONCURRENCY);
        assertThat(eventsB).filteredOn(e -> e.kind() == FleetEvent.Kind.RELOGGED_IN)
            .allSatisfy(e -> assertThat(e.cause()).contains("left while logging it in"));
        assertThat(count(eventsB, FleetEvent.Kind.LOGGED_IN)).isEqualTo(ACCOUNTS - CONCURRENCY);
        assertThat(server.logins).as("every login beyond an account's first is a reported re-login")
            .hasValue(ACCOUNTS + (int) count(eventsB, FleetEvent.Kind.RELOGGED_IN));
        assertThat(b.metrics().block(Duration.ofSeconds(10)).relogins()).isEqualTo(CONCURRENCY);
    }

    /**
     * One of {@code victim}'s sessions ends on the server (it cannot be resumed), then {@code victim} crashes; waits
     * until {@code survivor} runs every session and has published an event for each of the {@code lost} it took.
     */
    private void crashWithOneSessionExpired(DefaultFleet<FakeSessions.Session> victim,
                                            DefaultFleet<FakeSessions.Session> survivor,
                                            Queue<FleetEvent> survivorEvents, int lost) {
        String expired = server.live.values().stream()
            .filter(s -> victim.localAccounts().stream().anyMatch(j -> j.toString().equals(s.account)))
            .findFirst().orElseThrow().id;
        server.expire(expired);
        victim.crash().block(Duration.ofSeconds(30));
        await(() -> survivor.localAccounts().size() == ACCOUNTS && count(survivorEvents, FleetEvent.Kind.TAKEN_OVER)
            + count(survivorEvents, FleetEvent.Kind.RELOGGED_IN) >= lost, "the survivor runs every session");
    }

    /** @return the events that say a session started on the member: one per account it runs */
    private static long starts(Queue<FleetEvent> events) {
        return events.stream().filter(e -> switch (e.kind()) {
            case LOGGED_IN, ATTACHED, TAKEN_OVER, RELOGGED_IN -> true;
            default -> false;
        }).count();
    }

    private static long count(Queue<FleetEvent> events, FleetEvent.Kind kind) {
        return events.stream().filter(e -> e.kind() == kind).count();
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + SETTLE + ": " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
