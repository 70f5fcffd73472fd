package org.reactorxmpp.samples.bots;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the fan-out sample prints once a second: sessions up, answers per second, command round-trip
 * latency (p50, p99 of the last second), lost commands, live threads and used heap.
 */
final class LiveStats {

    private static final int ENDED = 2;

    private final AtomicIntegerArray up;
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private final List<Long> latencies = new ArrayList<>();
    private final long started = System.nanoTime();
    private long lastAnswered;

    /** @param sessions how many bot sessions are followed */
    LiveStats(int sessions) {
        this.up = new AtomicIntegerArray(sessions);
    }

    /** @return the answer counter the bots share */
    AtomicLong answered() {
        return answered;
    }

    /** @param bot a bot's index @param connected whether its session is connected now */
    void up(int bot, boolean connected) {
        up.set(bot, connected ? 1 : 0);
    }

    /** @param bot a bot's index whose session ended for good (no more reconnects) */
    void ended(int bot) {
        up.set(bot, ENDED);
    }

    /** @param nanos a command's round trip */
    void latency(long nanos) {
        synchronized (latencies) {
            latencies.add(nanos);
        }
    }

    /** Counts a command whose answer did not come in time. */
    void lost() {
        lost.incrementAndGet();
    }

    /** @return sessions connected now */
    int sessionsUp() {
        return count(1);
    }

    private int count(int state) {
        int n = 0;
        for (int i = 0; i < up.length(); i++) {
            n += up.get(i) == state ? 1 : 0;
        }
        return n;
    }

    /** @return one summary line for the last second, resetting the per-second figures */
    String line() {
        List<Long> window;
        synchronized (latencies) {
            window = new ArrayList<>(latencies);
            latencies.clear();
        }
        Collections.sort(window);
        long total = answered.get();
        long perSecond = total - lastAnswered;
        lastAnswered = total;
        Runtime runtime = Runtime.getRuntime();
        long heapMb = (runtime.totalMemory() - runtime.freeMemory()) >> 20;
        return String.format("%4ds  up %5d/%-5d ended %4d  answers/s %6d  rtt p50 %5s p99 %5s ms  lost %5d  threads %3d  heap %4d MB",
            (System.nanoTime() - started) / 1_000_000_000L, sessionsUp(), up.length(), count(ENDED), perSecond,
            percentile(window, 50), percentile(window, 99), lost.get(),
            ManagementFactory.getThreadMXBean().getThreadCount(), heapMb);
    }

    static String percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return "-";
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return Long.toString(sorted.get(Math.max(0, index)) / 1_000_000L);
    }
}
