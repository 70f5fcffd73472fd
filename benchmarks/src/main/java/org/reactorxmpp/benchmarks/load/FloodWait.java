package org.reactorxmpp.benchmarks.load;

import java.time.Duration;

/** Waits for a flood's receiver: until every message arrived, or nothing arrived for 5 s, or the limit. */
final class FloodWait {

    private static final long IDLE_NANOS = Duration.ofSeconds(5).toNanos();

    private FloodWait() {
    }

    static void until(FloodTally tally, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        long idleSince = System.nanoTime();
        long lastSeen = tally.lastNanos();
        while (!tally.complete() && System.nanoTime() < deadline) {
            ProcessStats.sleep(5);
            long last = tally.lastNanos();
            if (last != lastSeen) {
                lastSeen = last;
                idleSince = System.nanoTime();
            } else if (System.nanoTime() - idleSince > IDLE_NANOS) {
                return;
            }
        }
    }
}
