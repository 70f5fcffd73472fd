package org.reactorxmpp.xmpp.transport.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.stanza.StreamError;
import org.reactorxmpp.xmpp.stanza.StreamErrorException;
import org.reactorxmpp.xmpp.transport.TransportClosedException;
import org.reactorxmpp.xmpp.transport.TransportConnection;
import org.reactorxmpp.xmpp.transport.TransportException;
import org.reactorxmpp.xmpp.transport.TransportOverflowException;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.publisher.Sinks;

/**
 * An XMPP stream on one Netty channel, as the TCP and WebSocket transports share it: the outbound queue (bounded,
 * in order, cancel-safe, one flush per batch, handed to the channel only while it is writable so that what
 * {@link #sendFirst} writes overtakes a backlog instead of landing behind megabytes in Netty's buffer), the
 * bounded inbound buffer (an overflow fails the connection with
 * a {@link TransportOverflowException}), stream errors, and the close handshake (our closing marker after
 * everything queued before it, then the server's, then the socket; a server that never answers is cut after
 * the close timeout). Subclasses say how elements are framed, how the stream opens and closes, and read the
 * channel, handing over what they parse with {@link #deliver}, {@link #remoteClosed} and {@link #fail}.
 *
 * <p>All state changes run on the channel's event loop; public methods may be called from any thread.
 */
public abstract class StreamConnection implements TransportConnection {

    private static final Logger LOG = LoggerFactory.getLogger(StreamConnection.class);

    /** Where the connection is in its life. */
    protected enum State { OPENING, OPEN, CLOSING, CLOSED }

    /**
     * Something to write: an element (counted against the capacity) or a stream open or close marker. Its own
     * value is its status (queued, taken by the event loop, cancelled): one object per element.
     */
    @SuppressWarnings("serial")
    private static final class Pending extends AtomicInteger {
        private static final int QUEUED = 0;
        private static final int TAKEN = 1;
        private static final int CANCELLED = 2;

        final byte[] bytes;
        /** Counted against the outbound capacity: an element sent by {@link #send}. */
        final boolean counted;
        final @Nullable Runnable before;
        final @Nullable MonoSink<Void> sink;

        Pending(byte[] bytes, boolean counted, @Nullable Runnable before, @Nullable MonoSink<Void> sink) {
            this.bytes = bytes;
            this.counted = counted;
            this.before = before;
            this.sink = sink;
        }

        boolean take() {
            return compareAndSet(QUEUED, TAKEN);
        }

        boolean cancel() {
            return compareAndSet(QUEUED, CANCELLED);
        }

        void success() {
            if (sink != null) {
                sink.success();
            }
        }

        void error(Throwable e) {
            if (sink != null) {
                sink.error(e);
            }
        }
    }

    /**
     * Most bytes of queued elements merged into one buffer by a transport that {@link #mergesWrites()} (the
     * default high water mark of a Netty channel): a longer backlog goes out as several buffers, still in one flush
     * unless the channel stops being writable.
     */
    static final int MERGE_LIMIT = 64 * 1024;

    private final int outboundCapacity;
    private final int inboundCapacity;
    private final Duration closeTimeout;
    private final Sinks.Many<XmlElement> inbound;
    private final Sinks.Empty<Void> closed = Sinks.empty();
    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    /** {@link #sendFirst}: written before {@link #queue}, whether or not the channel is writable. */
    private final Queue<Pending> urgent = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queuedElements = new AtomicInteger();
    private final AtomicInteger wip = new AtomicInteger();

    private volatile @Nullable Channel channel;
    private volatile State state = State.OPENING;
    private volatile @Nullable Throwable terminalCause;
    // ---- confined to the event loop ----
    private @Nullable MonoSink<TransportConnection> connectSink;
    private boolean closingByServer;
    private @Nullable Future<?> closeTimer;
    /** Our closing marker is written: nothing may follow it on the wire (a server ends the stream not-well-formed). */
    private boolean closeMarkerWritten;
    private @Nullable Pending closingMarker;
    /** Elements taken for the merged buffer being filled ({@link #mergesWrites()}), and their bytes. */
    private final ArrayList<Pending> batch = new ArrayList<>();
    private int batchBytes;

    /**
     * @param outboundCapacity most elements accepted and not yet written
     * @param inboundCapacity most elements buffered for slow (or absent) subscribers
     * @param closeTimeout how long {@link #close} waits for the server's closing marker
     * @param connectSink completed with this connection by {@link #opened()}, failed by {@link #fail}
     */
    protected StreamConnection(int outboundCapacity, int inboundCapacity, Duration closeTimeout,
                               MonoSink<TransportConnection> connectSink) {
        this.outboundCapacity = outboundCapacity;
        this.inboundCapacity = inboundCapacity;
        this.closeTimeout = closeTimeout;
        this.connectSink = connectSink;
        this.inbound = Sinks.many().multicast().onBackpressureBuffer(inboundCapacity, false);
    }

    // ------------------------------------------------------------------ what subclasses say

    /** @param element an element to send @return its bytes on this transport (namespaces as the framing needs) */
    protected abstract byte[] encode(XmlElement element);

    /** @return the bytes that open (or restart) the stream */
    protected abstract byte[] openMarker();

    /** @return the bytes that close the stream */
    protected abstract byte[] closeMarker();

    /** @param bytes what to write @return the Netty message carrying them (a buffer, a WebSocket frame) */
    protected abstract Object frame(byte[] bytes);

    /**
     * Whether the elements taken together may share one buffer: {@code true} for a byte stream (TCP), where one
     * write and one flush then carry a whole batch of elements, in order; {@code false} (the default) for a
     * message-framed transport (WebSocket: one {@link #frame} per element).
     *
     * @return whether queued elements are merged into one buffer per batch
     */
    protected boolean mergesWrites() {
        return false;
    }

    /** Runs on the event loop right before a (re)start marker is written: a parser may reset here. */
    protected void beforeOpen() {
    }

    /** Ends the channel once the close handshake is over (WebSocket: with a close frame). On the event loop. */
    protected void terminate(Channel ch) {
        ch.close();
    }

    // ------------------------------------------------------------------ life cycle, for subclasses

    /** @param ch the channel the stream runs on, once connected; its closing ends the connection */
    protected final void attach(Channel ch) {
        channel = ch;
        ch.closeFuture().addListener(f -> onLoop(this::channelClosed));
        // the queue waits while the channel is not writable; this resumes it
        ch.pipeline().addFirst("xmpp-writability", new ChannelInboundHandlerAdapter() {
            @Override
            public void channelWritabilityChanged(ChannelHandlerContext ctx) {
                if (ctx.channel().isWritable() && !queue.isEmpty()) {
                    scheduleDrain();
                }
                ctx.fireChannelWritabilityChanged();
            }
        });
    }

    /** @return the channel, once attached */
    protected final @Nullable Channel channel() {
        return channel;
    }

    /** @return the current state */
    protected final State state() {
        return state;
    }

    /** The stream is open: hands this connection to the {@code connect} subscriber. On the event loop. */
    protected final void opened() {
        if (state != State.OPENING) {
            return;
        }
        state = State.OPEN;
        MonoSink<TransportConnection> sink = connectSink;
        connectSink = null;
        if (sink != null) {
            sink.success(this);
        }
    }

    /** Runs a task on the channel's event loop (at once when called there, or before a channel exists). */
    protected final void onLoop(Runnable task) {
        Channel ch = channel;
        if (ch == null || ch.eventLoop().inEventLoop()) {
            task.run();
        } else {
            ch.eventLoop().execute(task);
        }
    }

    /**
     * An element the server sent. A {@code stream:error} fails the connection with a
     * {@link StreamErrorException}; a full buffer with a {@link TransportOverflowException}. On the event loop.
     */
    protected final void deliver(XmlElement element) {
        if (state == State.CLOSED) {
            return;
        }
        if (element.is(StreamError.STREAMS_NAMESPACE, "error")) {
            fail(new StreamErrorException(StreamError.from(element)));
            return;
        }
        Sinks.EmitResult r = inbound.tryEmitNext(element);
        if (r.isFailure()) {
            fail(r == Sinks.EmitResult.FAIL_OVERFLOW || r == Sinks.EmitResult.FAIL_ZERO_SUBSCRIBER
                ? new TransportOverflowException(TransportOverflowException.Direction.INBOUND, inboundCapacity)
                : new TransportException("inbound element could not be delivered: " + r, false));
        }
    }

    /** The server closed the stream: answers with our marker unless we started, then ends the channel. */
    protected final void remoteClosed() {
        Channel ch = channel;
        if (state == State.CLOSED || ch == null) {
            return;
        }
        closingByServer = true;
        if (state != State.CLOSING) {
            state = State.CLOSING;
            closeMarkerWritten = true;
            ch.writeAndFlush(frame(closeMarker())).addListener(f -> terminate(ch));
        } else {
            terminate(ch);
        }
    }

    /**
     * Fails the connection: every pending and later operation errors, {@link #inbound()} and {@link #onClose()}
     * error with the cause, the channel closes. On the event loop.
     */
    protected final void fail(Throwable cause) {
        if (state == State.CLOSED) {
            return;
        }
        LOG.debug("XMPP stream failed: {}", cause.toString());
        terminalCause = cause;
        shutdown(new TransportClosedException("the connection failed before the element was sent", cause));
        MonoSink<TransportConnection> sink = connectSink;
        connectSink = null;
        if (sink != null) {
            sink.error(cause);
        }
        inbound.tryEmitError(cause);
        closed.tryEmitError(cause);
        Channel ch = channel;
        if (ch != null && ch.isActive()) {
            // a stream error or a protocol failure: say goodbye politely, then hang up
            closeMarkerWritten = true;
            ch.writeAndFlush(frame(closeMarker())).addListener(f -> ch.close());
        }
    }

    private void closeCleanly() {
        if (state == State.CLOSED) {
            return;
        }
        shutdown(new TransportClosedException("the connection closed before the element was sent", null));
        MonoSink<TransportConnection> sink = connectSink;
        connectSink = null;
        if (sink != null) {
            sink.error(new TransportClosedException("the server closed the stream while it was opened", null));
        }
        inbound.tryEmitComplete();
        closed.tryEmitEmpty();
    }

    private void shutdown(Throwable pendingError) {
        state = State.CLOSED;
        Future<?> timer = closeTimer;
        if (timer != null) {
            timer.cancel(false);
        }
        for (Queue<Pending> q : java.util.List.of(urgent, queue)) {
            Pending p;
            while ((p = q.poll()) != null) {
                if (p.take()) {
                    release(p);
                    p.error(pendingError);
                }
            }
        }
    }

    private void channelClosed() {
        if (state == State.CLOSING || closingByServer) {
            closeCleanly();
        } else {
            fail(new TransportException("the connection to the server was lost", true));
        }
    }

    // ------------------------------------------------------------------ TransportConnection

    @Override
    public Flux<XmlElement> inbound() {
        return inbound.asFlux();
    }

    @Override
    public Mono<Void> send(XmlElement element) {
        return Mono.create(sink -> {
            byte[] bytes = encode(element, sink);
            if (bytes != null) {
                enqueue(new Pending(bytes, true, null, sink), false);
            }
        });
    }

    /** @return the element's bytes, or {@code null} when it cannot be encoded (then {@code sink} has the error) */
    private byte @Nullable [] encode(XmlElement element, MonoSink<Void> sink) {
        try {
            return encode(element);
        } catch (RuntimeException e) {
            sink.error(e);
            return null;
        }
    }

    /** Queued ahead of every element {@link #send} queued and the channel has not taken yet. */
    @Override
    public Mono<Void> sendFirst(XmlElement element) {
        return Mono.create(sink -> {
            byte[] bytes = encode(element, sink);
            if (bytes == null) {
                return;
            }
            Pending p = new Pending(bytes, false, null, sink);
            if (state == State.CLOSING || state == State.CLOSED) {
                p.error(new TransportClosedException("the connection is closed", terminalCause));
                return;
            }
            sink.onCancel(p::cancel);
            urgent.offer(p);
            scheduleDrain();
        });
    }

    @Override
    public Mono<Void> restart() {
        return Mono.create(sink -> enqueue(new Pending(openMarker(), false, this::beforeOpen, sink), false));
    }

    /** Writes the stream's first open marker (the same as a restart). */
    protected final void open() {
        enqueue(new Pending(openMarker(), false, this::beforeOpen, null), true);
    }

    @Override
    public Mono<Void> close(@Nullable XmlElement finalPayload) {
        return Mono.create(sink -> {
            byte[] payload;
            try {
                payload = finalPayload == null ? null : encode(finalPayload);
            } catch (RuntimeException e) {
                sink.error(e);
                return;
            }
            onLoop(() -> startClose(payload, sink));
        });
    }

    private void startClose(byte @Nullable [] payload, MonoSink<Void> sink) {
        closed.asMono().subscribe(null, e -> sink.error(
            new TransportClosedException("the connection failed before it was closed", e)), sink::success);
        if (state == State.CLOSED || state == State.CLOSING) {
            return;
        }
        state = State.CLOSING;
        if (payload != null) {
            enqueue(new Pending(payload, false, null, null), true);
        }
        Pending marker = new Pending(closeMarker(), false, null, null);
        closingMarker = marker;
        enqueue(marker, true);
        Channel ch = channel;
        if (ch == null) {
            closeCleanly();
            return;
        }
        closeTimer = ch.eventLoop().schedule(() -> {
            if (state != State.CLOSED) {
                LOG.debug("the server did not close the stream within {}: closing the connection", closeTimeout);
                terminate(ch);
                closeCleanly();
            }
        }, closeTimeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public Mono<Void> onClose() {
        return closed.asMono();
    }

    // ------------------------------------------------------------------ the outbound queue

    private void enqueue(Pending p, boolean always) {
        if (!always && (state == State.CLOSING || state == State.CLOSED)) {
            p.error(new TransportClosedException("the connection is closed", terminalCause));
            return;
        }
        if (p.counted && queuedElements.incrementAndGet() > outboundCapacity) {
            queuedElements.decrementAndGet();
            p.error(new TransportOverflowException(TransportOverflowException.Direction.OUTBOUND, outboundCapacity));
            return;
        }
        if (p.sink != null) {
            p.sink.onCancel(() -> {
                if (p.cancel() && p.counted) {
                    queuedElements.decrementAndGet();
                }
            });
        }
        queue.offer(p);
        scheduleDrain();
    }

    private void scheduleDrain() {
        if (wip.getAndIncrement() == 0) {
            onLoop(this::drain);
        }
    }

    /**
     * Writes what is queued, the urgent elements first, then the rest in order while the channel is writable (the
     * rest waits for {@code channelWritabilityChanged}), and flushes once it has caught up: while other threads
     * keep queueing (their sends arrive during a pass), what they queue joins the same flush instead of a flush
     * each; the flush comes as soon as a pass finds nothing new, or the channel stops being writable (its unflushed
     * bytes count), so a lone element on an idle connection is flushed at once. A transport that
     * {@link #mergesWrites()} gets one buffer per {@link #MERGE_LIMIT} bytes instead of one per element. On the
     * event loop.
     */
    private void drain() {
        int missed = 1;
        boolean merge = mergesWrites();
        Channel unflushed = null;
        for (;;) {
            Channel ch = channel;
            Pending p;
            while ((p = next(ch)) != null) {
                if (!p.take()) {
                    continue;
                }
                if (ch == null || state == State.CLOSED || closeMarkerWritten) {
                    release(p);
                    p.error(new TransportClosedException("the connection is closed", terminalCause));
                    continue;
                }
                if (p.before != null) {
                    p.before.run();
                }
                if (p == closingMarker) {
                    closeMarkerWritten = true;
                }
                unflushed = ch;
                if (!merge) {
                    Pending written = p;
                    ch.write(frame(p.bytes)).addListener(done -> written(written, done));
                    continue;
                }
                batch.add(p);
                batchBytes += p.bytes.length;
                if (batchBytes >= MERGE_LIMIT) {
                    writeBatch(ch); // before the next element: the channel's writability then counts these bytes
                }
            }
            if (unflushed != null && (wip.get() == missed || !unflushed.isWritable())) {
                if (!batch.isEmpty()) {
                    writeBatch(unflushed);
                }
                unflushed.flush();
                unflushed = null;
            }
            missed = wip.addAndGet(-missed);
            if (missed == 0) {
                return;
            }
        }
    }

    /** Writes the batch's elements as one buffer; each is done when it is. On the event loop. */
    private void writeBatch(Channel ch) {
        Pending[] written = batch.toArray(new Pending[0]);
        batch.clear();
        ByteBuf buffer = ch.alloc().ioBuffer(batchBytes);
        batchBytes = 0;
        for (Pending w : written) {
            buffer.writeBytes(w.bytes);
        }
        ch.write(buffer).addListener(done -> {
            for (Pending w : written) {
                written(w, done);
            }
        });
    }

    private void written(Pending p, io.netty.util.concurrent.Future<?> done) {
        release(p);
        if (done.isSuccess()) {
            p.success();
        } else {
            p.error(new TransportException("writing to the server failed: " + done.cause(), true, done.cause()));
        }
    }

    private @Nullable Pending next(@Nullable Channel ch) {
        Pending u = urgent.poll();
        if (u != null) {
            return u;
        }
        if (ch != null && state != State.CLOSED && !ch.isWritable()) {
            return null;
        }
        return queue.poll();
    }

    private void release(Pending p) {
        if (p.counted) {
            queuedElements.decrementAndGet();
        }
    }
}
