package org.reactorxmpp.benchmarks.load;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * Heap and threads over a scenario, one sample every few seconds: seconds since start, heap in use
 * (after a full GC when asked, else as found), live threads, and one counter of the scenario's.
 * Reports the samples and the least-squares slope of the heap in bytes per minute.
 */
final class Samples {

    private final long start = System.nanoTime();
    private final boolean afterGc;
    private final String counterName;
    private final IntSupplier counter;
    private final List<Map<String, Object>> samples = new ArrayList<>();

    Samples(boolean afterGc, String counterName, IntSupplier counter) {
        this.afterGc = afterGc;
        this.counterName = counterName;
        this.counter = counter;
    }

    void take() {
        long heap = afterGc ? ProcessStats.afterGc().heapAfterGcBytes()
            : ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("seconds", Latencies.round((System.nanoTime() - start) / 1e9));
        s.put(afterGc ? "heapAfterGcBytes" : "heapUsedBytes", heap);
        s.put("liveThreads", ManagementFactory.getThreadMXBean().getThreadCount());
        s.put(counterName, counter.getAsInt());
        samples.add(s);
    }

    List<Map<String, Object>> list() {
        return List.copyOf(samples);
    }

    int maxThreads() {
        return samples.stream().mapToInt(s -> (Integer) s.get("liveThreads")).max().orElse(-1);
    }

    int minThreads() {
        return samples.stream().mapToInt(s -> (Integer) s.get("liveThreads")).min().orElse(-1);
    }

    /** @return the heap's least-squares slope in bytes per minute, or 0 with fewer than two samples */
    double heapSlopeBytesPerMinute() {
        int n = samples.size();
        if (n < 2) {
            return 0;
        }
        String key = afterGc ? "heapAfterGcBytes" : "heapUsedBytes";
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (Map<String, Object> s : samples) {
            double x = ((Double) s.get("seconds")) / 60;
            double y = ((Long) s.get(key)).doubleValue();
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        double d = n * sxx - sx * sx;
        return d == 0 ? 0 : Math.round((n * sxy - sx * sy) / d);
    }
}
