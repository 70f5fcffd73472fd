package org.reactorxmpp.benchmarks.load;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;

/**
 * Separates a library's cost of sending from its cost of receiving, on the contender's own server
 * after its flood: messages from the library to a raw client (client CPU per message sent), then
 * messages from a raw client to the library (client CPU per message received); the raw clients'
 * threads are not counted. The raw clients use the run's transport. Nothing is archived or stored
 * offline in between (both ends are online, the archive is off), so the phases leave the server as
 * they found it.
 *
 * <p>Each phase runs in bursts of M messages (numbered 1..M, each counted by a tally of its own, the
 * next burst once the last one arrived): first untimed bursts for {@link #warmupSeconds()} (the same code
 * paths compiled, connections made), then bursts under the meter until it has run at least {@link #minSeconds()} (system property
 * {@code bench.splitSeconds}, default 5). A receive phase of 10,000 messages took ours about 0.4 s: its
 * CPU was a few tens of milliseconds, and JIT and GC threads made it vary four-fold between rounds.
 * Both libraries get the same treatment; a library that sends slowly (Smack: one burst of 10,000 lasts
 * about 18 s) simply runs one measured burst.
 */
final class FloodSplit {

    private FloodSplit() {
    }

    /** A library session that sends bursts to the raw peer of the send phase. */
    interface Sender {
        /**
         * Sends chat messages with bodies 1..m to the peer as fast as the library allows, returning once the
         * library took them all (the phase then waits for the peer to count them).
         *
         * @return how many sends failed
         */
        int send(int m);
    }

    /**
     * @return the least time each split phase runs untimed bursts before it is metered (system property
     *     {@code bench.splitWarmupSeconds}, default 5): one burst of 10,000 lasts ours about 0.4 s, and the C2
     *     compilations it triggers finished during the metered bursts (up to 0.8 s of compiler CPU in a 20 s
     *     receive phase, a third of what was counted)
     */
    static Duration warmupSeconds() {
        String v = System.getProperty("bench.splitWarmupSeconds", "5");
        return Duration.ofMillis((long) (Double.parseDouble(v) * 1000));
    }

    private static long jitMillis() {
        java.lang.management.CompilationMXBean c = java.lang.management.ManagementFactory.getCompilationMXBean();
        return c != null && c.isCompilationTimeMonitoringSupported() ? c.getTotalCompilationTime() : -1;
    }

    /** @return the least time each split phase is metered (system property {@code bench.splitSeconds}, default 5) */
    static Duration minSeconds() {
        String v = System.getProperty("bench.splitSeconds", "5");
        return Duration.ofMillis((long) (Double.parseDouble(v) * 1000));
    }

    static Map<String, Object> run(Target target, Contender contender, int m) {
        Map<String, Object> out = new LinkedHashMap<>();
        AtomicReference<FloodTally> current = new AtomicReference<>(new FloodTally(m));
        Meter send = target.meter().fresh();
        try (RawClient receiver = RawClient.login(target, "user3", (from, body) -> current.get().received(body))) {
            send.exclude(receiver.threads());
            Bursts bursts = new Bursts(m, current, target.timeout());
            Map<String, Object> figures = contender.floodTo(target.withMeter(send), receiver.jid(),
                sender -> bursts.run(send, () -> sender.send(m)));
            put(out, "send", figures, send, bursts);
        }
        current.set(new FloodTally(m));
        Meter receive = target.meter().fresh();
        try (RawClient sender = RawClient.login(target, "user4", (from, body) -> { })) {
            receive.exclude(sender.threads());
            Bursts bursts = new Bursts(m, current, target.timeout());
            Thread harness = Thread.currentThread();
            Map<String, Object> figures = contender.floodFrom(target.withMeter(receive),
                body -> current.get().received(body),
                jid -> {
                    // the raw sender's sends are built and queued on the thread that runs this driver: the
                    // harness thread, where no library receives anything; its CPU is the raw client's, not the
                    // contender's (until 2026-12-01 11:30 UTC it was counted: ~16% of ours in a profile)
                    if (Thread.currentThread() != harness) {
                        throw new IllegalStateException("the receive phase is driven from "
                            + Thread.currentThread().getName() + ", not the harness thread: its CPU would be "
                            + "the contender's as well as the raw sender's");
                    }
                    receive.exclude(java.util.List.of(harness));
                    bursts.run(receive, () -> {
                        for (int i = 1; i <= m; i++) {
                            sender.send(RawClient.chat(jid, Integer.toString(i)));
                        }
                        return 0;
                    });
                });
            put(out, "receive", figures, receive, bursts);
        }
        return out;
    }

    /** The bursts of one phase and what they counted. */
    private static final class Bursts {
        private final int m;
        private final AtomicReference<FloodTally> current;
        private final Duration timeout;
        private int bursts;
        private long distinct;
        private long lost;
        private int failures;
        private long jit0;
        /** JIT compilation time (all compiler threads) while the phase was metered; -1 when not known. */
        private long jit = -1;

        Bursts(int m, AtomicReference<FloodTally> current, Duration timeout) {
            this.m = m;
            this.current = current;
            this.timeout = timeout;
        }

        /**
         * Untimed bursts for at least {@link #warmupSeconds()} (at least one), then metered bursts until the meter
         * ran {@link #minSeconds()}.
         */
        Map<String, Object> run(Meter meter, IntSupplier burst) {
            long warm = warmupSeconds().toNanos();
            long warmStart = System.nanoTime();
            do {
                if (!burst(burst, false)) {
                    break;
                }
            } while (System.nanoTime() - warmStart < warm);
            long min = minSeconds().toNanos();
            jit0 = jitMillis();
            meter.begin();
            long start = System.nanoTime();
            do {
                if (!burst(burst, true)) {
                    break;
                }
            } while (System.nanoTime() - start < min);
            meter.end();
            jit = jitMillis() - jit0;
            return new LinkedHashMap<>(); // the counts are put from here by FloodSplit.put, for both phases
        }

        /** @return whether every message of the burst arrived */
        private boolean burst(IntSupplier burst, boolean counted) {
            FloodTally tally = new FloodTally(m);
            current.set(tally);
            int failed = burst.getAsInt();
            FloodWait.until(tally, timeout);
            if (counted) {
                bursts++;
                distinct += tally.distinct();
                lost += m - tally.distinct();
                failures += failed;
            }
            return tally.complete();
        }
    }

    private static void put(Map<String, Object> out, String phase, Map<String, Object> figures, Meter meter,
                            Bursts bursts) {
        out.put(phase + "Lost", bursts.lost);
        out.put(phase + "Messages", bursts.distinct);
        out.put(phase + "Bursts", bursts.bursts);
        out.put(phase + "SendFailures", bursts.failures);
        if (meter.measured()) {
            out.put(phase + "MsgsPerSecond", Latencies.round(bursts.distinct / Math.max(1e-9, meter.wallSeconds())));
            Map<String, Object> perOp = meter.figures("Message", bursts.distinct);
            out.put(phase + "ClientCpuMsPerMessage", perOp.get("clientCpuMsPerMessage"));
            out.put(phase + "ServerCpuMsPerMessage", perOp.get("serverCpuMsPerMessage"));
            out.put(phase + "PhaseSeconds", perOp.get("phaseSeconds"));
            if (bursts.jit >= 0) {
                out.put(phase + "JitMs", bursts.jit); // compiler time within the metered phase (counted in its CPU)
            }
            if (bursts.distinct > 0) {
                // what was not counted: the raw peer's threads (and, receiving, the harness thread driving it)
                out.put(phase + "RawPeerCpuMsPerMessage",
                    Meter.significant(meter.excludedCpuSeconds() * 1000 / bursts.distinct));
            }
        }
        figures.forEach((k, v) -> out.put(phase + Character.toUpperCase(k.charAt(0)) + k.substring(1), v));
    }
}
