package org.reactorxmpp.bosh.fleet.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.reactorxmpp.bosh.fleet.FleetEvent;
import org.reactorxmpp.xmpp.testing.ProsodyServer;
import org.reactorxmpp.xmpp.testing.TestAccount;
import org.reactorxmpp.xmpp.testing.XmppTestServer;

/**
 * The fleet scenarios of issue 19 with the members as separate JVM processes on loopback (Hazelcast TCP join on
 * 127.0.0.1, a cluster name per test) and a real Prosody: a joining member takes about its share by handoff without
 * SASL; the sessions of a SIGKILLed member run again on the others within Prosody's BOSH inactivity (60 s), messages
 * sent to them meanwhile arriving exactly once; a rolling restart loses no message and logs in again only what could
 * not be resumed. SASL logins are counted in Prosody's log ({@code Authenticated as} is written once per successful
 * authentication). {@code -Dfleet.sessions=N} sets the number of bots (default 60), {@code -Dfleet.writeAhead=false}
 * runs the members without write-ahead checkpoints. The test classes ({@link FleetJoinIT}, {@link FleetKillIT},
 * {@link FleetRollingRestartIT}, {@link FleetScaleIT}) pick the scenarios.
 */
abstract class FleetScenarios {

    /** The number of bots: {@code -Dfleet.sessions}, or the test class's default. */
    private final int sessions = Integer.getInteger("fleet.sessions", defaultSessions());
    /** The longest wait for placement to settle: {@code -Dfleet.settle.seconds}, or the test class's default. */
    private final Duration settle = Duration.ofSeconds(Integer.getInteger("fleet.settle.seconds", defaultSettleSeconds()));
    private static final Duration INACTIVITY = Duration.ofSeconds(60);
    private static final Path LOGS = Path.of("target", "fleet-it");
    /** Placement has settled when no member reported anything for this long. */
    private static final Duration QUIET = Duration.ofSeconds(3);

    private static ProsodyServer prosody;

    private final FleetRecorder recorder = new FleetRecorder();
    private final List<MemberProcess> processes = new ArrayList<>();
    private final String cluster = "fleet-it-" + UUID.randomUUID();
    private final List<Integer> ports = IntStream.range(0, 4).mapToObj(i -> freePort()).toList();
    private List<String> accounts = List.of();
    private String prefix = "";
    private Driver driver;
    /** SASL logins once the fleet first settled. */
    private long baseline;

    /** @return the number of bots unless {@code -Dfleet.sessions} says otherwise */
    int defaultSessions() {
        return 60;
    }

    /** @return how long placement may take to settle, in seconds, unless {@code -Dfleet.settle.seconds} says otherwise */
    int defaultSettleSeconds() {
        return 180;
    }

    /** @return each member JVM's {@code -Xmx} unless {@code -Dfleet.member.xmx} says otherwise */
    String defaultMemberHeap() {
        return "384m";
    }

    /**
     * @param sessions the number of bots
     * @return how many sessions a fourth member may take for "about a quarter", {@code [lowest, highest]}: wide for
     *     few sessions (with 60 bots a partition holds 0-3 of them, and the moved count spreads accordingly)
     */
    int[] quarterBounds(int sessions) {
        return new int[] {sessions / 8, sessions * 3 / 8};
    }

    @BeforeAll
    static void startProsody() {
        prosody = ProsodyServer.builder().build().start();
    }

    @AfterAll
    static void stopProsody() {
        if (prosody != null) {
            prosody.close();
        }
    }

    @AfterEach
    void stopEverything() {
        processes.forEach(MemberProcess::close);
        if (driver != null) {
            driver.close();
        }
    }

    private void fleetOf(int members) {
        List<TestAccount> bots = prosody.newAccounts("fleet", sessions);
        accounts = bots.stream().map(TestAccount::jid).toList();
        String first = bots.get(0).localpart();
        prefix = first.substring(0, first.length() - 1);
        driver = Driver.login(prosody, prosody.newAccount("driver").localpart());
        for (int i = 0; i < members; i++) {
            member(i);
        }
        await(() -> recorder.placement().size() == sessions && processes.stream().allMatch(MemberProcess::isReady)
            && recorder.perMember().size() == members && settled(),
            "every bot runs on the " + members + " members");
        assertThat(recorder.count(FleetEvent.Kind.LOGGED_IN)).isEqualTo(sessions);
        // handoffs while the members join may fail (reported re-logins): every SASL login is accounted for
        assertThat(saslLogins()).as("SASL logins = first logins + reported re-logins")
            .isEqualTo(sessions + recorder.count(FleetEvent.Kind.RELOGGED_IN));
        baseline = saslLogins();
    }

    private MemberProcess member(int index) {
        List<String> peers = new ArrayList<>();
        for (int i = 0; i < ports.size(); i++) {
            if (i != index) {
                peers.add(Integer.toString(ports.get(i)));
            }
        }
        MemberProcess p = MemberProcess.start("m" + index, System.getProperty("fleet.member.xmx", defaultMemberHeap()),
            List.of(cluster, Integer.toString(ports.get(index)),
            String.join(",", peers), prosody.boshUrl().toString(), prosody.host(), prefix, Integer.toString(sessions),
            XmppTestServer.ACCOUNT_PASSWORD), recorder, LOGS);
        processes.add(p);
        return p;
    }

    /** @return successful SASL authentications of this test's bots, from Prosody's log */
    private long saslLogins() {
        String marker = "Authenticated as " + prefix;
        List<String> lines = prosody.logText().lines().filter(l -> l.contains(marker)).toList();
        Map<String, Long> perAccount = lines.stream().collect(Collectors.groupingBy(
            l -> l.substring(l.indexOf(marker) + 17), Collectors.counting()));
        try {
            java.nio.file.Files.write(LOGS.resolve("prosody-" + prefix + "log.txt"), prosody.logText().lines().toList());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (perAccount.values().stream().anyMatch(n -> n > 1)) {
            System.out.println("FleetIT: accounts authenticated more than once: " + perAccount.entrySet().stream()
                .filter(e -> e.getValue() > 1).map(Map.Entry::getKey).limit(3)
                .map(a -> a + ": " + prosody.logText().lines().filter(l -> l.contains(a)).limit(12).toList())
                .toList());
        }
        return lines.size();
    }

    void joinScenario() {
        long begin = System.nanoTime();
        fleetOf(3);
        long loggedIn = System.nanoTime();
        int lowest = quarterBounds(sessions)[0];
        int highest = quarterBounds(sessions)[1];
        assertThat(driver.pingAll(accounts, Duration.ofSeconds(30))).as("failed pings before").isZero();
        int mark = recorder.size();

        // every bot is pinged round after round while the fourth member joins and its share moves
        AtomicBoolean joining = new AtomicBoolean(true);
        AtomicInteger pings = new AtomicInteger();
        AtomicInteger failedWhileMoving = new AtomicInteger();
        Thread pinger = new Thread(() -> {
            while (joining.get()) {
                failedWhileMoving.addAndGet(driver.pingAll(accounts, Duration.ofSeconds(60)));
                pings.addAndGet(accounts.size());
            }
        }, "fleet-it-pinger");
        pinger.start();
        long joinedAt = System.currentTimeMillis();
        member(3);
        try {
            // Hazelcast migrates the new member's partitions in batches and may report itself safe and quiet between
            // two of them (one run counted 5 of 60 at such a pause, and the rest moved later): wait for at least the
            // lower bound of "about a quarter" as well; the upper bound and every other check stay below
            await(() -> recorder.perMember().getOrDefault("m3", 0) >= lowest
                && recorder.placement().size() == sessions && settled(), "the fourth member's share moved");
        } finally {
            joining.set(false);
        }
        long settledAt = System.currentTimeMillis();
        join(pinger);
        int failedDuring = driver.pingAll(accounts, Duration.ofSeconds(60));
        int moved = recorder.perMember().get("m3");
        List<FleetRecorder.Event> attached = recorder.since(mark).stream()
            .filter(e -> e.kind() == FleetEvent.Kind.ATTACHED).toList();
        System.out.printf("FleetIT join: %d of %d sessions moved to the fourth member (%s) in %d ms from its start"
            + " (settled: safe and %s quiet); attach per session %s; failed pings while moving %d of %d, after %d;"
            + " SASL logins %d (baseline %d)%n",
            moved, sessions, recorder.perMember(), settledAt - joinedAt - QUIET.toMillis(), QUIET,
            distribution(attached.stream().map(FleetRecorder.Event::tookMillis).toList()), failedWhileMoving.get(),
            pings.get(), failedDuring, saslLogins(), baseline);
        System.out.printf("FleetIT join: wall time %d s (%d s until the first %d sessions ran on 3 members), members'"
            + " heap after GC %s, load average %.2f%n", (System.nanoTime() - begin) / 1_000_000_000L,
            (loggedIn - begin) / 1_000_000_000L, sessions, heaps(), java.lang.management.ManagementFactory
                .getOperatingSystemMXBean().getSystemLoadAverage());
        assertThat(failedWhileMoving.get()).as("failed pings while the sessions moved").isZero();
        assertThat(moved).as("about a quarter moves").isBetween(lowest, highest);
        assertThat(attachedSince(mark)).as("every moved session attached").isEqualTo(moved);
        assertThat(count(recorder.since(mark), FleetEvent.Kind.HANDED_OFF)).as("handed off").isEqualTo(moved);
        assertThat(failedDuring).as("failed pings after the handoff").isZero();
        assertThat(count(recorder.since(mark), FleetEvent.Kind.RELOGGED_IN)).as("re-logins").isZero();
        assertThat(saslLogins()).as("new SASL logins on the server").isEqualTo(baseline);
    }

    /** @return each live member's heap in use after a full GC, by member (asked over stdin; "?" if it did not answer) */
    private Map<String, String> heaps() {
        Map<String, String> out = new java.util.TreeMap<>();
        for (MemberProcess p : processes) {
            if (p.isAlive()) {
                out.put(p.name(), p.heapAfterGc(Duration.ofSeconds(20)));
            }
        }
        return out;
    }

    private static void join(Thread thread) {
        try {
            thread.join(Duration.ofSeconds(180).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        if (thread.isAlive()) {
            throw new AssertionError(thread.getName() + " did not finish");
        }
    }

    private long attachedSince(int mark) {
        return count(recorder.since(mark), FleetEvent.Kind.ATTACHED);
    }

    /**
     * SIGKILL of one member (its JVM killed by PID): every session it ran runs again on the others within Prosody's
     * BOSH inactivity window, attached from its last checkpoint; each message sent to any bot right after the kill is
     * echoed exactly once; SASL logins only for reported re-logins. Prints the takeover time per session.
     */
    void killScenario() {
        fleetOf(3);
        MemberProcess victim = processes.get(1);
        List<String> lost = recorder.placement().entrySet().stream().filter(e -> e.getValue().equals("m1"))
            .map(Map.Entry::getKey).toList();
        int mark = recorder.size();

        long killedAt = System.currentTimeMillis();
        victim.kill();
        List<String> first = driver.sendAll(accounts, "k1");
        await(() -> lost.stream().noneMatch(a -> "m1".equals(recorder.placement().get(a)))
            && recorder.placement().size() == sessions, "the killed member's sessions run elsewhere");
        awaitQuietly(() -> first.stream().allMatch(b -> driver.echoes(b) >= 1), Duration.ofSeconds(90));
        List<String> missing = first.stream().filter(b -> driver.echoes(b) == 0).toList();
        List<FleetRecorder.Event> back = recorder.since(mark).stream().filter(e -> lost.contains(e.account()))
            .filter(e -> e.kind() == FleetEvent.Kind.TAKEN_OVER || e.kind() == FleetEvent.Kind.RELOGGED_IN).toList();
        List<Long> takeover = back.stream().map(e -> e.atMillis() - killedAt).toList();
        long relogins = count(recorder.since(mark), FleetEvent.Kind.RELOGGED_IN);
        System.out.printf("FleetIT kill: %d sessions of the killed member, %d taken over, %d logged in again;"
            + " time from SIGKILL to running again %s; attach per session %s; first round sent after the kill: %d of %d"
            + " without an echo (%d to the killed member's bots); handoffs among the survivors %d%n", lost.size(),
            takeover.size() - relogins, relogins, distribution(takeover),
            distribution(back.stream().map(FleetRecorder.Event::tookMillis).toList()), missing.size(), first.size(),
            missing.stream().filter(b -> lost.contains(b.substring(3))).count(),
            count(recorder.since(mark), FleetEvent.Kind.ATTACHED));
        assertThat(missing).as("messages sent after the kill without an echo").isEmpty();
        // per session the echoes come in order: once the second round is back, a duplicate of the first would be too
        List<String> second = driver.sendAll(accounts, "k2");
        await(() -> second.stream().allMatch(b -> driver.echoes(b) >= 1), "the second round echoed");

        assertThat(takeover).hasSize(lost.size()).allSatisfy(t -> assertThat(t).isLessThan(INACTIVITY.toMillis()));
        assertThat(first).allSatisfy(b -> assertThat(driver.echoes(b)).as("echoes of " + b).isEqualTo(1));
        assertThat(saslLogins()).as("SASL logins = reported re-logins").isEqualTo(baseline + relogins);
    }

    /**
     * Rolling restart of the 3 members one by one (graceful stop, then a new JVM in its place), with a round of
     * messages to every bot before and after each stop: each echoed exactly once; SASL logins only for reported
     * re-logins.
     */
    void rollingRestartScenario() {
        fleetOf(3);
        List<String> sent = new ArrayList<>(driver.sendAll(accounts, "r0"));
        for (int i = 0; i < 3; i++) {
            int index = i;
            processes.get(index).stop(Duration.ofSeconds(120));
            sent.addAll(driver.sendAll(accounts, "r" + index + "a"));
            MemberProcess restarted = member(index);
            processes.set(index, restarted);
            processes.remove(processes.size() - 1);
            await(() -> restarted.isReady() && recorder.placement().size() == sessions
                && recorder.perMember().getOrDefault("m" + index, 0) > 0
                && settled(), "member m" + index + " back with its share");
            sent.addAll(driver.sendAll(accounts, "r" + index + "b"));
        }
        List<String> last = driver.sendAll(accounts, "end");
        await(() -> last.stream().allMatch(b -> driver.echoes(b) >= 1), "the last round echoed");

        List<String> lost = sent.stream().filter(b -> driver.echoes(b) == 0).toList();
        List<String> doubled = sent.stream().filter(b -> driver.echoes(b) > 1).toList();
        long relogins = recorder.count(FleetEvent.Kind.RELOGGED_IN);
        System.out.printf("FleetIT rolling restart: %d messages sent, %d lost, %d duplicated; handoffs %d, re-logins %d%s%n",
            sent.size(), lost.size(), doubled.size(), recorder.count(FleetEvent.Kind.ATTACHED), relogins,
            relogins == 0 ? "" : " " + recorder.events().stream().filter(e -> e.kind() == FleetEvent.Kind.RELOGGED_IN)
                .map(FleetRecorder.Event::cause).collect(Collectors.groupingBy(c -> c, Collectors.counting())));
        assertThat(lost).as("lost messages").isEmpty();
        assertThat(doubled).as("duplicated messages").isEmpty();
        assertThat(saslLogins()).as("SASL logins = first logins + reported re-logins")
            .isEqualTo(sessions + relogins);
    }

    /**
     * @return whether placement has settled: every live member reports its cluster safe (no partition migrating,
     *     backups in sync) and no member reported an event for {@link #QUIET}
     */
    private boolean settled() {
        return processes.stream().allMatch(p -> !p.isAlive() || p.isSafe()) && recorder.quietFor(QUIET);
    }

    private static long count(List<FleetRecorder.Event> events, FleetEvent.Kind kind) {
        return events.stream().filter(e -> e.kind() == kind).count();
    }

    static String distribution(List<Long> millis) {
        if (millis.isEmpty()) {
            return "(none)";
        }
        List<Long> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        return String.format("n=%d min %d ms, p50 %d ms, p90 %d ms, p99 %d ms, max %d ms", sorted.size(), sorted.get(0),
            sorted.get(sorted.size() / 2), sorted.get((int) (sorted.size() * 0.9)),
            sorted.get((int) Math.min(sorted.size() - 1, sorted.size() * 0.99)), sorted.get(sorted.size() - 1));
    }

    private void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + settle.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + settle + ": " + what + "; placement " + recorder.perMember()
                    + ", members " + processes + ", last events " + tail(recorder.events()));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    private static void awaitQuietly(BooleanSupplier condition, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static List<FleetRecorder.Event> tail(List<FleetRecorder.Event> events) {
        return events.subList(Math.max(0, events.size() - 5), events.size());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
