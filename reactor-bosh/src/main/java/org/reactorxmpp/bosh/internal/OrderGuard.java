package org.reactorxmpp.bosh.internal;

import java.time.Duration;

/**
 * The request order guard ({@code BoshTransport.Builder#requestOrderGuard}, default 100 ms). Written in order on
 * two connections, two requests can still be read in the other order by a connection manager whose readers run
 * on several threads (ejabberd's HTTP processes on two Erlang schedulers); a request written a moment after the
 * one before it is the only case, so the later one waits that moment.
 */
final class OrderGuard {

    private OrderGuard() {
    }

    /**
     * Whether every earlier unanswered request was written at least the guard ago: the full guard behind an empty
     * request (a keep-alive, a restart, a pause: what ejabberd 23.01 holds without looking at a later rid it
     * already parked), a fifth of it behind a request with payload (reordered there, ejabberd also parks the
     * later rid, and crashes on its resend, but it is rarer: a slot frees when an answer came, usually because
     * the earlier request arrived; the full guard there paced concatMap sends to one per 100 ms), five times the
     * guard behind a request an attach resent: Prosody 0.12 refuses a resent rid it reads after the next one
     * ({@code item-not-found}: below its window, no cached answer), and a taken-over session's first requests go
     * out together while the server is often busy (a rebalance moves many sessions at once).
     *
     * @param earlier the unanswered requests before the one to write
     * @param guard the configured guard
     * @param now {@link System#nanoTime()}
     * @return how many nanoseconds the next request must still wait; zero or less when it may go now
     */
    static long remaining(Iterable<Exchange> earlier, Duration guard, long now) {
        for (Exchange e : earlier) {
            long g = e.resentByAttach ? guard.toNanos() * 5 : e.hasPayload() ? guard.toNanos() / 5 : guard.toNanos();
            long due = e.writtenRealNanos + g - now;
            if (e.written && due > 0) {
                return due;
            }
        }
        return 0;
    }
}
