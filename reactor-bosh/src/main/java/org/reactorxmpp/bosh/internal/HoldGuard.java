package org.reactorxmpp.bosh.internal;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The busy-loop guard of one session. A connection manager that announced {@code hold} of one or more must keep
 * an empty request until it has something to send or {@code wait} runs out; one that answers such a request at
 * once, empty, while no later request could have released it, would have the client poll in a tight loop
 * (measured: 2,500 requests/s at 127 % of a core, forever). Each such early answer delays the next empty
 * request: the advertised {@code polling} interval (1 s without one), doubled per early answer in a row, at most
 * {@code wait}; an answer that carries something, or that comes late enough, resets the count. After
 * {@link #MAX_EARLY} early answers in a row the session fails with {@code NOT_HOLDING}. Requests that carry
 * elements are never delayed. Confined to the session's task loop.
 */
final class HoldGuard {

    /** Early empty answers in a row tolerated, backing off, before the session fails. */
    static final int MAX_EARLY = 8;

    private int early;
    private long notBeforeNanos;

    /**
     * Records the answer to a lone empty request.
     *
     * @param sentNanos when the request was written
     * @param nowNanos now
     * @param empty whether the answer carried nothing
     * @param p the session parameters
     * @return whether the session may go on ({@code false}: the bound is passed)
     */
    boolean answered(long sentNanos, long nowNanos, boolean empty, SessionParameters p) {
        Duration wait = p.waitTime();
        boolean tooSoon = empty && p.hold() >= 1 && !p.pollingMode() && nowNanos - sentNanos < wait.toNanos() / 2;
        if (!tooSoon) {
            early = 0;
            return true;
        }
        early++;
        if (early > MAX_EARLY) {
            return false;
        }
        notBeforeNanos = nowNanos + delay(early, p.polling(), wait).toNanos();
        return true;
    }

    /** An answer with content or to a request with content: the connection manager works. */
    void reset() {
        early = 0;
    }

    static Duration delay(int earlyInARow, @Nullable Duration polling, Duration wait) {
        Duration base = polling != null && !polling.isZero() ? polling : Duration.ofSeconds(1);
        Duration d = base.multipliedBy(1L << Math.min(earlyInARow - 1, 20));
        return d.compareTo(wait) > 0 ? wait : d;
    }

    /** @return how long the next empty request must still wait, in nanoseconds (0 or less: it may go) */
    long remaining(long nowNanos) {
        return early == 0 ? 0 : notBeforeNanos - nowNanos;
    }

    /** @return early empty answers in a row */
    int early() {
        return early;
    }
}
