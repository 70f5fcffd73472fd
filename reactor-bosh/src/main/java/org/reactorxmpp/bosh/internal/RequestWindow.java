package org.reactorxmpp.bosh.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.transport.TransportObserver;

import reactor.core.Disposable;

/**
 * The rid window of one session: every request sent and not answered yet, by rid, and the writing of requests
 * (and resends) onto the wire strictly in rid order, one at a time, on the session's request slots. Confined to
 * the task loop.
 */
final class RequestWindow {

    private final SessionCore s;
    private final TreeMap<Long, Exchange> outstanding = new TreeMap<>();
    private final RequestSlots slots;
    private final IdleConnections idle;
    /** The request being written: the next rid is written only once these bytes are on the wire. */
    private @Nullable Exchange writing;

    RequestWindow(SessionCore s) {
        this.s = s;
        this.slots = new RequestSlots(s.http.slots());
        this.idle = new IdleConnections(s, slots);
    }

    int size() {
        return outstanding.size();
    }

    boolean isEmpty() {
        return outstanding.isEmpty();
    }

    @Nullable Exchange get(long rid) {
        return outstanding.get(rid);
    }

    /** @return whether {@code ex} is still the unanswered request of its rid (not answered, not the session over) */
    boolean isCurrent(Exchange ex) {
        return outstanding.get(ex.rid) == ex;
    }

    void remove(Exchange ex) {
        outstanding.remove(ex.rid);
    }

    long firstRid() {
        return outstanding.firstKey();
    }

    /** @return how many unanswered requests have a lower rid */
    int countBefore(long rid) {
        return outstanding.headMap(rid, false).size();
    }

    /** @return a copy of the unanswered requests up to {@code rid} (inclusive or not), in rid order */
    List<Exchange> upTo(long rid, boolean inclusive) {
        return new ArrayList<>(outstanding.headMap(rid, inclusive).values());
    }

    /** @return a copy of the unanswered requests strictly between two rids, in rid order */
    List<Exchange> between(long fromExclusive, long toExclusive) {
        return new ArrayList<>(outstanding.subMap(fromExclusive, false, toExclusive, false).values());
    }

    /** @return the unanswered requests after {@code rid}, in rid order (a live view) */
    Collection<Exchange> after(long rid) {
        return outstanding.tailMap(rid, false).values();
    }

    /** @return every unanswered request (a live view) */
    Collection<Exchange> all() {
        return outstanding.values();
    }

    /** Adds a new request to the window and queues it for writing. */
    void add(Exchange ex) {
        outstanding.put(ex.rid, ex);
        fire(ex);
    }

    /** Queues a request (or its resend) for writing: {@link #writeNext()} puts it on the wire in its turn. */
    void fire(Exchange ex) {
        ex.queued = true;
        ex.backoff = false;
    }

    /**
     * Writes the lowest queued rid, once the previous write completed and no lower rid waits for a resend. Two
     * requests of one session are never written at once: written in parallel on two connections, rid N+1 can
     * reach the connection manager before rid N, and a connection manager that holds N then may never process
     * N+1 (ejabberd 23.01 processes an early rid only when it answers the one before it with data, so an empty
     * N held for {@code wait} stalls N+1 as long). XEP-0124 section 12 wants rids processed in order; this
     * makes them arrive in order.
     */
    void writeNext() {
        if (writing != null || s.state == SessionCore.State.CLOSED) {
            return;
        }
        for (Exchange ex : outstanding.values()) {
            if (ex.backoff) {
                return;
            }
            if (ex.queued) {
                if (s.handover.holdsBack(ex)) {
                    return; // write-ahead: written once a checkpoint that carries it is stored
                }
                long wait = OrderGuard.remaining(outstanding.headMap(ex.rid, false).values(), s.settings.orderGuard(),
                    System.nanoTime());
                if (wait > 0) {
                    s.timers.wakeInRealTime(Duration.ofNanos(wait));
                    return;
                }
                if (slots.take(ex)) {
                    transmit(ex);
                }
                return;
            }
        }
    }

    private void transmit(Exchange ex) {
        ex.queued = false;
        writing = ex;
        int attempt = ex.attempt;
        WireLog.sent(s.log.id(), ex.rid, ex.attempt, ex.body);
        s.stats.started(ex);
        SessionParameters p = s.params;
        Duration timeout = (p != null ? p.waitTime() : s.settings.waitTime()).plus(s.settings.timeoutMargin());
        byte[] wire = ex.body;
        boolean gzip = s.gzipRequests && ex != s.creation;
        if (gzip) {
            byte[] z = ex.gzipped;
            if (z == null) {
                z = BoshHttp.gzip(ex.body);
                ex.gzipped = z;
            }
            wire = z;
        }
        ex.inFlight = s.http.post(ex.slot, wire, gzip, timeout, () -> s.submit(() -> {
            if (ex.attempt != attempt) {
                return;
            }
            if (writing == ex) {
                writing = null;
            }
            ex.written = true;
            ex.writtenNanos = s.settings.nanoTime();
            ex.writtenRealNanos = System.nanoTime();
            s.responses.completeCarried(ex);
            s.recovery.watchStall(ex, attempt);
        })).subscribe(
            body -> s.submit(() -> s.responses.onResponse(ex, body)),
            error -> s.submit(() -> s.recovery.onFailure(ex, error)));
    }

    /** The HTTP exchange of a request ended (answered or failed): it no longer holds the writer or its slot. */
    void ended(Exchange ex, boolean connectionLost) {
        ex.inFlight = null;
        if (writing == ex) {
            writing = null;
        }
        freeSlot(ex, connectionLost);
    }

    /** Gives up the HTTP exchange of a request locally (its resend follows). */
    void abandon(Exchange ex) {
        Disposable d = ex.inFlight;
        ex.inFlight = null;
        if (d != null) {
            d.dispose();
        }
        if (writing == ex) {
            writing = null;
        }
        if (d != null) {
            s.stats.ended(ex, TransportObserver.Outcome.ABANDONED);
        }
        freeSlot(ex, d != null);
    }

    private void freeSlot(Exchange ex, boolean connectionLost) {
        int slot = slots.free(ex, connectionLost);
        if (slot >= 0) {
            idle.freed(slot);
        }
    }

    /** Stops writing at the end of the session; the caller answers and then {@link #clear() clears} the requests. */
    void stop() {
        writing = null;
        slots.clear();
    }

    void clear() {
        outstanding.clear();
    }
}
