package org.reactorxmpp.bosh.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.bosh.BoshCondition;
import org.reactorxmpp.bosh.BoshException;
import org.reactorxmpp.xmpp.stanza.StreamError;
import org.reactorxmpp.xmpp.stanza.StreamErrorException;
import org.reactorxmpp.xmpp.transport.StreamOpen;
import org.reactorxmpp.xmpp.transport.TransportClosedException;
import org.reactorxmpp.xmpp.transport.TransportConnection;
import org.reactorxmpp.xmpp.transport.TransportDetails;
import org.reactorxmpp.xmpp.transport.TransportException;
import org.reactorxmpp.xmpp.transport.TransportOverflowException;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.Disposable;
import reactor.core.Scannable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.publisher.Sinks;

/**
 * One BOSH session: the request scheduler (XEP-0124 sections 7 to 14, XEP-0206).
 *
 * <p>All state is confined to a serialized task loop (a lock-free "actor"): HTTP callbacks, timers and
 * API calls only enqueue tasks, and whichever thread finds the loop idle runs them, then decides which
 * requests to send. Nothing blocks, no lock is held while calling out, and inbound elements are
 * emitted by one thread at a time in rid order.
 */
public final class BoshConnection implements TransportConnection {

    private static final Logger LOG = LoggerFactory.getLogger(BoshConnection.class);
    private static final long MAX_RID = (1L << 53) - 1;
    /**
     * How long after a response the empty request that keeps one held waits: whatever the application sends in
     * reaction to the response (an answer, the next message of a ping-pong, a SASL step) goes in that request
     * instead of in a second one right behind it.
     */
    static final Duration LINGER = Duration.ofMillis(20);

    /**
     * How long {@code close()} waits for the connection manager to answer the terminate: the session is over for
     * the client either way (the connection manager ends it after {@code inactivity} at the latest), so a
     * connection manager that never answers (seen with ejabberd 23.01 for 2 of 1,000 simultaneous closes) must
     * not keep {@code close()} from completing.
     */
    static final Duration CLOSE_GRACE = Duration.ofSeconds(10);

    private enum State { CREATING, OPEN, CLOSING, CLOSED }

    private enum Kind { ELEMENT, RESTART, TERMINATE, PAUSE }

    /** An item waiting to be sent: an element, a restart or the terminate. */
    private static final class Outgoing {
        final Kind kind;
        final byte @Nullable [] bytes;
        final MonoSink<Void> sink;
        boolean cancelled;
        boolean written;
        boolean completed;

        Outgoing(Kind kind, byte @Nullable [] bytes, MonoSink<Void> sink) {
            this.kind = kind;
            this.bytes = bytes;
            this.sink = sink;
        }
    }

    /** A request with a rid: sent, or waiting to be resent. Its bytes never change. */
    private static final class Exchange {
        final long rid;
        final Kind kind;
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

        Exchange(long rid, Kind kind, byte[] body, List<Outgoing> carried) {
            this.rid = rid;
            this.kind = kind;
            this.body = body;
            this.carried = carried;
        }
    }

    private final BoshSettings settings;
    private final BoshHttp http;
    private final StreamOpen open;

    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicInteger wip = new AtomicInteger();

    private final Sinks.Many<XmlElement> inbound;
    /** Where subscribers receive inbound signals: the configured scheduler, or one of the HTTP client's event loops. */
    private final reactor.core.scheduler.Scheduler delivery;
    private final Sinks.Empty<Void> closed = Sinks.empty();
    /**
     * Errors every inbound subscriber at once, ahead of the elements still buffered for it: an overflow reaches a
     * subscriber that stopped requesting when it happens, not when it requests again. Empty otherwise.
     */
    private final Sinks.Empty<Void> overflow = Sinks.empty();

    // ---- state below is confined to the task loop ----
    private State state = State.CREATING;
    private @Nullable MonoSink<TransportConnection> connectSink;
    private @Nullable SessionParameters params;
    private volatile @Nullable String sid;
    private long nextRid;
    private long nextDeliverRid;
    private final ArrayDeque<Outgoing> queue = new ArrayDeque<>();
    private int queuedElements;
    private boolean terminateQueued;
    /** Rids of keep-alive requests made while subscribers lagged: their answers must fit the buffer. */
    private final java.util.Set<Long> strictRids = new java.util.HashSet<>();
    /** XEP-0124 section 10: a pause was sent; no empty request until something is sent or resume() is called. */
    private boolean paused;
    private final TreeMap<Long, Exchange> outstanding = new TreeMap<>();
    private final TreeMap<Long, XmlElement> answered = new TreeMap<>();
    /** The request bytes of the {@link #answered} rids, kept until delivered: a detach hands them over. */
    private final TreeMap<Long, byte[]> answeredRequests = new TreeMap<>();
    private final List<Disposable> timers = new ArrayList<>(2);
    private @Nullable Disposable pollTimer;
    private long pollDue;
    private boolean realWakePending;
    /** When the last response arrived, in real time (the linger). */
    private long lastResponseRealNanos;
    private long lastEmptyRequestNanos;
    private @Nullable Throwable terminalCause;
    private @Nullable Exchange creation;
    /** The request being written: the next rid is written only once these bytes are on the wire. */
    private @Nullable Exchange writing;
    /** What each request slot carries (null: free), and when it was last given a request. */
    private final Exchange[] onSlot;
    private final long[] slotUsed;
    private long slotUses;
    private volatile boolean congestionPause;
    /** When the last response arrived: the connection manager's inactivity clock starts there. */
    private long lastResponseNanos;
    /** Whether request bodies are gzip-compressed: asked for by the builder and listed in the CM's accept. */
    private boolean gzipRequests;
    /** XEP-0124 section 9.1: the connection manager acknowledges requests (its creation response carried ack). */
    private boolean serverAcks;
    /** The highest rid the connection manager acknowledged (with every lower one). */
    private long serverAcked;
    /** XEP-0124 section 15 keys, or {@code null} when the session does not use them. */
    private @Nullable BoshKeys keys;
    private final HoldGuard holdGuard = new HoldGuard();

    private static final Runnable NOOP = () -> { };

    /**
     * @param settings the transport settings
     * @param http the HTTP exchange
     * @param open the stream header values
     */
    public BoshConnection(BoshSettings settings, BoshHttp http, StreamOpen open) {
        this.settings = settings;
        this.http = http.forSession();
        this.open = open;
        this.lastResponseNanos = settings.nanoTime();
        this.onSlot = new Exchange[this.http.slots()];
        this.slotUsed = new long[this.http.slots()];
        // unbounded queue, bounded by policy: a body that was asked for while there was room is accepted
        // whole (it is already in memory, bounded by XmlLimits.maxDocumentSize); no new request goes out
        // while subscribers lag (congestion pause), and a keep-alive answer that does not fit fails the
        // session (see deliver). So the buffer holds at most about inboundCapacity plus the answers to
        // the requests that were already out.
        this.inbound = Sinks.many().multicast().onBackpressureBuffer(Integer.MAX_VALUE, false);
        reactor.core.scheduler.Scheduler configured = settings.deliveryScheduler();
        this.delivery = configured != null ? configured : eventLoopOf(settings.httpClient());
        this.nextRid = ThreadLocalRandom.current().nextLong(1L << 20, 1L << 52);
    }

    // ------------------------------------------------------------------ task loop

    private void submit(Runnable task) {
        tasks.offer(task);
        drain();
    }

    private void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        for (;;) {
            Runnable task;
            while ((task = tasks.poll()) != null) {
                try {
                    task.run();
                } catch (Throwable t) {
                    LOG.error("[{}] internal error in the BOSH session loop", logId(), t);
                    fail(new TransportException("internal error in the BOSH session: " + t, false, t));
                }
            }
            try {
                pump();
                writeNext();
            } catch (Throwable t) {
                LOG.error("[{}] internal error while scheduling BOSH requests", logId(), t);
                fail(new TransportException("internal error in the BOSH session: " + t, false, t));
            }
            missed = wip.addAndGet(-missed);
            if (missed == 0) {
                return;
            }
        }
    }

    private String logId() {
        String s = sid;
        return s != null ? s : "new";
    }

    // ------------------------------------------------------------------ creation

    /**
     * Starts the session: sends the creation request. Called once, by the transport.
     *
     * @param sink completed with this connection once the session exists
     */
    public void start(MonoSink<TransportConnection> sink) {
        sink.onCancel(() -> submit(() -> {
            if (state == State.CREATING) {
                connectSink = null;
                fail(new TransportClosedException("BOSH session creation cancelled", null));
            }
        }));
        submit(() -> {
            connectSink = sink;
            long rid = takeRid();
            XmlElement create = BoshBodies.creation(settings, open, rid);
            if (settings.keySequences()) {
                BoshKeys k = BoshKeys.create(settings.keySequenceLength());
                keys = k;
                create = create.toBuilder().attribute("newkey", k.newkey()).build();
            }
            byte[] body = BoshBodies.encode(create, List.of());
            Exchange ex = new Exchange(rid, Kind.ELEMENT, body, List.of());
            creation = ex;
            outstanding.put(rid, ex);
            fire(ex);
        });
    }

    /**
     * Takes over a live session (attach): resends the unanswered requests unchanged, then carries on.
     *
     * @param s the exported session state
     * @param sink completed with this connection at once
     */
    public void attach(org.reactorxmpp.bosh.BoshSessionState s, MonoSink<TransportConnection> sink) {
        submit(() -> {
            SessionParameters p = new SessionParameters(s.sid(), s.waitTime(), s.requests(), s.hold(), s.inactivity(),
                s.polling(), s.maxpause(), null, null, s.accept(), null, s.secure(), null);
            params = p;
            gzipRequests = settings.httpOptions().compress() && p.accepts("gzip");
            sid = p.sid();
            nextRid = s.nextRid();
            nextDeliverRid = s.nextRid();
            state = State.OPEN;
            if (!s.keys().isEmpty()) {
                // the session uses keys: carry on with them whatever this transport's setting
                try {
                    keys = BoshKeys.resume(s.keys(), settings.keySequenceLength());
                } catch (IllegalArgumentException e) {
                    state = State.CLOSED;
                    sink.error(e);
                    return;
                }
            }
            for (String body : s.unanswered()) {
                long rid = takeRid();
                Exchange ex = new Exchange(rid, Kind.ELEMENT, body.getBytes(java.nio.charset.StandardCharsets.UTF_8), List.of());
                outstanding.put(rid, ex);
                fire(ex);
            }
            LOG.debug("[{}] BOSH session attached at rid={} ({} unanswered resent)", p.sid(), s.nextRid(), s.unanswered().size());
            sink.success(this);
        });
    }

    /**
     * Hands the session over (detach): stops sending, abandons the requests in flight locally and completes
     * {@link #inbound()}; queued elements fail with {@link TransportClosedException}. The bytes of every request
     * whose response was not delivered yet (unanswered, or answered after a still unanswered one) are exported
     * for the new owner to resend, so the exported rids are contiguous up to the last rid used.
     *
     * @return the state to pass to {@code BoshTransport.attach}
     */
    public Mono<org.reactorxmpp.bosh.BoshSessionState> detach() {
        return Mono.create(sink -> submit(() -> {
            SessionParameters p = params;
            if (state != State.OPEN || p == null) {
                sink.error(new TransportClosedException("only an open BOSH session can be detached", terminalCause));
                return;
            }
            // every rid from the first undelivered one on is handed over: responses arrive in any order, so a
            // rid may be answered while an earlier one is not; its answer waits behind the earlier one and its
            // request is resent by the new owner, to which the connection manager replays the same response
            // (XEP-0124 section 14.3). Exporting only the unanswered head would let the new owner reuse the
            // answered rid for new traffic, which the connection manager takes for a resend and drops.
            List<String> bodies = new ArrayList<>();
            long first = nextDeliverRid;
            for (long rid = first; rid < nextRid; rid++) {
                Exchange ex = outstanding.get(rid);
                byte[] bytes = ex != null ? ex.body : answeredRequests.get(rid);
                if (bytes == null) {
                    sink.error(new IllegalStateException("BOSH rid=" + rid + " is neither answered nor outstanding"));
                    return;
                }
                bodies.add(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
            }
            org.reactorxmpp.bosh.BoshSessionState exported = new org.reactorxmpp.bosh.BoshSessionState(p.sid(), first,
                open.to(), open.lang().orElse(null), p.requests(), p.hold(), p.waitTime(), p.inactivity(), p.polling(),
                p.secure(), bodies, keys != null ? keys.remaining() : List.of(), p.maxpause(), p.accept());
            LOG.debug("[{}] BOSH session detached at rid={}", p.sid(), first);
            closeCleanly();
            sink.success(exported);
        }));
    }

    private long takeRid() {
        long rid = nextRid++;
        if (rid > MAX_RID) {
            throw new IllegalStateException("rid space exhausted");
        }
        return rid;
    }

    private void onCreated(Exchange ex, XmlElement body) {
        if (isTerminate(body)) {
            fail(terminateException(body));
            return;
        }
        SessionParameters p;
        try {
            p = SessionParameters.parse(body, settings.waitTime(), settings.hold());
        } catch (IllegalArgumentException e) {
            fail(BoshException.client(BoshCondition.PROTOCOL_VIOLATION,
                "invalid BOSH session creation response: " + e.getMessage(), e));
            return;
        }
        params = p;
        sid = p.sid();
        nextDeliverRid = ex.rid + 1;
        state = State.OPEN;
        gzipRequests = settings.httpOptions().compress() && p.accepts("gzip");
        serverAcks = body.attribute("ack") != null;
        serverAcked = ex.rid;
        LOG.debug("[{}] BOSH session created: requests={}, hold={}, wait={}, inactivity={}, polling={}", p.sid(),
            p.requests(), p.hold(), p.waitTime(), p.inactivity(), p.polling());
        if (!deliver(body, false)) {
            return; // fail() or closeCleanly() has answered the connect sink
        }
        MonoSink<TransportConnection> s = connectSink;
        connectSink = null;
        if (s != null) {
            s.success(this);
        }
    }

    // ------------------------------------------------------------------ API

    /**
     * Inbound elements reach subscribers on {@link #delivery}, never on the thread that happened to run the
     * session loop or to request more (an application thread calling {@code send}, {@code close} or
     * {@code request(n)} would otherwise drain the buffer itself). The hop keeps a small prefetch so that
     * the bounded buffer, not the hop, absorbs a slow subscriber and an overflow still errors.
     */
    @Override
    public Flux<XmlElement> inbound() {
        // taking an element out of a congested buffer may end the polling pause: checked after the element
        // left the buffer, and pump() re-reads the buffer after raising the flag, so no wake-up is missed
        // prefetch 1: the merge must not drain the buffer into a queue of its own (congestion is read from it)
        return Flux.merge(1, inbound.asFlux(), overflow.asMono().then(Mono.<XmlElement>empty()))
            .doOnNext(e -> {
                if (congestionPause && !inboundCongested()) {
                    submit(NOOP);
                }
            })
            .publishOn(delivery, false, deliveryPrefetch(settings.inboundCapacity()));
    }

    static int deliveryPrefetch(int inboundCapacity) {
        return Math.max(1, Math.min(32, inboundCapacity / 16));
    }

    /**
     * One event loop of the HTTP client's loop group, as a scheduler: no thread is created, sessions are
     * spread over the loops round robin.
     */
    private static reactor.core.scheduler.Scheduler eventLoopOf(reactor.netty.http.client.HttpClient client) {
        reactor.netty.http.client.HttpClientConfig config = client.configuration();
        reactor.netty.resources.LoopResources loops = config.loopResources();
        io.netty.channel.EventLoopGroup group = loops.onClient(config.isPreferNative());
        return reactor.core.scheduler.Schedulers.fromExecutor(group.next());
    }

    /**
     * Whether subscribers lag so far behind that no new empty request should be made: the connection
     * manager then keeps new traffic on its side until the buffer drains (backpressure over HTTP),
     * instead of the client overflowing.
     */
    private boolean inboundCongested() {
        Integer buffered = Scannable.from(inbound).scan(Scannable.Attr.BUFFERED);
        return buffered != null && buffered >= Math.max(1, settings.inboundCapacity() / 2);
    }

    @Override
    public Mono<Void> send(XmlElement element) {
        return Mono.create(sink -> {
            byte[] bytes;
            try {
                bytes = BoshBodies.payload(element);
            } catch (RuntimeException e) {
                sink.error(e);
                return;
            }
            enqueue(new Outgoing(Kind.ELEMENT, bytes, sink));
        });
    }

    @Override
    public Mono<Void> restart() {
        return Mono.create(sink -> enqueue(new Outgoing(Kind.RESTART, null, sink)));
    }

    @Override
    public Mono<Void> close(@Nullable XmlElement finalPayload) {
        return Mono.create(sink -> {
            byte[] bytes;
            try {
                bytes = finalPayload == null ? null : BoshBodies.payload(finalPayload);
            } catch (RuntimeException e) {
                sink.error(e);
                return;
            }
            submit(() -> {
                if (state == State.CLOSED) {
                    if (terminalCause == null) {
                        sink.success();
                    } else {
                        sink.error(new TransportClosedException("BOSH session already failed", terminalCause));
                    }
                    return;
                }
                if (terminateQueued) {
                    closed.asMono().subscribe(null, sink::error, sink::success);
                    return;
                }
                terminateQueued = true;
                paused = false;
                queue.add(new Outgoing(Kind.TERMINATE, bytes, sink));
                timers.add(Mono.delay(CLOSE_GRACE, settings.scheduler()).subscribe(t -> submit(() -> {
                    if (state != State.CLOSED) {
                        LOG.debug("[{}] no answer to the terminate within {}: the session ends here", logId(),
                            CLOSE_GRACE);
                        closeCleanly();
                    }
                })));
            });
        });
    }

    private void enqueue(Outgoing item) {
        item.sink.onCancel(() -> submit(() -> {
            if (!item.written && !item.cancelled) {
                item.cancelled = true;
                if (item.kind == Kind.ELEMENT) {
                    queuedElements--;
                }
            }
        }));
        submit(() -> {
            if (state == State.CLOSED || state == State.CLOSING || terminateQueued) {
                item.sink.error(new TransportClosedException("BOSH session is closed", terminalCause));
                return;
            }
            if (item.cancelled) {
                return;
            }
            if (item.kind == Kind.ELEMENT) {
                if (queuedElements >= settings.outboundCapacity()) {
                    item.sink.error(new TransportOverflowException(TransportOverflowException.Direction.OUTBOUND,
                        settings.outboundCapacity()));
                    return;
                }
                queuedElements++;
            }
            if (item.kind != Kind.PAUSE) {
                paused = false; // any traffic ends a pause (XEP-0124 section 10)
            }
            queue.add(item);
        });
    }

    /**
     * Pauses the session (XEP-0124 section 10): sends a request with {@code pause}, after which the connection
     * manager answers the requests it holds and the client makes no request until {@link #resume()} or the
     * next element sent.
     *
     * @param duration how long, in whole seconds (at least one), at most the advertised {@code maxpause}
     * @return completes once the pause request is written
     */
    public Mono<Void> pause(Duration duration) {
        return Mono.create(sink -> submit(() -> {
            SessionParameters p = params;
            if (state != State.OPEN || p == null) {
                sink.error(new TransportClosedException("only an open BOSH session can be paused", terminalCause));
                return;
            }
            Duration max = p.maxpause();
            if (max == null) {
                sink.error(new org.reactorxmpp.bosh.BoshPauseUnsupportedException(
                    "the BOSH connection manager did not advertise maxpause: sessions cannot be paused (XEP-0124 section 10)"));
                return;
            }
            long seconds = duration.toSeconds();
            if (seconds < 1 || seconds > max.toSeconds()) {
                sink.error(new IllegalArgumentException("pause of " + duration + " is not between 1 s and the"
                    + " connection manager's maxpause of " + max.toSeconds() + " s"));
                return;
            }
            queue.add(new Outgoing(Kind.PAUSE, Long.toString(seconds).getBytes(java.nio.charset.StandardCharsets.US_ASCII), sink));
        }));
    }

    /** @return completes once the session has resumed normal traffic after {@link #pause(Duration)} */
    public Mono<Void> resume() {
        return Mono.create(sink -> submit(() -> {
            if (state != State.OPEN) {
                sink.error(new TransportClosedException("BOSH session is not open", terminalCause));
                return;
            }
            paused = false;
            sink.success();
        }));
    }

    /** @return the longest pause the connection manager allows, or empty when it does not support pausing */
    public Optional<Duration> maxPause() {
        SessionParameters p = params;
        return Optional.ofNullable(p == null ? null : p.maxpause());
    }

    @Override
    public Mono<Void> onClose() {
        return closed.asMono();
    }

    /**
     * Secure only when the hop from us to the connection manager is HTTPS. The {@code secure}
     * attribute of the session creation response (XEP-0124 section 7.1) describes the hop from the
     * connection manager to the XMPP server, and Prosody 0.12 sends {@code secure='true'} over plain
     * HTTP too, so it must not make a password-in-clear mechanism acceptable.
     */
    @Override
    public boolean isSecure() {
        return settings.tls();
    }

    @Override
    public Optional<String> sessionId() {
        return Optional.ofNullable(sid);
    }

    @Override
    public TransportDetails details() {
        return TransportDetails.of(TransportDetails.Kind.BOSH, settings.url(), sid, isSecure());
    }

    // ------------------------------------------------------------------ scheduling

    private void pump() {
        SessionParameters p = params;
        if (state != State.OPEN || p == null) {
            return;
        }
        while (state == State.OPEN) {
            Outgoing head = peekLive();
            // XEP-0124 section 11 lets a client make one request over the limit to terminate, but a
            // connection manager sees the requests of separate connections in any order: with three
            // unanswered rids, the third can arrive first and look like a jump of 3, which Prosody
            // answers with item-not-found. Within the limit, every answer to rid r proves that all rids
            // up to r arrived, so a new rid is never more than 'requests' ahead. The terminate waits for
            // a slot instead (a data request makes the CM answer the held one at once).
            if (outstanding.size() >= p.requests()) {
                return;
            }
            if (head != null) {
                sendNext(head);
                continue;
            }
            boolean congested = outstanding.isEmpty() && inboundCongested() && !keepAliveDue(p);
            congestionPause = congested;
            if (congested && !inboundCongested()) {
                congestionPause = false; // drained meanwhile, by a subscriber that saw the flag still down
                congested = false;
            }
            if (outstanding.isEmpty() && !terminateQueued && !congested && !paused) {
                if (p.pollingMode()) {
                    // a little over the minimum, so that network jitter never makes two polls look too close
                    Duration base = p.polling() != null ? p.polling() : Duration.ofSeconds(1);
                    Duration interval = base.plus(base.dividedBy(20)).plusMillis(50);
                    long due = lastEmptyRequestNanos + interval.toNanos() - settings.nanoTime();
                    if (lastEmptyRequestNanos != 0 && due > 0) {
                        schedulePoll(Duration.ofNanos(due));
                        return;
                    }
                }
                long throttled = holdGuard.remaining(settings.nanoTime());
                if (throttled > 0) {
                    schedulePoll(Duration.ofNanos(throttled));
                    return;
                }
                long lingering = lastResponseRealNanos + LINGER.toNanos() - System.nanoTime();
                if (!p.pollingMode() && lingering > 0) {
                    wakeInRealTime(Duration.ofNanos(lingering));
                    return;
                }
                lastEmptyRequestNanos = settings.nanoTime();
                long rid = takeRid();
                if (inboundCongested()) {
                    strictRids.add(rid); // a keep-alive made although subscribers lag: its answer must fit
                }
                Exchange ex = new Exchange(rid, Kind.ELEMENT,
                    BoshBodies.encode(request(p, rid).build(), List.of()), List.of());
                outstanding.put(rid, ex);
                fire(ex);
            }
            return;
        }
    }

    /**
     * A request body start with the response acknowledgement when one is due (XEP-0124 section 9.3) and
     * the next key. Call once per new rid, in rid order.
     */
    private org.reactorxmpp.xmpp.xml.XmlElement.Builder request(SessionParameters p, long rid) {
        return withKey(BoshBodies.request(p.sid(), rid).attribute("ack", ackValue()));
    }

    /** Adds the next key (and a new sequence's first key when this one runs out), XEP-0124 section 15. */
    private org.reactorxmpp.xmpp.xml.XmlElement.Builder withKey(org.reactorxmpp.xmpp.xml.XmlElement.Builder body) {
        BoshKeys k = keys;
        if (k == null) {
            return body;
        }
        BoshKeys.Attributes a = k.next();
        return body.attribute("key", a.key()).attribute("newkey", a.newkey());
    }

    /**
     * @return the highest rid whose response and all earlier ones were received, when acknowledgements
     *     are on and some earlier response is still missing; otherwise {@code null} (no attribute)
     */
    private @Nullable Long ackValue() {
        if (!settings.acks() || outstanding.isEmpty()) {
            return null;
        }
        return nextDeliverRid - 1;
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
        if (inactivity == null || inactivity.isZero() || paused || terminateQueued) {
            return false;
        }
        long due = lastResponseNanos + keepAliveAfter(inactivity).toNanos() - settings.nanoTime();
        if (due <= 0) {
            LOG.debug("[{}] inbound subscribers still lag, but the inactivity window of {} is running out: keeping the"
                + " session alive", logId(), inactivity);
            return true;
        }
        schedulePoll(Duration.ofNanos(due));
        return false;
    }

    static Duration keepAliveAfter(Duration inactivity) {
        return inactivity.multipliedBy(3).dividedBy(4);
    }

    /**
     * A wake-up of the loop in real time, for what depends on real time whatever the session's clock: the order
     * guard and the linger (how the wire and the application behave), unlike the protocol's timers.
     */
    private void wakeInRealTime(Duration delay) {
        if (!realWakePending) {
            realWakePending = true;
            Mono.delay(delay).subscribe(t -> submit(() -> realWakePending = false));
        }
    }

    private void schedulePoll(Duration delay) {
        long due = settings.nanoTime() + delay.toNanos();
        Disposable current = pollTimer;
        if (current != null && due < pollDue) {
            current.dispose(); // an earlier wake-up is needed
            pollTimer = null;
        }
        if (pollTimer == null) {
            pollDue = due;
            Disposable[] self = new Disposable[1];
            self[0] = Mono.delay(delay, settings.scheduler()).subscribe(t -> submit(() -> {
                if (pollTimer == self[0]) {
                    pollTimer = null;
                }
            }));
            pollTimer = self[0];
        }
    }

    private @Nullable Outgoing peekLive() {
        Outgoing head;
        while ((head = queue.peek()) != null && head.cancelled) {
            queue.poll();
        }
        return head;
    }

    private void sendNext(Outgoing head) {
        SessionParameters p = params;
        assert p != null;
        long rid = takeRid();
        Exchange ex;
        if (head.kind == Kind.RESTART) {
            queue.poll();
            head.written = true;
            ex = new Exchange(rid, Kind.RESTART,
                BoshBodies.encode(withKey(BoshBodies.restart(p.sid(), rid, open).toBuilder()
                    .attribute("ack", ackValue())).build(), List.of()), List.of(head));
        } else if (head.kind == Kind.PAUSE) {
            queue.poll();
            head.written = true;
            byte[] seconds = head.bytes;
            assert seconds != null;
            ex = new Exchange(rid, Kind.ELEMENT, BoshBodies.encode(request(p, rid)
                .attribute("pause", new String(seconds, java.nio.charset.StandardCharsets.US_ASCII)).build(), List.of()),
                List.of(head));
            paused = true;
        } else if (head.kind == Kind.TERMINATE) {
            queue.poll();
            head.written = true;
            byte[] payload = head.bytes;
            ex = new Exchange(rid, Kind.TERMINATE,
                BoshBodies.encode(request(p, rid).attribute("type", "terminate").build(),
                    payload == null ? List.of() : List.of(payload)), List.of(head));
            state = State.CLOSING;
        } else {
            List<Outgoing> carried = new ArrayList<>();
            List<byte[]> payloads = new ArrayList<>();
            long size = 0;
            Outgoing next = head;
            while (next != null && next.kind == Kind.ELEMENT) {
                byte[] bytes = next.bytes;
                assert bytes != null;
                if (!carried.isEmpty() && size + bytes.length > settings.maxBodySize()) {
                    break;
                }
                queue.poll();
                next.written = true;
                queuedElements--;
                carried.add(next);
                payloads.add(bytes);
                size += bytes.length;
                next = peekLive();
            }
            ex = new Exchange(rid, Kind.ELEMENT,
                BoshBodies.encode(request(p, rid).build(), payloads), carried);
        }
        outstanding.put(rid, ex);
        fire(ex);
    }

    /** Queues a request (or its resend) for writing: {@link #writeNext()} puts it on the wire in its turn. */
    private void fire(Exchange ex) {
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
    private void writeNext() {
        if (writing != null || state == State.CLOSED) {
            return;
        }
        for (Exchange ex : outstanding.values()) {
            if (ex.backoff) {
                return;
            }
            if (ex.queued) {
                if (!earlierSettled(ex)) {
                    return;
                }
                if (takeSlot(ex)) {
                    transmit(ex);
                }
                return;
            }
        }
    }

    /**
     * Whether every earlier unanswered empty request (a keep-alive, a restart, a pause: what ejabberd 23.01
     * holds without looking at a later rid it already parked) was written at least the order guard ({@code BoshTransport.Builder#requestOrderGuard}, default 100 ms) ago; if not, a wake-up
     * is scheduled. Written in order on two connections, two requests can still be read in the other order by a
     * connection manager whose readers run on several threads (ejabberd's HTTP processes on two Erlang
     * schedulers); a request written a moment after the one before it is the only case, so the later one waits
     * that moment.
     */
    private boolean earlierSettled(Exchange ex) {
        long now = System.nanoTime();
        for (Exchange earlier : outstanding.headMap(ex.rid, false).values()) {
            // behind a request with payload a fifth of the guard: reordered there, ejabberd also parks the later
            // rid (and crashes on its resend), but it is rarer (a slot frees when an answer came, usually because
            // the earlier request arrived); the full guard there paced concatMap sends to one per 100 ms
            long guard = earlier.kind == Kind.ELEMENT && !earlier.carried.isEmpty()
                ? settings.orderGuard().toNanos() / 5 : settings.orderGuard().toNanos();
            long due = earlier.writtenRealNanos + guard - now;
            if (earlier.written && due > 0) {
                wakeInRealTime(Duration.ofNanos(due));
                return false;
            }
        }
        return true;
    }

    /**
     * Gives a request a free slot, the one used last (its connection is the warmest: the connection manager is
     * already reading from it); a slot never used, or whose connection was dropped, only when no other is free.
     * A slot whose response just arrived may still be releasing its connection: the write then waits for it.
     *
     * @return false when every slot is busy (the request waits)
     */
    private boolean takeSlot(Exchange ex) {
        if (onSlot.length == 0) {
            return true;
        }
        int best = -1;
        for (int i = 0; i < onSlot.length; i++) {
            if (onSlot[i] == null && (best < 0 || slotUsed[i] > slotUsed[best])) {
                best = i;
            }
        }
        if (best < 0) {
            return false;
        }
        onSlot[best] = ex;
        slotUsed[best] = ++slotUses;
        ex.slot = best;
        return true;
    }

    /** The request no longer occupies its slot (answered, failed or abandoned). */
    private void freeSlot(Exchange ex, boolean connectionLost) {
        int slot = ex.slot;
        if (slot >= 0 && onSlot[slot] == ex) {
            onSlot[slot] = null;
            if (connectionLost) {
                slotUsed[slot] = 0; // a new connection next time: the coldest
            }
        }
        ex.slot = -1;
    }

    private void transmit(Exchange ex) {
        ex.queued = false;
        writing = ex;
        int attempt = ex.attempt;
        WireLog.sent(logId(), ex.rid, ex.attempt, ex.body);
        Duration timeout = (params != null ? params.waitTime() : settings.waitTime()).plus(settings.timeoutMargin());
        byte[] wire = ex.body;
        boolean gzip = gzipRequests && ex != creation;
        if (gzip) {
            byte[] z = ex.gzipped;
            if (z == null) {
                z = BoshHttp.gzip(ex.body);
                ex.gzipped = z;
            }
            wire = z;
        }
        ex.inFlight = http.post(ex.slot, wire, gzip, timeout, () -> submit(() -> {
            if (ex.attempt != attempt) {
                return;
            }
            if (writing == ex) {
                writing = null;
            }
            ex.written = true;
            ex.writtenNanos = settings.nanoTime();
            ex.writtenRealNanos = System.nanoTime();
            completeCarried(ex);
            watchStall(ex, attempt);
        })).subscribe(
            body -> submit(() -> onResponse(ex, body)),
            error -> submit(() -> onFailure(ex, error)));
    }

    // ------------------------------------------------------------------ responses

    private void onResponse(Exchange ex, XmlElement body) {
        if (state == State.CLOSED || outstanding.get(ex.rid) != ex) {
            return;
        }
        ex.inFlight = null;
        if (writing == ex) {
            writing = null;
        }
        freeSlot(ex, false);
        WireLog.received(logId(), ex.rid, body);
        String answeredSid = body.attribute("sid");
        SessionParameters current = params;
        if (ex != creation && answeredSid != null && current != null && !answeredSid.equals(current.sid())) {
            // another session's answer: nothing of it is delivered (XEP-0124 section 7: the sid identifies the session)
            violation(BoshException.client(BoshCondition.SID_MISMATCH, "BOSH response to rid=" + ex.rid
                + " carries sid='" + answeredSid + "', not this session's '" + current.sid() + "'", null));
            return;
        }
        if ("error".equals(BoshBodies.type(body)) && ex != creation) {
            recover(ex);
            return;
        }
        outstanding.remove(ex.rid);
        lastResponseNanos = settings.nanoTime();
        lastResponseRealNanos = System.nanoTime();
        String report = body.attribute("report");
        if (report != null) {
            resendReported(report, body.attribute("time"));
        }
        if (ex != creation) {
            resendUnacknowledged(ex.rid, body.attribute("ack"));
            if (serverAcks && state == State.OPEN) {
                watchAcknowledgement(ex.rid, body.attribute("ack"));
            }
        }
        completeCarried(ex);
        for (Outgoing o : ex.carried) {
            if (!o.completed) {
                o.completed = true;
                o.sink.success();
            }
        }
        if (ex == creation) {
            creation = null;
            onCreated(ex, body);
            return;
        }
        if (!guardHold(ex, body)) {
            return;
        }
        answered.put(ex.rid, body);
        answeredRequests.put(ex.rid, ex.body);
        if (ex.kind == Kind.TERMINATE) {
            // the session is over: deliver what arrived, in rid order, and stop
            for (Map.Entry<Long, XmlElement> b : answered.entrySet()) {
                if (!deliver(b.getValue(), strictRids.remove(b.getKey()))) {
                    return;
                }
            }
            answered.clear();
            answeredRequests.clear();
            closeCleanly();
            return;
        }
        Map.Entry<Long, XmlElement> next;
        while (state != State.CLOSED && (next = answered.firstEntry()) != null && next.getKey() == nextDeliverRid) {
            answered.pollFirstEntry();
            answeredRequests.remove(next.getKey());
            nextDeliverRid++;
            if (!deliver(next.getValue(), strictRids.remove(next.getKey()))) {
                return;
            }
        }
    }

    /**
     * Feeds the busy-loop guard: an empty answer to a lone empty request (no later rid that could have released
     * it) that came back far sooner than {@code wait}.
     *
     * @return whether the session goes on
     */
    private boolean guardHold(Exchange ex, XmlElement body) {
        SessionParameters p = params;
        if (p == null || state != State.OPEN) {
            return true;
        }
        if (!ex.carried.isEmpty() || ex.kind != Kind.ELEMENT || body.elements().findAny().isPresent()) {
            holdGuard.reset();
            return true;
        }
        if (ex.rid + 1 < nextRid || paused || BoshBodies.type(body) != null) {
            return true; // a later request was made (answered or not), or a pause: it may release this one
        }
        if (holdGuard.answered(ex.writtenNanos, settings.nanoTime(), true, p)) {
            if (holdGuard.early() > 0) {
                LOG.debug("[{}] empty request rid={} answered at once although hold={}: next one in {} ms ({} in a row)",
                    logId(), ex.rid, p.hold(), holdGuard.remaining(settings.nanoTime()) / 1_000_000, holdGuard.early());
            }
            return true;
        }
        violation(BoshException.client(BoshCondition.NOT_HOLDING, "the BOSH connection manager answered "
            + (HoldGuard.MAX_EARLY + 1) + " empty requests in a row at once, empty, although it announced hold="
            + p.hold() + " (it should keep them up to wait=" + p.waitTime().toSeconds() + " s)", null));
        return false;
    }

    /**
     * The connection manager broke the protocol: the session fails with {@code error}, and the connection
     * manager is told the session is over (a terminate request, best effort, whose answer nobody waits for), so
     * that it does not keep the session and its resources until the inactivity timeout.
     */
    private void violation(Throwable error) {
        SessionParameters p = params;
        if (p != null && state != State.CLOSED) {
            long rid = takeRid();
            byte[] terminate = BoshBodies.encode(withKey(BoshBodies.request(p.sid(), rid).attribute("type", "terminate"))
                .build(), List.of());
            WireLog.sent(logId(), rid, 0, terminate);
            BoshHttp exchange = http;
            exchange.post(-1, terminate, false, settings.timeoutMargin(), NOOP)
                .subscribe(null, e -> LOG.debug("[{}] terminate after a protocol violation not delivered: {}", logId(),
                    e.toString()));
        }
        fail(error);
    }

    /** The elements of a request are sent once its bytes are on the wire (or it is answered). */
    private void completeCarried(Exchange ex) {
        if (ex.kind == Kind.TERMINATE) {
            return; // the terminate completes when answered: the session is then over
        }
        for (Outgoing o : ex.carried) {
            if (!o.completed) {
                o.completed = true;
                o.sink.success();
            }
        }
    }

    /**
     * Emits a response body's children and acts on its type.
     *
     * @return whether the session is still open
     */
    private boolean deliver(XmlElement body, boolean mustFit) {
        if (state == State.CLOSING && isTerminate(body) && "other-request".equals(body.attribute("condition"))) {
            // our terminate reached the connection manager first: it ended the session and answered the request
            // it held with other-request (ejabberd does). That is the close we asked for, not a failure.
            LOG.debug("[{}] held request answered other-request while our terminate is in flight: closed", logId());
            closeCleanly();
            return false;
        }
        if (isTerminate(body) && body.attribute("condition") != null) {
            fail(terminateException(body));
            return false;
        }
        if ("error".equals(BoshBodies.type(body))) {
            violation(BoshException.client(BoshCondition.PROTOCOL_VIOLATION,
                "BOSH session creation answered with a recoverable error", null));
            return false;
        }
        if (mustFit) {
            Integer buffered = Scannable.from(inbound).scan(Scannable.Attr.BUFFERED);
            long incoming = body.elements().count();
            if (buffered != null && buffered + incoming > settings.inboundCapacity()) {
                fail(new TransportOverflowException(TransportOverflowException.Direction.INBOUND,
                    settings.inboundCapacity()));
                return false;
            }
        }
        for (XmlNode child : body.children()) {
            if (!(child instanceof XmlElement)) {
                continue;
            }
            XmlElement element = (XmlElement) child;
            if (element.is(StreamError.STREAMS_NAMESPACE, "error")) {
                fail(new StreamErrorException(StreamError.from(element)));
                return false;
            }
            Sinks.EmitResult r = inbound.tryEmitNext(element);
            if (r.isFailure()) {
                // with nobody subscribed yet, a full buffer reports FAIL_ZERO_SUBSCRIBER: the same overflow
                if (r == Sinks.EmitResult.FAIL_OVERFLOW || r == Sinks.EmitResult.FAIL_ZERO_SUBSCRIBER) {
                    fail(new TransportOverflowException(TransportOverflowException.Direction.INBOUND,
                        settings.inboundCapacity()));
                } else {
                    fail(new TransportException("inbound element could not be delivered: " + r, false));
                }
                return false;
            }
        }
        if (isTerminate(body)) {
            LOG.debug("[{}] BOSH session terminated by the connection manager without a condition", logId());
            closeCleanly();
            return false;
        }
        return true;
    }

    private static boolean isTerminate(XmlElement body) {
        return "terminate".equals(BoshBodies.type(body));
    }

    private BoshException terminateException(XmlElement body) {
        String condition = body.attribute("condition");
        if (condition == null) {
            condition = "undefined-condition";
        }
        URI uri = null;
        String uriText = body.childText(org.reactorxmpp.xmpp.xml.XmlName.of(BoshBodies.HTTPBIND_NS, "uri"));
        if (uriText != null) {
            try {
                uri = new URI(uriText.trim());
            } catch (URISyntaxException e) {
                LOG.debug("see-other-uri with an invalid URI: {}", uriText);
            }
        }
        XmlElement streamError = body.element(StreamError.STREAMS_NAMESPACE, "error");
        return BoshException.terminated(condition, uri, streamError, settings.seeOtherUriSameSite());
    }

    /**
     * A recoverable binding condition (XEP-0124 section 17.3): resend this request and every earlier
     * unanswered one, unchanged.
     */
    private void recover(Exchange ex) {
        if (ex.attempt >= settings.maxRetries()) {
            fail(BoshException.client(BoshCondition.CONNECTION_LOST, "BOSH request rid=" + ex.rid
                + " answered with a recoverable error " + (ex.attempt + 1) + " times", null));
            return;
        }
        LOG.debug("[{}] recoverable BOSH error on rid={}: resending it and the earlier unanswered requests", logId(), ex.rid);
        for (Exchange earlier : new ArrayList<>(outstanding.headMap(ex.rid, true).values())) {
            abandon(earlier);
            earlier.attempt++;
            fire(earlier);
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
            LOG.debug("[{}] ignoring malformed report='{}'", logId(), report);
            return;
        }
        Exchange lost = outstanding.get(rid);
        if (lost != null) {
            LOG.debug("[{}] connection manager reports the response to rid={} lost (sent {} ms ago): resending", logId(),
                rid, time);
            resendNow(lost, "its response was reported lost");
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
            LOG.debug("[{}] ignoring malformed ack='{}'", logId(), ack);
            return;
        }
        if (acked >= answeredRid) {
            return;
        }
        serverAcked = Math.max(serverAcked, acked);
        for (Exchange missing : new ArrayList<>(outstanding.subMap(acked, false, answeredRid, false).values())) {
            LOG.debug("[{}] response to rid={} acknowledges only rid={}: resending rid={}", logId(), answeredRid, acked,
                missing.rid);
            resendNow(missing, "the connection manager did not acknowledge it");
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
        for (Exchange later : outstanding.tailMap(serverAcked, false).values()) {
            if (later.written && !later.ackCheckPending && later.kind != Kind.TERMINATE) {
                later.ackCheckPending = true;
                int attempt = later.attempt;
                LOG.debug("[{}] response to rid={} acknowledges rid={} only: rid={} may be lost", logId(), answeredRid,
                    serverAcked, later.rid);
                Disposable[] holder = new Disposable[1];
                holder[0] = Mono.delay(settings.timeoutMargin(), settings.scheduler()).subscribe(t -> submit(() -> {
                    timers.remove(holder[0]);
                    later.ackCheckPending = false;
                    if (state == State.OPEN && outstanding.get(later.rid) == later && later.attempt == attempt
                        && serverAcked < later.rid) {
                        resendNow(later, "the connection manager did not acknowledge it");
                    }
                }));
                timers.add(holder[0]);
            }
        }
    }

    private void resendNow(Exchange ex, String why) {
        if (ex.attempt >= settings.maxRetries()) {
            fail(BoshException.client(BoshCondition.CONNECTION_LOST, "BOSH request rid=" + ex.rid + " resent "
                + ex.attempt + " times and " + why, null));
            return;
        }
        abandon(ex);
        ex.attempt++;
        fire(ex);
    }

    /** Gives up the HTTP exchange of a request locally (its resend follows). */
    private void abandon(Exchange ex) {
        Disposable d = ex.inFlight;
        ex.inFlight = null;
        if (d != null) {
            d.dispose();
        }
        if (writing == ex) {
            writing = null;
        }
        freeSlot(ex, d != null);
    }

    /**
     * XEP-0124 section 11: a connection manager that holds {@code hold} requests answers the oldest as soon as a
     * newer one arrives. So once a request beyond {@code hold} is written, an answer to the oldest is due at once;
     * when neither comes within the stall timeout, the newer request did not reach the connection manager (or not
     * in order) and is resent with its rid and bytes, instead of after its HTTP timeout of {@code wait} plus the
     * margin.
     */
    private void watchStall(Exchange ex, int attempt) {
        SessionParameters p = params;
        if (p == null || p.hold() < 1 || state == State.CLOSED || outstanding.headMap(ex.rid, false).size() < p.hold()) {
            return;
        }
        Disposable[] holder = new Disposable[1];
        holder[0] = Mono.delay(settings.stallTimeout(), settings.scheduler()).subscribe(t -> submit(() -> {
            timers.remove(holder[0]);
            if (state != State.CLOSED && outstanding.get(ex.rid) == ex && ex.attempt == attempt
                && outstanding.headMap(ex.rid, false).size() >= p.hold()) {
                LOG.debug("[{}] rid={} unanswered and the held rid={} not released after {}: resending rid={}", logId(),
                    ex.rid, outstanding.firstKey(), settings.stallTimeout(), ex.rid);
                resendNow(ex, "the connection manager did not release the held request");
            }
        }));
        timers.add(holder[0]);
    }

    private void onFailure(Exchange ex, Throwable error) {
        if (state == State.CLOSED || outstanding.get(ex.rid) != ex) {
            return;
        }
        ex.inFlight = null;
        if (writing == ex) {
            writing = null;
        }
        freeSlot(ex, true);
        if (error instanceof org.reactorxmpp.xmpp.xml.XmlException
            || error instanceof BoshException b && b.condition() == BoshCondition.PROTOCOL_VIOLATION) {
            violation(error); // an oversized or malformed response
            return;
        }
        if (error instanceof org.reactorxmpp.xmpp.XmppException) {
            fail(error);
            return;
        }
        SessionParameters p = params;
        long now = settings.nanoTime();
        if (ex.attempt == 0) {
            ex.firstFailureNanos = now;
        }
        boolean outOfWindow = p != null && p.inactivity() != null
            && now - ex.firstFailureNanos > p.inactivity().toNanos();
        // session creation has its own, small budget: an unreachable connection manager fails connect() quickly
        // and an unknown host is not retried (the resolver already retried; a new query gives the same answer)
        int budget = ex != creation ? settings.maxRetries() : unknownHost(error) ? 0 : settings.connectRetries();
        if (ex.attempt >= budget || outOfWindow) {
            fail(BoshException.client(BoshCondition.CONNECTION_LOST, "BOSH request rid=" + ex.rid + " failed after "
                + (ex.attempt + 1) + " attempts" + (outOfWindow ? " (inactivity window exceeded)" : "") + ": " + error, error));
            return;
        }
        ex.attempt++;
        ex.backoff = true;
        Duration delay = backoff(ex.attempt);
        LOG.debug("[{}] BOSH request rid={} failed ({}), resending in {}", logId(), ex.rid, error.toString(), delay);
        Disposable[] holder = new Disposable[1];
        holder[0] = Mono.delay(delay, settings.scheduler()).subscribe(t -> submit(() -> {
            timers.remove(holder[0]);
            if (state != State.CLOSED && outstanding.get(ex.rid) == ex) {
                fire(ex);
            }
        }));
        timers.add(holder[0]);
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
        long base = settings.retryBackoff().toMillis();
        long max = settings.maxRetryBackoff().toMillis();
        long d = Math.min(max, base << Math.min(attempt - 1, 20));
        double jitter = 0.75 + ThreadLocalRandom.current().nextDouble() * 0.5;
        return Duration.ofMillis(Math.max(1, (long) (d * jitter)));
    }

    // ------------------------------------------------------------------ termination

    private void closeCleanly() {
        if (state == State.CLOSED) {
            return;
        }
        LOG.debug("[{}] BOSH session closed", logId());
        MonoSink<TransportConnection> s = connectSink;
        connectSink = null;
        if (s != null) {
            s.error(new TransportClosedException("BOSH session closed by the connection manager while it was created", null));
        }
        shutdown(new TransportClosedException("BOSH session closed before the element was answered", null), true);
        inbound.tryEmitComplete();
        overflow.tryEmitEmpty();
        closed.tryEmitEmpty();
    }

    private void fail(Throwable cause) {
        if (state == State.CLOSED) {
            return;
        }
        LOG.debug("[{}] BOSH session failed: {}", logId(), cause.toString());
        terminalCause = cause;
        MonoSink<TransportConnection> s = connectSink;
        connectSink = null;
        shutdown(cause, false);
        if (s != null) {
            s.error(cause);
        }
        if (cause instanceof TransportOverflowException) {
            overflow.tryEmitError(cause);
        } else {
            overflow.tryEmitEmpty();
        }
        inbound.tryEmitError(cause);
        closed.tryEmitError(cause);
    }

    /** Stops all activity and fails every pending operation with {@code cause}. */
    private void shutdown(Throwable cause, boolean clean) {
        state = State.CLOSED;
        writing = null;
        java.util.Arrays.fill(onSlot, null);
        http.release();
        for (Exchange ex : outstanding.values()) {
            Disposable d = ex.inFlight;
            if (d != null) {
                d.dispose();
            }
            for (Outgoing o : ex.carried) {
                if (!o.completed) {
                    o.completed = true;
                    if (clean && ex.kind == Kind.TERMINATE) {
                        o.sink.success();
                    } else {
                        o.sink.error(cause);
                    }
                }
            }
        }
        outstanding.clear();
        answered.clear();
        answeredRequests.clear();
        for (Iterator<Outgoing> it = queue.iterator(); it.hasNext();) {
            Outgoing o = it.next();
            it.remove();
            if (o.cancelled) {
                continue;
            }
            if (clean && o.kind == Kind.TERMINATE) {
                o.sink.success();
            } else {
                o.sink.error(clean ? new TransportClosedException("BOSH session closed before the element was sent", null)
                    : new TransportClosedException("BOSH session failed before the element was sent", cause));
            }
        }
        queuedElements = 0;
        timers.forEach(Disposable::dispose);
        timers.clear();
        Disposable poll = pollTimer;
        if (poll != null) {
            poll.dispose();
            pollTimer = null;
        }
    }
}
