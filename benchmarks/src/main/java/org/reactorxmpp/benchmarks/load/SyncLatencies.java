package org.reactorxmpp.benchmarks.load;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@link Latencies} for samples added from many threads, reported under a prefix (e.g. {@code loginP50Ms}). */
final class SyncLatencies {

    private final Latencies latencies;

    SyncLatencies(int expected) {
        this.latencies = new Latencies(expected);
    }

    synchronized void add(long nanos) {
        latencies.add(nanos);
    }

    /** @return {prefix}P50Ms, {prefix}P99Ms and {prefix}MaxMs */
    synchronized Map<String, Object> summary(String prefix) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(prefix + "P50Ms", Latencies.round(latencies.percentileMillis(50)));
        m.put(prefix + "P99Ms", Latencies.round(latencies.percentileMillis(99)));
        m.put(prefix + "MaxMs", Latencies.round(latencies.percentileMillis(100)));
        return m;
    }
}
