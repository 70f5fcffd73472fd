package org.reactorxmpp.bosh.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides, after every batch of tasks, which new requests go out: queued items first (elements batched into one
 * body), otherwise one empty request to keep a request held, unless the window is full, the session is paused,
 * subscribers lag, or the polling interval, the busy-loop guard or the linger says to wait. Confined to the task
 * loop.
 */
final class RequestPump {

    /**
     * How long after a response the empty request that keeps one held waits: whatever the application sends in
     * reaction to the response (an answer, the next message of a ping-pong, a SASL step) goes in that request
     * instead of in a second one right behind it.
     */
    static final Duration LINGER = Duration.ofMillis(20);

    private final SessionCore s;
    private long lastEmptyRequestNanos;

    RequestPump(SessionCore s) {
        this.s = s;
    }

    void pump() {
        SessionParameters p = s.params;
        if (s.state != SessionCore.State.OPEN || p == null) {
            return;
        }
        while (s.state == SessionCore.State.OPEN) {
            Outgoing head = s.queue.peekLive();
            if (head == null && s.handover.detachPending()) {
                s.handover.drained(); // every queued send is in a request the export carries
                return;
            }
            // XEP-0124 section 11 lets a client make one request over the limit to terminate, but a
            // connection manager sees the requests of separate connections in any order: with three
            // unanswered rids, the third can arrive first and look like a jump of 3, which Prosody
            // answers with item-not-found. Within the limit, every answer to rid r proves that all rids
            // up to r arrived, so a new rid is never more than 'requests' ahead. The terminate waits for
            // a slot instead (a data request makes the CM answer the held one at once).
            if (s.requests.size() >= p.requests()) {
                return;
            }
            if (head != null) {
                sendNext(p, head);
                continue;
            }
            boolean congested = s.requests.isEmpty() && s.inbound.congested() && !keepAliveDue(p);
            s.inbound.congestionPause(congested);
            if (congested && !s.inbound.congested()) {
                s.inbound.congestionPause(false); // drained meanwhile, by a subscriber that saw the flag still down
                congested = false;
            }
            if (s.requests.isEmpty() && !s.terminateQueued && !congested && !s.paused) {
                sendEmpty(p);
            }
            return;
        }
    }

    /** Sends an empty request to keep one held, or schedules the wake-up after which it may go. */
    private void sendEmpty(SessionParameters p) {
        if (p.pollingMode()) {
            // a little over the minimum, so that network jitter never makes two polls look too close
            Duration base = p.polling() != null ? p.polling() : Duration.ofSeconds(1);
            Duration interval = base.plus(base.dividedBy(20)).plusMillis(50);
            long due = lastEmptyRequestNanos + interval.toNanos() - s.settings.nanoTime();
            if (lastEmptyRequestNanos != 0 && due > 0) {
                s.timers.schedulePoll(Duration.ofNanos(due));
                return;
            }
        }
        long throttled = s.responses.throttled();
        if (throttled > 0) {
            s.timers.schedulePoll(Duration.ofNanos(throttled));
            return;
        }
        long lingering = s.responses.lastResponseRealNanos() + LINGER.toNanos() - System.nanoTime();
        if (!p.pollingMode() && lingering > 0) {
            s.timers.wakeInRealTime(Duration.ofNanos(lingering));
            return;
        }
        lastEmptyRequestNanos = s.settings.nanoTime();
        long rid = s.takeRid();
        if (s.inbound.congested()) {
            s.responses.mustFit(rid); // a keep-alive made although subscribers lag: its answer must fit
        }
        s.requests.add(new Exchange(rid, Outgoing.Kind.ELEMENT, s.bodies.request(p, rid, List.of()), List.of()));
    }

    /**
     * A congestion pause must not outlive the connection manager's inactivity window (XEP-0124 section 10:
     * with no request held, the client MUST make one before {@code inactivity} runs out, or the session is
     * silently dropped). Once three quarters of the window have passed since the last response, an empty
     * request goes out although subscribers lag: whatever it brings back goes into the bounded inbound
     * buffer, which fails the session with a {@code TransportOverflowException} when full, so a consumer
     * too slow for the session is an explicit error, never a silently expired session. Before that point,
     * a wake-up is scheduled for it.
     */
    private boolean keepAliveDue(SessionParameters p) {
        Duration inactivity = p.inactivity();
        if (inactivity == null || inactivity.isZero() || s.paused || s.terminateQueued) {
            return false;
        }
        long due = s.responses.lastResponseNanos() + keepAliveAfter(inactivity).toNanos() - s.settings.nanoTime();
        if (due <= 0) {
            s.log.debug("inbound subscribers still lag, but the inactivity window of {} is running out:"
                + " keeping the session alive", inactivity);
            return true;
        }
        s.timers.schedulePoll(Duration.ofNanos(due));
        return false;
    }

    static Duration keepAliveAfter(Duration inactivity) {
        return inactivity.multipliedBy(3).dividedBy(4);
    }

    /** Puts the head of the queue (and, for elements, as many as fit after it) into a new request. */
    private void sendNext(SessionParameters p, Outgoing head) {
        long rid = s.takeRid();
        Exchange ex;
        if (head.kind == Outgoing.Kind.RESTART) {
            s.queue.take(head);
            ex = new Exchange(rid, Outgoing.Kind.RESTART, s.bodies.restart(p, rid), List.of(head));
        } else if (head.kind == Outgoing.Kind.PAUSE) {
            s.queue.take(head);
            byte[] seconds = head.bytes;
            assert seconds != null;
            ex = new Exchange(rid, Outgoing.Kind.ELEMENT, s.bodies.pause(p, rid, seconds), List.of(head));
            s.paused = true;
        } else if (head.kind == Outgoing.Kind.TERMINATE) {
            s.queue.take(head);
            ex = new Exchange(rid, Outgoing.Kind.TERMINATE, s.bodies.terminate(p, rid, head.bytes), List.of(head));
            s.state = SessionCore.State.CLOSING;
        } else {
            List<Outgoing> carried = s.queue.takeElements(head, s.settings.maxBodySize(),
                s.settings.maxBodyElements());
            List<byte[]> payloads = new ArrayList<>(carried.size());
            for (Outgoing o : carried) {
                payloads.add(o.bytes);
            }
            ex = new Exchange(rid, Outgoing.Kind.ELEMENT, s.bodies.request(p, rid, payloads), carried);
        }
        s.requests.add(ex);
    }
}
