package org.reactorxmpp.bosh.internal;

import java.util.List;

import org.jspecify.annotations.Nullable;

import reactor.core.Disposable;

/** A request with a rid: sent, or waiting to be resent. Its bytes never change. Confined to the task loop. */
final class Exchange {
    final long rid;
    final Outgoing.Kind kind;
    final byte[] body;
    final List<Outgoing> carried;
    byte @Nullable [] gzipped;
    /** The request bytes were written once: the connection manager should have them by now. */
    boolean written;
    boolean ackCheckPending;
    int attempt;
    long firstFailureNanos;
    @Nullable Disposable inFlight;
    /** Waiting for its turn to be written (rids go on the wire strictly in order, one write at a time). */
    boolean queued;
    /** Failed, waiting for its resend: no later rid may be written before it. */
    boolean backoff;
    /** The request slot (connection) carrying it, or -1. */
    int slot = -1;
    /** When its bytes were last written, on the session's clock. */
    long writtenNanos;
    /** The same, in real time ({@link System#nanoTime()}): wire ordering is a matter of real time. */
    long writtenRealNanos;
    /** Resent by an attach (the old owner's request): the next rid waits longer behind it (see {@link OrderGuard}). */
    boolean resentByAttach;
    /** When its current HTTP exchange started ({@link System#nanoTime()}), for the exchange latency. */
    long postedNanos;

    Exchange(long rid, Outgoing.Kind kind, byte[] body, List<Outgoing> carried) {
        this.rid = rid;
        this.kind = kind;
        this.body = body;
        this.carried = carried;
    }

    /** Whether it carries elements of the application (not an empty keep-alive, restart, pause or terminate). */
    boolean hasPayload() {
        return kind == Outgoing.Kind.ELEMENT && !carried.isEmpty();
    }
}
