package org.reactorxmpp.bosh.fleet.it;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
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

import com.sun.management.OperatingSystemMXBean;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The fleet's costs against a local Prosody, in one JVM (two embedded members on loopback):
 * <ol>
 *   <li><b>checkpoint cost per BOSH request</b>: N sessions each send P sequential pings (one BOSH request and
 *       response each), once as plain sessions and once inside a fleet of one (every request checkpointed to the
 *       backed-up map); prints client CPU per ping and ping latency for both;</li>
 *   <li><b>handoff time</b>: a second member joins the fleet of N sessions; prints the time until every moved
 *       session runs on it, per session (attach) and per 1,000 sessions, then the same when it stops and hands them
 *       back.</li>
 * </ol>
 * Run: {@code ./mvnw -B -q -o -pl reactor-bosh/fleet -am test-compile} then
 * {@code java -cp "$(cat reactor-bosh/fleet/target/bench.cp):reactor-bosh/fleet/target/test-classes:reactor-bosh/fleet/target/classes" org.reactorxmpp.bosh.fleet.it.FleetBenchmark 1000 20 [ahead|after]}
 * (class path from {@code dependency:build-classpath -Dmdep.outputFile=target/bench.cp}).
 */
public final class FleetBenchmark {

    private static final XmlElement PING = XmlElement.empty("urn:xmpp:ping", "ping");
    /** Third argument {@code after}: checkpoints follow the requests; otherwise write-ahead (the fleet's default). */
    private static boolean writeAhead = true;

    private FleetBenchmark() {
    }

    public static void main(String[] args) {
        int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int pings = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        writeAhead = args.length <= 2 || !args[2].equals("after");
        try (ProsodyServer prosody = ProsodyServer.builder().users("bench", sessions, "secret").build()) {
            prosody.start();
            List<FleetAccount> accounts = new ArrayList<>();
            for (int i = 1; i <= sessions; i++) {
                accounts.add(FleetAccount.of("bench" + i + "@" + prosody.host() + "/fleet", "secret"));
            }
            BoshTransport transport = BoshTransport.builder().url(prosody.boshUrl()).build();
            System.out.printf("FleetBenchmark: %d sessions, %d pings each, %d cores, load average %.2f%n", sessions,
                pings, Runtime.getRuntime().availableProcessors(), os().getSystemLoadAverage());
            plain(accounts, transport, pings, prosody.host());
            fleet(accounts, transport, pings, prosody.host());
        }
        System.exit(0);
    }

    private static void plain(List<FleetAccount> accounts, BoshTransport transport, int pings, String host) {
        List<XmppSession> sessions = Flux.fromIterable(accounts)
            .flatMap(a -> client(a, transport).connect(), 64)
            .collectList().block(Duration.ofMinutes(5));
        Queue<Long> latencies = new ConcurrentLinkedQueue<>();
        long cpu = cpu();
        long start = System.nanoTime();
        Flux.fromIterable(sessions).flatMap(s -> pingLoop(s, pings, host, latencies), sessions.size())
            .blockLast(Duration.ofMinutes(10));
        report("plain sessions", latencies, cpu(), cpu, System.nanoTime() - start);
        Flux.fromIterable(sessions).flatMap(XmppSession::close, 64).blockLast(Duration.ofMinutes(2));
    }

    private static void fleet(List<FleetAccount> accounts, BoshTransport transport, int pings, String host) {
        String cluster = "bench-" + UUID.randomUUID();
        Queue<Long> latencies = new ConcurrentLinkedQueue<>();
        // the pings start together once every session runs, so that logins (SASL) are not measured
        Sinks.Empty<Void> go = Sinks.empty();
        Function<XmppSession, Publisher<?>> handler = s -> go.asMono().then(pingLoop(s, pings, host, latencies));
        Fleet a = member("a", cluster, 5901, 5902, accounts, transport, handler);
        Queue<FleetEvent> eventsA = new ConcurrentLinkedQueue<>();
        a.events().subscribe(eventsA::add);
        a.start().block(Duration.ofMinutes(1));
        while (a.localAccounts().size() < accounts.size()) {
            sleep(20);
        }
        long cpu = cpu();
        long start = System.nanoTime();
        go.tryEmitEmpty();
        awaitCount(latencies, (long) accounts.size() * pings, Duration.ofMinutes(10));
        report("fleet of one (" + (writeAhead ? "write-ahead checkpoints" : "checkpoints after the requests") + ")",
            latencies, cpu(), cpu, System.nanoTime() - start);
        MemberMetrics m = a.metrics().block(Duration.ofSeconds(30)).members().get("a");
        System.out.printf("FleetBenchmark: %d checkpoints (%.2f per ping), encode %.1f us each (CPU), write %.2f ms"
            + " each until the backup acknowledged%n", m.checkpoints(), m.checkpoints() / (double) latencies.size(),
            m.checkpointEncodeNanos() / 1e3 / Math.max(1, m.checkpoints()),
            m.checkpointNanos() / 1e6 / Math.max(1, m.checkpoints()));

        Fleet b = member("b", cluster, 5902, 5901, accounts, transport, s -> Mono.never());
        Queue<FleetEvent> eventsB = new ConcurrentLinkedQueue<>();
        b.events().subscribe(eventsB::add);
        long join = System.nanoTime();
        b.start().block(Duration.ofMinutes(1));
        awaitStable(a, b, accounts.size(), eventsB);
        handoffReport("join", eventsB, join, b.localAccounts().size());
        int back = b.localAccounts().size();
        long leave = System.nanoTime();
        int before = eventsA.size();
        b.stop().block(Duration.ofMinutes(5));
        while (a.localAccounts().size() < accounts.size() && System.nanoTime() - leave < 300e9) {
            sleep(20);
        }
        handoffReport("graceful stop", new ConcurrentLinkedQueue<>(new ArrayList<>(eventsA).subList(before, eventsA.size())),
            leave, back);
        FleetMetrics all = a.metrics().block(Duration.ofSeconds(30));
        System.out.printf("FleetBenchmark: re-logins %d, sessions %d%n", all.relogins(), all.sessions());
        a.stop().block(Duration.ofMinutes(5));
    }

    private static void awaitStable(Fleet a, Fleet b, int total, Queue<FleetEvent> eventsB) {
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (System.nanoTime() < deadline) {
            long attached = eventsB.stream().filter(e -> e.kind() == FleetEvent.Kind.ATTACHED).count();
            if (!b.localAccounts().isEmpty() && a.localAccounts().size() + b.localAccounts().size() == total
                && attached == b.localAccounts().size()) {
                return;
            }
            sleep(20);
        }
        throw new IllegalStateException("handoff did not settle");
    }

    private static void handoffReport(String what, Queue<FleetEvent> events, long startNanos, int moved) {
        List<Long> took = events.stream().filter(e -> e.kind() == FleetEvent.Kind.ATTACHED)
            .map(e -> e.took().toMillis()).toList();
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        System.out.printf("FleetBenchmark handoff (%s): %d sessions moved in %.2f s (%.2f s per 1,000), attach per"
            + " session %s%n", what, moved, seconds, seconds * 1000 / Math.max(1, moved), FleetScenarios.distribution(took));
    }

    private static Fleet member(String name, String cluster, int port, int peer, List<FleetAccount> accounts,
                                BoshTransport transport, Function<XmppSession, Publisher<?>> handler) {
        return Fleet.builder().memberName(name).hazelcast(FleetClusters.loopback(cluster, port, List.of(peer)))
            .transport(transport).client(c -> c.enabledMechanisms(List.of("SCRAM-SHA-1"))).accounts(accounts)
            .handler(handler).writeAhead(writeAhead).build();
    }

    private static XmppClient client(FleetAccount a, BoshTransport transport) {
        return XmppClient.builder().jid(a.bareJid()).resource("fleet").password(a.password().get()).transport(transport)
            .enabledMechanisms(List.of("SCRAM-SHA-1")).build();
    }

    private static Mono<Void> pingLoop(XmppSession s, int pings, String host, Queue<Long> latencies) {
        return Flux.range(0, pings).concatMap(i -> {
            long t = System.nanoTime();
            return s.request(Iq.get(Jid.domain(host), PING)).doOnNext(r -> latencies.add(System.nanoTime() - t));
        }).then();
    }

    private static void report(String what, Queue<Long> latencies, long cpuAfter, long cpuBefore, long wallNanos) {
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("FleetBenchmark %s: %d pings in %.2f s, client CPU %.1f us per ping, latency p50 %.2f ms,"
            + " p90 %.2f ms, p99 %.2f ms%n", what, sorted.size(), wallNanos / 1e9,
            (cpuAfter - cpuBefore) / 1e3 / Math.max(1, sorted.size()), sorted.get(sorted.size() / 2) / 1e6,
            sorted.get((int) (sorted.size() * 0.9)) / 1e6, sorted.get((int) (sorted.size() * 0.99)) / 1e6);
    }

    private static void awaitCount(Queue<Long> q, long n, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (q.size() < n && System.nanoTime() < deadline) {
            sleep(20);
        }
    }

    private static OperatingSystemMXBean os() {
        return (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    }

    private static long cpu() {
        return os().getProcessCpuTime();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
