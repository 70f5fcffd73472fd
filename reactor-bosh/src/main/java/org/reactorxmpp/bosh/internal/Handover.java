package org.reactorxmpp.bosh.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.reactorxmpp.bosh.BoshPauseUnsupportedException;
import org.reactorxmpp.bosh.BoshSessionState;
import org.reactorxmpp.xmpp.transport.TransportClosedException;
import org.reactorxmpp.xmpp.transport.TransportConnection;

import reactor.core.publisher.MonoSink;

/**
 * Pausing a session (XEP-0124 section 10) and handing it over to another owner: detach exports its state, attach
 * takes one over. The methods taking a sink run on the task loop.
 */
final class Handover {

    private final SessionCore s;

    Handover(SessionCore s) {
        this.s = s;
    }

    /** Queues a pause request of {@code duration}, after checking it against the connection manager's maxpause. */
    void pause(Duration duration, MonoSink<Void> sink) {
        SessionParameters p = s.params;
        if (s.state != SessionCore.State.OPEN || p == null) {
            sink.error(new TransportClosedException("only an open BOSH session can be paused", s.terminalCause));
            return;
        }
        Duration max = p.maxpause();
        if (max == null) {
            sink.error(new BoshPauseUnsupportedException(
                "the BOSH connection manager did not advertise maxpause: sessions cannot be paused (XEP-0124 section 10)"));
            return;
        }
        long seconds = duration.toSeconds();
        if (seconds < 1 || seconds > max.toSeconds()) {
            sink.error(new IllegalArgumentException("pause of " + duration + " is not between 1 s and the"
                + " connection manager's maxpause of " + max.toSeconds() + " s"));
            return;
        }
        s.queue.add(new Outgoing(Outgoing.Kind.PAUSE, Long.toString(seconds).getBytes(StandardCharsets.US_ASCII), sink));
    }

    void resume(MonoSink<Void> sink) {
        if (s.state != SessionCore.State.OPEN) {
            sink.error(new TransportClosedException("BOSH session is not open", s.terminalCause));
            return;
        }
        s.paused = false;
        sink.success();
    }

    /** Any thread. */
    Optional<Duration> maxPause() {
        SessionParameters p = s.params;
        return Optional.ofNullable(p == null ? null : p.maxpause());
    }

    /** Takes over a live session: resends the unanswered requests unchanged, then carries on. */
    void attach(BoshSessionState state, MonoSink<TransportConnection> sink) {
        SessionParameters p = new SessionParameters(state.sid(), state.waitTime(), state.requests(), state.hold(),
            state.inactivity(), state.polling(), state.maxpause(), null, null, state.accept(), null, state.secure(), null);
        s.params = p;
        s.gzipRequests = s.settings.httpOptions().compress() && p.accepts("gzip");
        s.sid = p.sid();
        s.nextRid = state.nextRid();
        s.nextDeliverRid = state.nextRid();
        s.state = SessionCore.State.OPEN;
        try {
            // the session uses keys: carry on with them whatever this transport's setting
            s.bodies.resumeKeys(state.keys());
        } catch (IllegalArgumentException e) {
            s.state = SessionCore.State.CLOSED;
            sink.error(e);
            return;
        }
        for (String body : state.unanswered()) {
            long rid = s.takeRid();
            s.requests.add(new Exchange(rid, Outgoing.Kind.ELEMENT, body.getBytes(StandardCharsets.UTF_8), List.of()));
        }
        s.log.debug("BOSH session attached at rid={} ({} unanswered resent)", state.nextRid(),
            state.unanswered().size());
        sink.success(s.connection);
    }

    /**
     * Hands the session over: exports every rid from the first undelivered one on and ends the session here
     * without a terminate.
     */
    void detach(MonoSink<BoshSessionState> sink) {
        SessionParameters p = s.params;
        if (s.state != SessionCore.State.OPEN || p == null) {
            sink.error(new TransportClosedException("only an open BOSH session can be detached", s.terminalCause));
            return;
        }
        // every rid from the first undelivered one on is handed over: responses arrive in any order, so a
        // rid may be answered while an earlier one is not; its answer waits behind the earlier one and its
        // request is resent by the new owner, to which the connection manager replays the same response
        // (XEP-0124 section 14.3). Exporting only the unanswered head would let the new owner reuse the
        // answered rid for new traffic, which the connection manager takes for a resend and drops.
        List<String> bodies = new ArrayList<>();
        long first = s.nextDeliverRid;
        for (long rid = first; rid < s.nextRid; rid++) {
            Exchange ex = s.requests.get(rid);
            byte[] bytes = ex != null ? ex.body : s.responses.answeredRequest(rid);
            if (bytes == null) {
                sink.error(new IllegalStateException("BOSH rid=" + rid + " is neither answered nor outstanding"));
                return;
            }
            bodies.add(new String(bytes, StandardCharsets.UTF_8));
        }
        BoshSessionState exported = new BoshSessionState(p.sid(), first, s.open.to(), s.open.lang().orElse(null),
            p.requests(), p.hold(), p.waitTime(), p.inactivity(), p.polling(), p.secure(), bodies,
            s.bodies.remainingKeys(), p.maxpause(), p.accept());
        s.log.debug("BOSH session detached at rid={}", first);
        s.termination.closeCleanly();
        sink.success(exported);
    }
}
