package org.reactorxmpp.bosh.internal;

import java.time.Duration;

/**
 * Closes the connection of a request slot that carried no request for {@code idleConnectionTimeout}, so an idle
 * session keeps one socket, its held request's, instead of {@code hold + 1} (at 10,000 sessions two sockets each
 * exhausted a 20,000 open-file limit). A timer of the session, on its scheduler and clock, not pool maintenance: at
 * most one is pending per session, armed when a slot goes free and none is, so a busy session arms one per timeout,
 * not one per request; a slot used again before its timeout is left open. Confined to the task loop.
 */
final class IdleConnections {

    private final SessionCore s;
    private final RequestSlots slots;
    private final Duration timeout;
    private final long timeoutNanos;
    /** When each slot last went free, on the session's clock. */
    private final long[] freedAt;
    private boolean armed;

    IdleConnections(SessionCore s, RequestSlots slots) {
        this.s = s;
        this.slots = slots;
        this.timeout = s.settings.httpOptions().idleConnectionTimeout();
        this.timeoutNanos = nanos(timeout);
        this.freedAt = new long[slots.count()];
    }

    /** A slot carries no request any more: its connection closes unless it is used again within the timeout. */
    void freed(int slot) {
        freedAt[slot] = s.settings.nanoTime();
        if (!armed) {
            arm(timeout);
        }
    }

    private void arm(Duration delay) {
        armed = true;
        s.timers.after(delay, this::sweep);
    }

    /** Closes every free slot's connection idle for the timeout; waits for the next one to run out, if any. */
    private void sweep() {
        armed = false;
        if (s.state == SessionCore.State.CLOSED) {
            return;
        }
        long now = s.settings.nanoTime();
        long next = Long.MAX_VALUE;
        for (int i = 0; i < freedAt.length; i++) {
            if (!slots.isFree(i) || !s.http.isOpen(i)) {
                continue; // busy (re-armed when it goes free), or no connection
            }
            long idle = now - freedAt[i];
            if (idle >= timeoutNanos) {
                s.http.closeSlot(i);
                slots.closed(i);
                s.log.debug("closed the connection of request slot {}, idle for {}", i, timeout);
            } else {
                next = Math.min(next, timeoutNanos - idle);
            }
        }
        if (next != Long.MAX_VALUE) {
            arm(Duration.ofNanos(next));
        }
    }

    private static long nanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE; // about 292 years or more: never
        }
    }
}
