package org.reactorxmpp.bosh.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.bosh.BoshCondition;
import org.reactorxmpp.bosh.BoshException;
import org.reactorxmpp.xmpp.XmppException;
import org.reactorxmpp.xmpp.transport.TransportObserver.Outcome;
import org.reactorxmpp.xmpp.transport.TransportObserver.ResendReason;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlException;

/**
 * Lost requests and their resends with the same rid and bytes (XEP-0124 sections 9, 11, 14.3 and 17.3): failed
 * HTTP exchanges with jittered backoff, recoverable binding errors, responses the connection manager reports
 * lost and requests it did not acknowledge. A request beyond {@code hold} that does not release the held one is
 * reported, not resent ({@link #watchStall}). Every resend is reported with its reason. Confined to the task loop.
 */
final class Recovery {

    private final SessionCore s;
    /** XEP-0124 section 9.1: the connection manager acknowledges requests (its creation response carried ack). */
    private boolean serverAcks;
    /** The highest rid the connection manager acknowledged (with every lower one). */
    private long serverAcked;

    Recovery(SessionCore s) {
        this.s = s;
    }

    /** The session was created by the request {@code rid}, whose answer said whether requests are acknowledged. */
    void created(long rid, boolean acks) {
        serverAcks = acks;
        serverAcked = rid;
    }

    /** Acts on the {@code report} and {@code ack} of an answer to {@code ex} (already out of the window). */
    void answered(Exchange ex, XmlElement body, boolean creation) {
        String report = body.attribute("report");
        if (report != null) {
            resendReported(report, body.attribute("time"));
        }
        if (!creation) {
            resendUnacknowledged(ex.rid, body.attribute("ack"));
            if (serverAcks && s.state == SessionCore.State.OPEN) {
                watchAcknowledgement(ex.rid, body.attribute("ack"));
            }
        }
    }

    /**
     * A recoverable binding condition (XEP-0124 section 17.3): resend this request and every earlier
     * unanswered one, unchanged.
     */
    void recover(Exchange ex) {
        if (ex.attempt >= s.settings.maxRetries()) {
            s.termination.fail(BoshException.client(BoshCondition.CONNECTION_LOST, "BOSH request rid=" + ex.rid
                + " answered with a recoverable error " + (ex.attempt + 1) + " times", null));
            return;
        }
        s.log.debug("recoverable BOSH error on rid={}: resending it and the earlier unanswered requests", ex.rid);
        for (Exchange earlier : s.requests.upTo(ex.rid, true)) {
            s.requests.abandon(earlier);
            earlier.attempt++;
            s.stats.resent(ResendReason.RECOVERABLE_ERROR);
            s.requests.fire(earlier);
        }
    }

    /**
     * XEP-0124 section 9.2: the connection manager answered with {@code report} (one more than the {@code ack}
     * a request of ours carried) and {@code time} (milliseconds since it sent that response): it answered a
     * request whose response we never got. If that response is still missing, the request is resent with
     * the same rid and bytes (section 14.3), abandoning the HTTP exchange that would have carried it; the
     * connection manager answers the resend with its buffered copy. A report of a response we did receive
     * is ignored.
     */
    private void resendReported(String report, @Nullable String time) {
        long rid;
        try {
            rid = Long.parseLong(report.trim());
        } catch (NumberFormatException e) {
            s.log.debug("ignoring malformed report='{}'", report);
            return;
        }
        Exchange lost = s.requests.get(rid);
        if (lost != null) {
            s.log.debug("connection manager reports the response to rid={} lost (sent {} ms ago): resending", rid, time);
            resendNow(lost, "its response was reported lost", ResendReason.REPORTED_LOST);
        }
    }

    /**
     * XEP-0124 section 9.1: a response's {@code ack} is the highest rid the connection manager received with
     * every lower one. An {@code ack} below the rid of the request it answers is a mismatch: the connection
     * manager says it never received the requests in between, so they are resent at once with their rid and
     * bytes instead of waiting for their HTTP timeout. (An {@code ack} at or above the answered rid is
     * normal; an absent one means the answered rid. A request sent after the answered one and not yet
     * acknowledged may still be on its way, so it is left to its own timeout.)
     */
    private void resendUnacknowledged(long answeredRid, @Nullable String ack) {
        if (ack == null) {
            return;
        }
        long acked;
        try {
            acked = Long.parseLong(ack.trim());
        } catch (NumberFormatException e) {
            s.log.debug("ignoring malformed ack='{}'", ack);
            return;
        }
        if (acked >= answeredRid) {
            return;
        }
        serverAcked = Math.max(serverAcked, acked);
        for (Exchange missing : s.requests.between(acked, answeredRid)) {
            s.log.debug("response to rid={} acknowledges only rid={}: resending rid={}", answeredRid, acked, missing.rid);
            resendNow(missing, "the connection manager did not acknowledge it", ResendReason.UNACKNOWLEDGED);
        }
    }

    /**
     * XEP-0124 section 9.1, early warning: when the connection manager acknowledges requests, a response whose
     * {@code ack} (absent: the answered rid) is below a later request we had already written means that
     * request may be lost. It is not resent at once (it may simply have crossed the response on the wire,
     * and then it is held): if it is still neither answered nor acknowledged after the timeout margin, it is
     * resent with its rid and bytes instead of waiting for its HTTP timeout ({@code wait} plus the margin),
     * so that a lost request does not stall the session for a whole {@code wait}.
     */
    private void watchAcknowledgement(long answeredRid, @Nullable String ack) {
        long acked = answeredRid;
        if (ack != null) {
            try {
                acked = Math.max(answeredRid, Long.parseLong(ack.trim()));
            } catch (NumberFormatException e) {
                return;
            }
        }
        serverAcked = Math.max(serverAcked, acked);
        for (Exchange later : s.requests.after(serverAcked)) {
            if (later.written && !later.ackCheckPending && later.kind != Outgoing.Kind.TERMINATE) {
                later.ackCheckPending = true;
                int attempt = later.attempt;
                s.log.debug("response to rid={} acknowledges rid={} only: rid={} may be lost", answeredRid, serverAcked,
                    later.rid);
                s.timers.after(s.settings.timeoutMargin(), () -> {
                    later.ackCheckPending = false;
                    if (s.state == SessionCore.State.OPEN && s.requests.isCurrent(later) && later.attempt == attempt
                        && serverAcked < later.rid) {
                        resendNow(later, "the connection manager did not acknowledge it", ResendReason.UNACKNOWLEDGED);
                    }
                });
            }
        }
    }

    private void resendNow(Exchange ex, String why, ResendReason reason) {
        if (ex.attempt >= s.settings.maxRetries()) {
            s.termination.fail(BoshException.client(BoshCondition.CONNECTION_LOST, "BOSH request rid=" + ex.rid
                + " resent " + ex.attempt + " times and " + why, null));
            return;
        }
        s.requests.abandon(ex);
        ex.attempt++;
        s.stats.resent(reason);
        s.requests.fire(ex);
    }

    /**
     * XEP-0124 section 11: a connection manager that holds {@code hold} requests answers the oldest as soon as a
     * newer one arrives. When a request beyond {@code hold} was written and neither it nor the held one is answered
     * within the stall timeout, the stall is reported (a DEBUG line and {@code TransportObserver#stalled}) and
     * <em>nothing is resent</em>: the request stays with its HTTP exchange, whose timeout ({@code wait} plus the
     * margin) or failure resends it as usual.
     *
     * <p>Why no resend, read from the two servers' code. The request was written to an open TCP connection, so the
     * connection manager has it (a dropped connection fails the exchange, and that resend is the failure path's);
     * a stall means it either is busy with an earlier body, or read the request ahead of its predecessor (two
     * connections). Prosody 0.12 ({@code mod_bosh.lua}) defers a rid that arrives one ahead and processes it as
     * soon as the missing rid arrives: no stall, a resend is redundant, and one that arrives after the next rid is
     * {@code item-not-found}. ejabberd 23.01 ({@code ejabberd_bosh.erl}, {@code active1/3}) parks a rid ahead of
     * {@code prev_rid + 1} in its receivers tree, holds the predecessor when it brings nothing back, and processes
     * the parked rid only when it answers the held one with data (a push); a resend of the parked rid is a second
     * {@code gb_trees:insert} of the same key, which crashes the session ({@code {key_exists, Rid}}, every
     * waiting request answered {@code other-request}). So on ejabberd the resend after 20 s killed a session that
     * the next push (any message or presence for the user while the predecessor is held) would have unstuck, and
     * on Prosody it never helped. A new request with the next rid does not help either: the window is full
     * ({@code requests} = {@code hold} + 1 on both), and ejabberd would park it too. The order guard
     * ({@code requestOrderGuard}) is what keeps rids from arriving out of order in the first place.
     */
    void watchStall(Exchange ex, int attempt) {
        SessionParameters p = s.params;
        if (p == null || p.hold() < 1 || s.state == SessionCore.State.CLOSED
            || s.requests.countBefore(ex.rid) < p.hold()) {
            return;
        }
        s.timers.after(s.settings.stallTimeout(), () -> {
            if (s.state != SessionCore.State.CLOSED && s.requests.isCurrent(ex) && ex.attempt == attempt
                && s.requests.countBefore(ex.rid) >= p.hold()) {
                s.log.debug("rid={} unanswered and the held rid={} not released after {}: left to its HTTP timeout"
                    + " (a resend crashes ejabberd when it parked the rid)", ex.rid, s.requests.firstRid(),
                    s.settings.stallTimeout());
                s.stats.stalled();
            }
        });
    }

    /** The HTTP exchange of {@code ex} failed: resend it after a backoff, or fail the session. */
    void onFailure(Exchange ex, Throwable error) {
        if (s.state == SessionCore.State.CLOSED || !s.requests.isCurrent(ex)) {
            return;
        }
        s.requests.ended(ex, true);
        s.stats.ended(ex, Outcome.FAILED);
        if (error instanceof XmlException
            || error instanceof BoshException b && b.condition() == BoshCondition.PROTOCOL_VIOLATION) {
            s.termination.violation(error); // an oversized or malformed response
            return;
        }
        if (error instanceof XmppException) {
            s.termination.fail(error);
            return;
        }
        SessionParameters p = s.params;
        long now = s.settings.nanoTime();
        if (ex.attempt == 0) {
            ex.firstFailureNanos = now;
        }
        boolean outOfWindow = p != null && p.inactivity() != null
            && now - ex.firstFailureNanos > p.inactivity().toNanos();
        // session creation has its own, small budget: an unreachable connection manager fails connect() quickly
        // and an unknown host is not retried (the resolver already retried; a new query gives the same answer)
        int budget = ex != s.creation ? s.settings.maxRetries() : unknownHost(error) ? 0 : s.settings.connectRetries();
        if (ex.attempt >= budget || outOfWindow) {
            s.termination.fail(BoshException.client(BoshCondition.CONNECTION_LOST, "BOSH request rid=" + ex.rid
                + " failed after " + (ex.attempt + 1) + " attempts" + (outOfWindow ? " (inactivity window exceeded)" : "")
                + ": " + error, error));
            return;
        }
        ex.attempt++;
        ex.backoff = true;
        s.stats.resent(RequestStats.reason(error));
        Duration delay = backoff(ex.attempt);
        s.log.debug("BOSH request rid={} failed ({}), resending in {}", ex.rid, error.toString(),
            delay);
        s.timers.after(delay, () -> {
            if (s.state != SessionCore.State.CLOSED && s.requests.isCurrent(ex)) {
                s.requests.fire(ex);
            }
        });
    }

    private static boolean unknownHost(Throwable error) {
        for (Throwable t = error; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof java.net.UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    private Duration backoff(int attempt) {
        long base = s.settings.retryBackoff().toMillis();
        long max = s.settings.maxRetryBackoff().toMillis();
        long d = Math.min(max, base << Math.min(attempt - 1, 20));
        double jitter = 0.75 + ThreadLocalRandom.current().nextDouble() * 0.5;
        return Duration.ofMillis(Math.max(1, (long) (d * jitter)));
    }
}
