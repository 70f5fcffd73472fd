package org.reactorxmpp.benchmarks.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import org.reactivestreams.Publisher;
import org.reactorxmpp.bosh.BoshTransport;
import org.reactorxmpp.bosh.fleet.Fleet;
import org.reactorxmpp.bosh.fleet.FleetAccount;
import org.reactorxmpp.bosh.fleet.FleetClusters;
import org.reactorxmpp.bosh.fleet.FleetEvent;
import org.reactorxmpp.bosh.fleet.FleetMetrics;
import org.reactorxmpp.bosh.fleet.MemberMetrics;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.session.XmppClient;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.testing.ProsodyServer;
import org.reactorxmpp.xmpp.xml.XmlElement;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * One run of {@link FleetHarness} on its own fresh Prosody: the checkpoint cost of one mode (plain sessions, a fleet
 * of two members with write-ahead checkpoints, or with checkpoints after the requests), or the handoff of a fleet of
 * one to a joining second member and back.
 */
final class FleetRuns {

    /** The three checkpoint modes, in the order of the first round. */
    static final List<String> MODES = List.of("plain", "write-ahead", "after");

    private static final XmlElement PING = XmlElement.empty("urn:xmpp:ping", "ping");
    private static final Duration LIMIT = Duration.ofMinutes(10);

    private FleetRuns() {
    }

    /**
     * {@code sessions} sessions each send {@code pings} sequential pings to the server (one BOSH request and its
     * response each); measured once every session runs: client CPU of this process per ping, ping latency, server
     * CPU per ping; in a fleet also the checkpoints written per ping and their encode and write times.
     */
    static Map<String, Object> checkpoint(String mode, int round, int sessions, int pings) {
        try (ProsodyServer prosody = LoadServer.start(sessions)) {
            Map<String, Object> run = start(mode, round, prosody);
            List<FleetAccount> accounts = accounts(prosody, sessions);
            BoshTransport transport = BoshTransport.builder().url(prosody.boshUrl()).build();
            Queue<Long> latencies = new ConcurrentLinkedQueue<>();
            long expected = (long) sessions * pings;
            List<Long> measured = new ArrayList<>();
            if (mode.equals("plain")) {
                List<XmppSession> all = Flux.fromIterable(accounts).flatMap(a -> client(a, transport).connect(), 64)
                    .collectList().block(LIMIT);
                Meter meter = new Meter(prosody.pid());
                meter.begin();
                Flux.fromIterable(all).flatMap(s -> pingLoop(s, pings, prosody.host(), latencies), all.size())
                    .blockLast(LIMIT);
                meter.end();
                run.putAll(meter.figures("Ping", latencies.size()));
                measured.addAll(latencies);
                Flux.fromIterable(all).flatMap(XmppSession::close, 64).onErrorResume(e -> Mono.empty()).blockLast(LIMIT);
            } else {
                Sinks.Empty<Void> go = Sinks.empty();
                AtomicBoolean measuring = new AtomicBoolean(true);
                // a session handed off while the members stop after the measurement runs its handler again: no pings
                Function<XmppSession, Publisher<?>> handler = s -> go.asMono().then(Mono.defer(() -> measuring.get()
                    ? pingLoop(s, pings, prosody.host(), latencies) : Mono.never()));
                String cluster = "bench-" + UUID.randomUUID();
                int[] ports = {freePort(), freePort()};
                boolean ahead = mode.equals("write-ahead");
                Fleet a = member("a", cluster, ports[0], ports[1], accounts, transport, handler, ahead);
                Fleet b = member("b", cluster, ports[1], ports[0], accounts, transport, handler, ahead);
                Queue<FleetEvent> events = new ConcurrentLinkedQueue<>();
                AtomicLong lastEvent = new AtomicLong(System.nanoTime());
                for (Fleet f : List.of(a, b)) {
                    f.events().subscribe(e -> {
                        events.add(e);
                        lastEvent.set(System.nanoTime());
                    });
                }
                a.start().then(b.start()).block(LIMIT);
                // placement settled: every session runs, no migration, and no placement event for 2 s
                await(() -> a.localAccounts().size() + b.localAccounts().size() == sessions
                    && !a.localAccounts().isEmpty() && !b.localAccounts().isEmpty() && clusterSafe()
                    && System.nanoTime() - lastEvent.get() > 2_000_000_000L, "placement");
                int mark = events.size();
                List<MemberMetrics> before = own(a, b);
                Meter meter = new Meter(prosody.pid());
                meter.begin();
                go.tryEmitEmpty();
                await(() -> latencies.size() >= expected, "every ping answered");
                meter.end();
                measuring.set(false);
                run.putAll(meter.figures("Ping", latencies.size()));
                run.putAll(checkpoints(before, own(a, b), latencies.size()));
                measured.addAll(latencies);
                // a session that moved while pinging would have pinged again from its new member: 0 expected
                run.put("placementEventsWhilePinging", since(events, mark).size());
                b.stop().then(a.stop()).block(LIMIT);
            }
            Latencies l = new Latencies(measured.size());
            measured.forEach(l::add);
            run.put("sessions", sessions);
            run.put("pings", measured.size());
            run.put("pingP50Ms", Latencies.round(l.percentileMillis(50)));
            run.put("pingP90Ms", Latencies.round(l.percentileMillis(90)));
            run.put("pingP99Ms", Latencies.round(l.percentileMillis(99)));
            return end(run, "FleetHarness checkpoint");
        }
    }

    /**
     * {@code sessions} sessions log in on member a (a fleet of one); member b joins and takes its share by handoff;
     * then b stops and hands them back. For each direction: sessions moved, wall time from b's start (or stop) until
     * the last moved session ran on its new member, that time per 1,000 moved, and per session the time it was
     * away (from the old member's detach to the new member's attach completing) and the attach alone.
     */
    static Map<String, Object> handoff(int round, int sessions) {
        try (ProsodyServer prosody = LoadServer.start(sessions)) {
            Map<String, Object> run = start("handoff", round, prosody);
            List<FleetAccount> accounts = accounts(prosody, sessions);
            BoshTransport transport = BoshTransport.builder().url(prosody.boshUrl()).build();
            String cluster = "bench-" + UUID.randomUUID();
            int[] ports = {freePort(), freePort()};
            Queue<FleetEvent> events = new ConcurrentLinkedQueue<>();
            Fleet a = member("a", cluster, ports[0], ports[1], accounts, transport, s -> Mono.never(), true);
            a.events().subscribe(events::add);
            long t0 = System.nanoTime();
            a.start().block(LIMIT);
            await(() -> a.localAccounts().size() == sessions, "every session on member a");
            run.put("loginSeconds", Latencies.round((System.nanoTime() - t0) / 1e9));

            Fleet b = member("b", cluster, ports[1], ports[0], accounts, transport, s -> Mono.never(), true);
            b.events().subscribe(events::add);
            int joined = events.size();
            long joinMillis = System.currentTimeMillis();
            b.start().block(LIMIT);
            // Hazelcast may pause between migration batches: at least 40 % (b gets ~50 % of the partitions) and safe
            await(() -> b.localAccounts().size() >= sessions * 2 / 5 && clusterSafe()
                && a.localAccounts().size() + b.localAccounts().size() == sessions
                && attached(events, joined, "b") == b.localAccounts().size(), "b's share moved");
            run.putAll(FleetHandoffs.figures("join", since(events, joined), "a", "b", joinMillis));

            int mark = events.size();
            long leaveMillis = System.currentTimeMillis();
            b.stop().block(LIMIT);
            await(() -> a.localAccounts().size() == sessions, "every session back on a");
            run.putAll(FleetHandoffs.figures("stop", since(events, mark), "b", "a", leaveMillis));
            run.put("relogins", events.stream().filter(e -> e.kind() == FleetEvent.Kind.RELOGGED_IN).count());
            run.put("sessions", sessions);
            a.stop().block(LIMIT);
            return end(run, "FleetHarness handoff");
        }
    }

    private static Map<String, Object> start(String mode, int round, ProsodyServer prosody) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("impl", mode);
        run.put("round", round);
        run.put("loadAverageAtStart", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        run.put("server", LoadServer.describe(prosody, 0));
        return run;
    }

    private static Map<String, Object> end(Map<String, Object> run, String what) {
        run.put("loadAverageAtEnd", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.err.println(what + ": " + run);
        return run;
    }

    /** @return each member's own counters, as of now (another member's copy may be a tick old) */
    private static List<MemberMetrics> own(Fleet... members) {
        List<MemberMetrics> out = new ArrayList<>();
        for (Fleet f : members) {
            FleetMetrics m = f.metrics().block(LIMIT);
            out.add(m.members().get(f.memberName()));
        }
        return out;
    }

    private static Map<String, Object> checkpoints(List<MemberMetrics> before, List<MemberMetrics> after, int pings) {
        long n = 0;
        long encode = 0;
        long write = 0;
        for (int i = 0; i < after.size(); i++) {
            MemberMetrics m = after.get(i);
            MemberMetrics b = before.get(i);
            n += m.checkpoints() - b.checkpoints();
            encode += m.checkpointEncodeNanos() - b.checkpointEncodeNanos();
            write += m.checkpointNanos() - b.checkpointNanos();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("checkpointsPerPing", Latencies.round(n / (double) Math.max(1, pings)));
        out.put("checkpointEncodeUs", Latencies.round(encode / 1e3 / Math.max(1, n)));
        out.put("checkpointWriteMs", Latencies.round(write / 1e6 / Math.max(1, n)));
        return out;
    }

    private static long attached(Queue<FleetEvent> events, int mark, String member) {
        return since(events, mark).stream().filter(e -> e.kind() == FleetEvent.Kind.ATTACHED)
            .filter(e -> e.member().equals(member)).count();
    }

    private static List<FleetEvent> since(Queue<FleetEvent> events, int mark) {
        List<FleetEvent> all = new ArrayList<>(events);
        return all.subList(Math.min(mark, all.size()), all.size());
    }

    private static boolean clusterSafe() {
        return Hazelcast.getAllHazelcastInstances().stream()
            .allMatch(h -> h.getLifecycleService().isRunning() && h.getPartitionService().isClusterSafe());
    }

    private static List<FleetAccount> accounts(ProsodyServer prosody, int sessions) {
        List<FleetAccount> accounts = new ArrayList<>(sessions);
        for (int i = 1; i <= sessions; i++) {
            accounts.add(FleetAccount.of("user" + i + "@" + prosody.host() + "/fleet", LoadServer.PASSWORD));
        }
        return accounts;
    }

    private static Fleet member(String name, String cluster, int port, int peer, List<FleetAccount> accounts,
                                BoshTransport transport, Function<XmppSession, Publisher<?>> handler, boolean ahead) {
        Config config = FleetClusters.loopback(cluster, port, List.of(peer));
        config.setProperty("hazelcast.logging.type", "none");
        return Fleet.builder().memberName(name).hazelcast(config).transport(transport)
            .client(c -> c.enabledMechanisms(List.of("SCRAM-SHA-1"))).accounts(accounts).handler(handler)
            .writeAhead(ahead).build();
    }

    private static XmppClient client(FleetAccount a, BoshTransport transport) {
        return XmppClient.builder().jid(a.bareJid()).resource("fleet").password(a.password().get())
            .transport(transport).enabledMechanisms(List.of("SCRAM-SHA-1")).build();
    }

    private static Mono<Void> pingLoop(XmppSession s, int pings, String host, Queue<Long> latencies) {
        return Flux.range(0, pings).concatMap(i -> {
            long t = System.nanoTime();
            return s.request(Iq.get(Jid.domain(host), PING)).doOnNext(r -> latencies.add(System.nanoTime() - t));
        }).then();
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not within " + LIMIT + ": " + what);
            }
            ProcessStats.sleep(20);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
