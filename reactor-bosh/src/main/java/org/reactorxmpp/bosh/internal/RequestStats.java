package org.reactorxmpp.bosh.internal;

import org.reactorxmpp.xmpp.transport.TransportObserver;
import org.reactorxmpp.xmpp.transport.TransportObserver.Outcome;
import org.reactorxmpp.xmpp.transport.TransportObserver.ResendReason;

/**
 * What one session reports to the transport's {@link TransportObserver}: each HTTP exchange when it ends (outcome,
 * whether it carried payload, its latency), each resend with its reason, each stall, and its totals when it ends.
 * Primitives and constants only: nothing is allocated per request. Confined to the task loop.
 */
final class RequestStats {

    private final TransportObserver observer;
    private long exchanges;
    private long resends;
    private boolean ended;

    RequestStats(TransportObserver observer) {
        this.observer = observer;
    }

    /** An HTTP exchange of {@code ex} starts now. */
    void started(Exchange ex) {
        exchanges++;
        ex.postedNanos = System.nanoTime();
    }

    /** The HTTP exchange of {@code ex} ended so. */
    void ended(Exchange ex, Outcome outcome) {
        observer.exchange(outcome, ex.hasPayload(), System.nanoTime() - ex.postedNanos);
    }

    void resent(ResendReason reason) {
        resends++;
        observer.resent(reason);
    }

    void stalled() {
        observer.stalled();
    }

    /**
     * The session ends: the exchanges still in flight are abandoned, then the totals are reported (once).
     *
     * @param outstanding the unanswered requests
     */
    void sessionEnded(Iterable<Exchange> outstanding) {
        if (ended) {
            return;
        }
        ended = true;
        for (Exchange ex : outstanding) {
            if (ex.inFlight != null) {
                ended(ex, Outcome.ABANDONED);
            }
        }
        observer.sessionEnded(exchanges, resends);
    }

    /**
     * @param error why an HTTP exchange failed (a failure worth a resend)
     * @return the reason of its resend
     */
    static ResendReason reason(Throwable error) {
        if (error instanceof BoshHttp.RetryableException r) {
            return r.reason();
        }
        return ResendReason.CONNECTION;
    }
}
