package org.reactorxmpp.benchmarks.load;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the occupants of the MUC fan-out received: per occupant the next body expected ({@code m0},
 * {@code m1}, ...), so that a lost, repeated or reordered message is counted, and a latch that opens
 * when every occupant has all of them. Each occupant is fed by one thread at a time (its session's
 * inbound), so per-occupant state needs no lock; the counters are shared. The latch counts an occupant once it
 * received as many messages as were sent, in whatever order, so that a library that reorders or repeats one
 * message is reported at once instead of after the whole timeout; {@link #await} then says whether all came in
 * order.
 */
final class MucFanoutTally {

    private final int messages;
    private final int[] next;
    private final int[] received;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicInteger outOfOrder = new AtomicInteger();
    private final CountDownLatch complete;
    private volatile long lastDelivery;

    MucFanoutTally(int occupants, int messages) {
        this.messages = messages;
        this.next = new int[occupants];
        this.received = new int[occupants];
        this.complete = new CountDownLatch(occupants);
    }

    /** @param occupant 0-based @param body what the occupant received (other bodies are ignored) */
    void delivered(int occupant, String body) {
        if (body == null || !body.startsWith("m")) {
            return;
        }
        int index;
        try {
            index = Integer.parseInt(body.substring(1));
        } catch (NumberFormatException e) {
            return;
        }
        delivered.incrementAndGet();
        lastDelivery = System.nanoTime();
        if (index != next[occupant]) {
            outOfOrder.incrementAndGet();
        } else {
            next[occupant]++;
        }
        if (++received[occupant] == messages) {
            complete.countDown();
        }
    }

    /** @return whether every occupant got every message, in order, within the time */
    boolean await(Duration timeout) {
        try {
            return complete.await(timeout.toMillis(), TimeUnit.MILLISECONDS) && outOfOrder.get() == 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    long lastDeliveryNanos() {
        return lastDelivery;
    }

    Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        int completeOccupants = 0;
        for (int n : next) {
            if (n == messages) {
                completeOccupants++;
            }
        }
        m.put("deliveries", delivered.get());
        m.put("expectedDeliveries", (long) messages * next.length);
        m.put("occupantsWithAllInOrder", completeOccupants);
        m.put("outOfOrderOrRepeated", outOfOrder.get());
        return m;
    }
}
