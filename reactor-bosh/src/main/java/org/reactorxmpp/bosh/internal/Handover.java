package org.reactorxmpp.bosh.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.reactorxmpp.bosh.BoshPauseUnsupportedException;
import org.reactorxmpp.bosh.BoshSessionState;
import org.reactorxmpp.xmpp.transport.TransportClosedException;
import org.reactorxmpp.xmpp.transport.TransportConnection;

import reactor.core.publisher.Flux;
import reactor.core.publisher.MonoSink;
import reactor.core.publisher.Sinks;

/**
 * Pausing a session (XEP-0124 section 10) and handing it over to another owner: detach exports its state, attach
 * takes one over, checkpoints export it each time it changes. The methods taking a sink run on the task loop.
 *
 * <p>What a new owner does with the exported requests, and what the servers make of it (read in their sources):
 * it resends every rid from the first undelivered one on, with the same bytes. Prosody 0.12's {@code mod_bosh}
 * replays the cached answer of a repeated rid (it caches the last {@code hold + 1} answers), holds a repeat of the
 * last rid it received that it has not answered yet (without processing its stanzas again), and answers a rid
 * below its window with {@code item-not-found}. ejabberd 23.01's {@code ejabberd_bosh} replays the cached answer of
 * a rid at or below the last one it received (it caches {@code requests} answers); if it has none, it answers the
 * request it holds for that rid (empty) and holds the repeat instead; a rid more than {@code requests} ahead is
 * {@code item-not-found}. Either way nothing the server sent is lost or processed twice, as long as the new owner
 * attaches within the server's window.
 */
final class Handover {

    /** How long a detach waits for answers already on their way before it exports. */
    static final Duration DETACH_DRAIN = Duration.ofSeconds(2);
    /**
     * How long after the last answer a detach still waits (within {@link #DETACH_DRAIN}): what the application sends
     * in reaction to what it was just given (a handler's reply, a hop or two away) goes in a request the export
     * carries instead of failing once the session is gone here.
     */
    static final Duration DETACH_QUIET = Duration.ofMillis(200);

    /** A detach waiting until the queued sends are in requests (confined to the task loop). */
    private @Nullable MonoSink<BoshSessionState> detachWhenDrained;
    private long drainDeadline;
    private final SessionCore s;
    private final WriteAhead writeAhead;
    /** Latest-wins snapshots of the session state: see {@code TransportConnection.checkpoints()}. */
    private final Sinks.Many<byte[]> checkpoints = Sinks.many().replay().latest();
    private long checkpointRid = -1;
    private long checkpointDeliverRid = -1;
    private boolean checkpointForced;
    private boolean checkpointsDone;
    /** A confirmed attach waiting for the first answer of the taken-over session. */
    private @Nullable MonoSink<TransportConnection> attachSink;
    private long attachedFrom;

    Handover(SessionCore s) {
        this.s = s;
        this.writeAhead = new WriteAhead(s);
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

    /**
     * Takes over a live session: resends the unanswered requests unchanged, then carries on.
     *
     * @param confirm whether the sink waits for the connection manager to answer (the first response delivered in
     *     rid order; to get one soon, an empty request follows the resent ones when a slot is free: a connection
     *     manager that holds a request answers it when the next arrives) and fails with the terminal cause when it
     *     refuses the session instead; otherwise the sink is completed at once
     */
    void attach(BoshSessionState state, MonoSink<TransportConnection> sink, boolean confirm) {
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
            Exchange resent = new Exchange(rid, Outgoing.Kind.ELEMENT, body.getBytes(StandardCharsets.UTF_8), List.of());
            resent.resentByAttach = true;
            s.requests.add(resent);
        }
        s.log.debug("BOSH session attached at rid={} ({} unanswered resent)", state.nextRid(),
            state.unanswered().size());
        if (!confirm) {
            sink.success(s.connection);
            return;
        }
        if (s.requests.size() < p.requests()) {
            long rid = s.takeRid();
            s.requests.add(new Exchange(rid, Outgoing.Kind.ELEMENT, s.bodies.request(p, rid, List.of()), List.of()));
        }
        attachSink = sink;
        attachedFrom = state.nextRid();
        sink.onCancel(() -> s.submit(() -> {
            if (attachSink == sink) {
                attachSink = null;
                s.log.debug("BOSH attach cancelled: the session is left to the connection manager's timeout");
                s.termination.closeCleanly();
            }
        }));
    }

    /**
     * Runs on the task loop after the pump made its requests and before they are written: answers a pending
     * confirmed attach, and makes a checkpoint when the state changed and someone listens (or just subscribed).
     */
    void afterPump() {
        MonoSink<TransportConnection> sink = attachSink;
        if (sink != null) {
            if (s.state == SessionCore.State.CLOSED) {
                attachSink = null;
                sink.error(s.terminalCause != null ? s.terminalCause
                    : new TransportClosedException("the taken-over BOSH session ended before it was answered", null));
            } else if (s.nextDeliverRid > attachedFrom) {
                attachSink = null;
                sink.success(s.connection);
            }
        }
        writeAhead.afterPump(this::snapshot);
        if (s.state == SessionCore.State.CLOSED) {
            if (!checkpointsDone) {
                checkpointsDone = true;
                checkpoints.tryEmitComplete();
            }
            return;
        }
        if (s.state != SessionCore.State.OPEN
            || (!checkpointForced && checkpoints.currentSubscriberCount() == 0)
            || (!checkpointForced && s.nextRid == checkpointRid && s.nextDeliverRid == checkpointDeliverRid)) {
            return;
        }
        byte[] state = snapshot();
        if (state == null) {
            return;
        }
        checkpointForced = false;
        checkpointRid = s.nextRid;
        checkpointDeliverRid = s.nextDeliverRid;
        checkpoints.tryEmitNext(state);
    }

    /** @return the encoded state {@link #detach} would export now, or {@code null} when the session is not open */
    private byte @Nullable [] snapshot() {
        SessionParameters p = s.params;
        List<byte[]> bodies = s.state == SessionCore.State.OPEN && p != null ? undelivered() : null;
        if (p == null || bodies == null) {
            return null;
        }
        return BoshStateCodec.encode(p.sid(), s.nextDeliverRid, s.open.to(), s.open.lang().orElse(null),
            p.requests(), p.hold(), p.waitTime(), p.inactivity(), p.polling(), p.secure(), bodies,
            s.bodies.remainingKeys(), p.maxpause(), p.accept());
    }

    /** Registers a write-ahead store: see {@link WriteAhead}. */
    void writeAhead(Function<byte[], ? extends Publisher<Void>> store, MonoSink<Void> sink) {
        writeAhead.register(store, sink);
    }

    /** @return whether {@code ex} waits for a stored write-ahead checkpoint before it is written */
    boolean holdsBack(Exchange ex) {
        return writeAhead.holdsBack(ex);
    }

    /** Any thread. @return the checkpoints; a subscriber gets the current state at once */
    Flux<byte[]> checkpoints() {
        // drained at once into the latest-wins buffer: a lagging subscriber never holds the replay buffer's history
        return checkpoints.asFlux().doOnSubscribe(subscription -> s.submit(() -> checkpointForced = true))
            .onBackpressureLatest();
    }

    /**
     * @return the bytes of every rid from the first undelivered one on, or {@code null} when one is missing (never:
     *     each is either outstanding or answered and waiting for delivery)
     */
    private @Nullable List<byte[]> undelivered() {
        List<byte[]> bodies = new ArrayList<>((int) Math.min(64, s.nextRid - s.nextDeliverRid));
        for (long rid = s.nextDeliverRid; rid < s.nextRid; rid++) {
            Exchange ex = s.requests.get(rid);
            byte[] bytes = ex != null ? ex.body : s.responses.answeredRequest(rid);
            if (bytes == null) {
                return null;
            }
            bodies.add(bytes);
        }
        return bodies;
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
        // sends still queued go out first, in requests the export then carries: failing them would lose what the
        // application had already handed over (a reply its handler was writing); then the answers on their way
        // are awaited (briefly), so that the export carries no more requests than the connection manager holds
        detachWhenDrained = sink;
        drainDeadline = System.nanoTime() + DETACH_DRAIN.toNanos();
        s.pump.pump();
    }

    /** @return whether a detach waits for the queue to drain; the pump then sends nothing of its own */
    boolean detachPending() {
        return detachWhenDrained != null;
    }

    /**
     * The queue drained while a detach waited: exports once no more requests are unanswered (or answered and not
     * delivered) than the connection manager holds and no answer came in the last {@link #DETACH_QUIET}, or
     * when {@link #DETACH_DRAIN} ran out. Prosody 0.12 replays only
     * its last {@code hold + 1} answers: a rid it answered before those, whose answer was still on its way when the
     * old owner let go, would be refused with {@code item-not-found} when the new owner resends it (seen in
     * handoffs of sessions a few seconds old, whose answers come in bursts over parallel connections).
     */
    void drained() {
        MonoSink<BoshSessionState> sink = detachWhenDrained;
        SessionParameters p = s.params;
        if (sink == null || p == null) {
            return;
        }
        long now = System.nanoTime();
        long left = drainDeadline - now;
        long lingering = s.responses.lastResponseRealNanos() + DETACH_QUIET.toNanos() - now;
        if (left > 0 && (lingering > 0 || s.nextRid - s.nextDeliverRid > Math.max(1, p.hold()))) {
            s.timers.wakeInRealTime(Duration.ofNanos(lingering > 0 ? Math.min(lingering, left) : left));
            return;
        }
        detachWhenDrained = null;
        export(sink, p);
    }

    /** The session ended while a detach waited for its queue. */
    void failPendingDetach(@Nullable Throwable cause) {
        MonoSink<BoshSessionState> sink = detachWhenDrained;
        detachWhenDrained = null;
        if (sink != null) {
            sink.error(new TransportClosedException("the BOSH session ended before it could be detached", cause));
        }
    }

    private void export(MonoSink<BoshSessionState> sink, SessionParameters p) {
        // every rid from the first undelivered one on is handed over: responses arrive in any order, so a
        // rid may be answered while an earlier one is not; its answer waits behind the earlier one and its
        // request is resent by the new owner, to which the connection manager replays the same response
        // (XEP-0124 section 14.3). Exporting only the unanswered head would let the new owner reuse the
        // answered rid for new traffic, which the connection manager takes for a resend and drops.
        long first = s.nextDeliverRid;
        List<byte[]> raw = undelivered();
        if (raw == null) {
            sink.error(new IllegalStateException("a BOSH rid from " + first + " on is neither answered nor outstanding"));
            return;
        }
        List<String> bodies = new ArrayList<>(raw.size());
        for (byte[] bytes : raw) {
            bodies.add(new String(bytes, StandardCharsets.UTF_8));
        }
        BoshSessionState exported = new BoshSessionState(p.sid(), first, s.open.to(), s.open.lang().orElse(null),
            p.requests(), p.hold(), p.waitTime(), p.inactivity(), p.polling(), p.secure(), bodies,
            s.bodies.remainingKeys(), p.maxpause(), p.accept());
        s.log.debug("BOSH session detached at rid={}", first);
        // what the exported requests carry is the new owner's to resend, and the connection manager processes
        // each rid once: for the callers here it is sent (failing them would make a caller send it again)
        for (Exchange ex : s.requests.all()) {
            for (Outgoing o : ex.carried) {
                if (!o.completed) {
                    o.completed = true;
                    if (!o.cancelRequested) {
                        o.sink.success();
                    }
                }
            }
        }
        s.termination.closeCleanly();
        sink.success(exported);
    }
}
