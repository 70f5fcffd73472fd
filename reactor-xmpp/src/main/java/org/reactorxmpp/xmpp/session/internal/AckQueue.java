package org.reactorxmpp.xmpp.session.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The stanzas sent under stream management that the server has not acknowledged yet, in the order they were
 * handed to the transport, with the two counters of XEP-0198: how many were sent and the server's last
 * {@code h}, both unsigned 32-bit values that wrap to 0 after 2<sup>32</sup> - 1. Not thread-safe: its
 * owner locks.
 */
final class AckQueue {

    private final ArrayDeque<SmEntry> entries = new ArrayDeque<>();
    private long sent;
    private long acked;

    /** @param start the counters' initial value (0 after {@code <enable/>}; other values only in tests) */
    AckQueue(long start) {
        this.sent = start & SmElements.MASK;
        this.acked = this.sent;
    }

    int size() {
        return entries.size();
    }

    /** @return how many stanzas were sent, modulo 2<sup>32</sup> */
    long sent() {
        return sent;
    }

    /** @return the server's last {@code h} */
    long acked() {
        return acked;
    }

    /** Appends a stanza just handed to the transport and gives it the next sequence number. */
    void add(SmEntry entry) {
        sent = (sent + 1) & SmElements.MASK;
        entry.seq(sent);
        entries.add(entry);
    }

    /**
     * @param h the server's count of handled stanzas
     * @return the entries it acknowledges, oldest first
     * @throws IllegalArgumentException when {@code h} acknowledges more stanzas than were sent
     */
    List<SmEntry> ack(long h) {
        long newly = (h - acked) & SmElements.MASK;
        if (newly > entries.size()) {
            throw new IllegalArgumentException("the server acknowledged " + newly + " stanzas with h=" + h
                + " but only " + entries.size() + " were unacknowledged (last h=" + acked + ", sent=" + sent + ")");
        }
        List<SmEntry> done = new ArrayList<>((int) newly);
        for (long i = 0; i < newly; i++) {
            done.add(entries.poll());
        }
        acked = h & SmElements.MASK;
        return done;
    }

    /** @return whether {@code entry} was the last one added and was removed (its write never happened) */
    boolean removeLast(SmEntry entry) {
        if (entries.peekLast() != entry) {
            return false;
        }
        entries.pollLast();
        sent = (sent - 1) & SmElements.MASK;
        return true;
    }

    /** @return the unacknowledged entries, oldest first */
    List<SmEntry> snapshot() {
        return new ArrayList<>(entries);
    }

    /** @return every unacknowledged entry, oldest first, and the queue is empty */
    List<SmEntry> drain() {
        List<SmEntry> all = new ArrayList<>(entries);
        entries.clear();
        return all;
    }
}
