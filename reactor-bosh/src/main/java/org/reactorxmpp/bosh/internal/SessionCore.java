package org.reactorxmpp.bosh.internal;

import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.session.SessionLog;
import org.reactorxmpp.xmpp.transport.StreamOpen;
import org.reactorxmpp.xmpp.transport.TransportConnection;
import org.reactorxmpp.xmpp.transport.TransportException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.MonoSink;

/**
 * The state one BOSH session shares between its parts, and the parts themselves. Everything mutable here is
 * confined to the {@link #loop task loop} (only {@link #sid} is read from other threads).
 *
 * <p>The parts: {@link OutboundQueue} (what the application sent), {@link RequestPump} (when a new request goes
 * out and what it carries), {@link RequestBodies} (body attributes: ack and key sequence), {@link RequestWindow}
 * (the unanswered rids, their slots and the in-order writing), {@link Responses} (answers in rid order, the
 * busy-loop guard), {@link Recovery} (resends and retries), {@link Inbound} (delivery to subscribers),
 * {@link Termination} (close, failure and the close grace) and {@link Handover} (pause, detach and attach).
 */
final class SessionCore {

    static final Logger LOG = LoggerFactory.getLogger(BoshConnection.class);
    private static final long MAX_RID = (1L << 53) - 1;

    enum State { CREATING, OPEN, CLOSING, CLOSED }

    final BoshSettings settings;
    final BoshHttp http;
    /** Every line starts with the account (the stream's {@code from}) and the sid. */
    final SessionLog log;
    final StreamOpen open;
    /** The connection the application holds: what {@code connect()} emits. */
    final TransportConnection connection;

    final TaskLoop loop;
    final Timers timers;
    final OutboundQueue queue;
    final RequestBodies bodies;
    final RequestWindow requests;
    final Responses responses;
    final Recovery recovery;
    final Inbound inbound;
    final RequestPump pump;
    final Termination termination;
    final Handover handover;

    // ---- confined to the task loop ----
    State state = State.CREATING;
    @Nullable MonoSink<TransportConnection> connectSink;
    @Nullable SessionParameters params;
    volatile @Nullable String sid;
    long nextRid;
    /** The rid whose answer is delivered next: answers are delivered in rid order. */
    long nextDeliverRid;
    /** XEP-0124 section 10: a pause was sent; no empty request until something is sent or resume() is called. */
    boolean paused;
    boolean terminateQueued;
    @Nullable Throwable terminalCause;
    /** The session creation request while unanswered. */
    @Nullable Exchange creation;
    /** Whether request bodies are gzip-compressed: asked for by the builder and listed in the CM's accept. */
    boolean gzipRequests;

    SessionCore(TransportConnection connection, BoshSettings settings, BoshHttp http, StreamOpen open) {
        this.connection = connection;
        this.settings = settings;
        this.http = http.forSession();
        this.open = open;
        this.log = SessionLog.of(LOG, open.from().orElse(null), () -> sid);
        this.loop = new TaskLoop(this::schedule, this::internalError);
        this.timers = new Timers(settings, loop);
        this.queue = new OutboundQueue(this);
        this.bodies = new RequestBodies(this);
        this.requests = new RequestWindow(this);
        this.responses = new Responses(this);
        this.recovery = new Recovery(this);
        this.inbound = new Inbound(settings, loop);
        this.pump = new RequestPump(this);
        this.termination = new Termination(this);
        this.handover = new Handover(this);
        this.nextRid = ThreadLocalRandom.current().nextLong(1L << 20, 1L << 52);
    }

    void submit(Runnable task) {
        loop.submit(task);
    }

    private void schedule() {
        pump.pump();
        handover.afterPump();
        requests.writeNext();
    }

    private void internalError(String where, Throwable t) {
        log.error("internal error {}", where, t);
        termination.fail(new TransportException("internal error in the BOSH session: " + t, false, t));
    }

    long takeRid() {
        long rid = nextRid++;
        if (rid > MAX_RID) {
            throw new IllegalStateException("rid space exhausted");
        }
        return rid;
    }
}
