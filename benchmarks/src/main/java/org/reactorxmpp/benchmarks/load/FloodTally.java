package org.reactorxmpp.benchmarks.load;

import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts what a flood's receiver got: sequence numbers 1..M carried in the message bodies. Reports
 * received, lost, duplicated and out-of-order messages (a message is out of order when its number is
 * lower than one received before it). Thread-safe.
 */
public final class FloodTally {

    private final int expected;
    private final BitSet seen;
    private int received;
    private int duplicated;
    private int outOfOrder;
    private int highest;
    private long lastNanos;

    /** @param expected how many messages were sent */
    public FloodTally(int expected) {
        this.expected = expected;
        this.seen = new BitSet(expected + 1);
    }

    /** @param body a received body, the decimal sequence number; anything else is ignored */
    public synchronized void received(String body) {
        int n;
        try {
            n = Integer.parseInt(body.trim());
        } catch (NumberFormatException e) {
            return;
        }
        if (n < 1) {
            return;
        }
        long now = System.nanoTime();
        lastNanos = now;
        received++;
        if (seen.get(n)) {
            duplicated++;
        } else {
            seen.set(n);
        }
        if (n < highest) {
            outOfOrder++;
        }
        highest = Math.max(highest, n);
    }

    /** @return how many distinct messages arrived */
    public synchronized int distinct() {
        return seen.cardinality();
    }

    /** @return whether every message arrived */
    public synchronized boolean complete() {
        return seen.cardinality() >= expected;
    }

    /** @return nanoTime of the last receipt, or 0 */
    public synchronized long lastNanos() {
        return lastNanos;
    }

    /**
     * @param startNanos when the sender began
     * @return the figures: sent, received, lost, duplicated, outOfOrder, seconds and msgsPerSecond
     *     (distinct messages from the first send to the last receipt)
     */
    public synchronized Map<String, Object> summary(long startNanos) {
        Map<String, Object> m = new LinkedHashMap<>();
        int distinct = seen.cardinality();
        double seconds = received == 0 ? 0 : (lastNanos - startNanos) / 1e9;
        m.put("sent", expected);
        m.put("received", received);
        m.put("lost", expected - distinct);
        m.put("duplicated", duplicated);
        m.put("outOfOrder", outOfOrder);
        m.put("seconds", Latencies.round(seconds));
        m.put("msgsPerSecond", seconds > 0 ? Latencies.round(distinct / seconds) : 0.0);
        return m;
    }
}
