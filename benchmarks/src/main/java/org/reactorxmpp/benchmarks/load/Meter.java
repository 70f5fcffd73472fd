package org.reactorxmpp.benchmarks.load;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures one phase of a run: wall time, this JVM's CPU time (minus the CPU of threads that are not
 * the contender's, such as the raw fan-out driver's) and the server's CPU time ({@code /proc/PID/stat}
 * utime + stime of Prosody), from {@link #begin()} to {@link #end()}. Contenders call both around
 * the part of a mode that is measured, so set-up and tear-down are not attributed to operations.
 * Not thread-safe: begin and end are called by the harness thread.
 */
final class Meter {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final long serverPid;
    private final List<Thread> excluded = new ArrayList<>();
    private long wall0 = -1;
    private long wall1 = -1;
    private long client0;
    private long client1;
    private long excluded0;
    private long excluded1;
    private double server0;
    private double server1;

    /** @param serverPid the server process to measure, or -1 for none */
    Meter(long serverPid) {
        this.serverPid = serverPid;
    }

    /** @return a new meter of the same server, for another phase */
    Meter fresh() {
        return new Meter(serverPid);
    }

    /** @param threads threads whose CPU time is not the contender's (call before {@link #begin()}) */
    void exclude(List<Thread> threads) {
        excluded.addAll(threads);
    }

    void begin() {
        excluded0 = excludedCpu();
        client0 = ProcessStats.processCpuNanos();
        server0 = serverPid < 0 ? -1 : ProcessStats.cpuSecondsOf(serverPid);
        wall0 = System.nanoTime();
    }

    void end() {
        wall1 = System.nanoTime();
        client1 = ProcessStats.processCpuNanos();
        server1 = serverPid < 0 ? -1 : ProcessStats.cpuSecondsOf(serverPid);
        excluded1 = excludedCpu();
    }

    boolean measured() {
        return wall0 >= 0 && wall1 >= wall0;
    }

    double wallSeconds() {
        return (wall1 - wall0) / 1e9;
    }

    double clientCpuSeconds() {
        return Math.max(0, (client1 - client0) - (excluded1 - excluded0)) / 1e9;
    }

    /** @return the CPU of the excluded threads during the phase */
    double excludedCpuSeconds() {
        return Math.max(0, excluded1 - excluded0) / 1e9;
    }

    double serverCpuSeconds() {
        return server0 < 0 || server1 < 0 ? -1 : server1 - server0;
    }

    /**
     * The phase's figures per operation.
     *
     * @param op the operation's name in the keys, e.g. {@code Login}
     * @param ops how many operations the phase did
     * @return phaseSeconds, clientCpuSeconds, serverCpuSeconds, clientCpuMsPer{op}, serverCpuMsPer{op},
     *     serverUtilisation (server CPU over wall time: near 1 means Prosody, single-threaded, was saturated)
     */
    Map<String, Object> figures(String op, long ops) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (!measured()) {
            return m;
        }
        double wall = wallSeconds();
        double client = clientCpuSeconds();
        double server = serverCpuSeconds();
        m.put("phaseSeconds", Latencies.round(wall));
        m.put("clientCpuSeconds", Latencies.round(client));
        m.put("serverCpuSeconds", Latencies.round(server));
        if (ops > 0) {
            m.put("clientCpuMsPer" + op, significant(client * 1000 / ops));
            if (server >= 0) {
                m.put("serverCpuMsPer" + op, significant(server * 1000 / ops));
            }
        }
        if (server >= 0 && wall > 0) {
            m.put("serverUtilisation", Latencies.round(server / wall));
        }
        return m;
    }

    private long excludedCpu() {
        long sum = 0;
        for (Thread t : excluded) {
            long cpu = THREADS.getThreadCpuTime(t.getId());
            if (cpu > 0) {
                sum += cpu;
            }
        }
        return sum;
    }

    /** @return {@code v} to 4 significant digits (a receive costs a few microseconds: 0.0045 ms had only 2) */
    static double significant(double v) {
        if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) {
            return v;
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).doubleValue();
    }

    static double round4(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
