package org.reactorxmpp.bosh.internal;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * The request slots of one session, each with its own HTTP connection (see {@link BoshHttp#forSession()}): which
 * request each carries, and which was used last. Confined to the task loop.
 */
final class RequestSlots {

    /** What each request slot carries (null: free). */
    private final @Nullable Exchange[] onSlot;
    /** When each slot was last given a request (0: never, or its connection was dropped). */
    private final long[] used;
    private long uses;

    RequestSlots(int count) {
        this.onSlot = new Exchange[count];
        this.used = new long[count];
    }

    /**
     * Gives a request a free slot, the one used last (its connection is the warmest: the connection manager is
     * already reading from it); a slot never used, or whose connection was dropped, only when no other is free.
     * A slot whose response just arrived may still be releasing its connection: the write then waits for it.
     *
     * @return false when every slot is busy (the request waits); true without a slot when there are none
     */
    boolean take(Exchange ex) {
        if (onSlot.length == 0) {
            return true;
        }
        int best = -1;
        for (int i = 0; i < onSlot.length; i++) {
            if (onSlot[i] == null && (best < 0 || used[i] > used[best])) {
                best = i;
            }
        }
        if (best < 0) {
            return false;
        }
        onSlot[best] = ex;
        used[best] = ++uses;
        ex.slot = best;
        return true;
    }

    /**
     * The request no longer occupies its slot (answered, failed or abandoned).
     *
     * @return the slot it freed, or -1
     */
    int free(Exchange ex, boolean connectionLost) {
        int slot = ex.slot;
        ex.slot = -1;
        if (slot >= 0 && onSlot[slot] == ex) {
            onSlot[slot] = null;
            if (connectionLost) {
                used[slot] = 0; // a new connection next time: the coldest
            }
            return slot;
        }
        return -1;
    }

    /** @return whether a slot carries no request */
    boolean isFree(int slot) {
        return onSlot[slot] == null;
    }

    /** A free slot's connection was closed: it is the coldest (a new connection) when a request needs it. */
    void closed(int slot) {
        used[slot] = 0;
    }

    /** @return how many slots there are */
    int count() {
        return onSlot.length;
    }

    void clear() {
        Arrays.fill(onSlot, null);
    }
}
