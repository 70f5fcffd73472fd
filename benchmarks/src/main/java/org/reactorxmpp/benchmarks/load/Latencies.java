package org.reactorxmpp.benchmarks.load;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Collects round-trip times in nanoseconds and reports percentiles in milliseconds (nearest rank).
 * Not thread-safe.
 */
public final class Latencies {

    private long[] nanos;
    private int size;

    /** @param expected the expected number of samples */
    public Latencies(int expected) {
        this.nanos = new long[Math.max(16, expected)];
    }

    /** @param sample one round trip, in nanoseconds */
    public void add(long sample) {
        if (size == nanos.length) {
            nanos = Arrays.copyOf(nanos, size * 2);
        }
        nanos[size++] = sample;
    }

    /** @return how many samples */
    public int count() {
        return size;
    }

    /**
     * @param percentile 0 to 100
     * @return that percentile in milliseconds (nearest rank), or -1 without samples
     */
    public double percentileMillis(double percentile) {
        if (size == 0) {
            return -1;
        }
        long[] sorted = Arrays.copyOf(nanos, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100.0 * size);
        return sorted[Math.min(size - 1, Math.max(0, rank - 1))] / 1e6;
    }

    /** @return count, p50, p90, p99 and max in milliseconds */
    public Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("samples", size);
        m.put("p50Ms", round(percentileMillis(50)));
        m.put("p90Ms", round(percentileMillis(90)));
        m.put("p99Ms", round(percentileMillis(99)));
        m.put("maxMs", round(percentileMillis(100)));
        return m;
    }

    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
