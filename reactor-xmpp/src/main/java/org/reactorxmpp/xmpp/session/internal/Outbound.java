package org.reactorxmpp.xmpp.session.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.transport.TransportException;
import org.reactorxmpp.xmpp.transport.TransportOverflowException;
import org.reactorxmpp.xmpp.xml.XmlElement;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * The session's outbound calls, across its connections. Each {@link #send(XmlElement)} gets a
 * sequence number and is handed, in that order, to the live connection's transport (whose own
 * bounded queue then orders the wire). A call is done when the transport reports the element
 * written. The buffer here holds only calls that have no connection to go to:
 * <ul>
 *   <li>calls made between connections (at most {@code capacity}; one more fails with a
 *       {@link TransportOverflowException}), and</li>
 *   <li>calls the lost connection had not written yet (still in the transport's queue, or in a
 *       request the transport had not got on the wire when it failed): they are moved here, back in
 *       their original order and never rejected, and go first to the next connection.</li>
 * </ul>
 * When the session ends for good every waiting call fails with its cause. Thread-safe; calls are
 * started one at a time, in order, by whichever thread drains.
 */
final class Outbound {

    private final int capacity;
    private final TreeMap<Long, Call> waiting = new TreeMap<>();
    /** Calls whose send failed on the live connection: they wait to learn whether it is lost. */
    private final List<Call> parked = new ArrayList<>();
    private final AtomicInteger wip = new AtomicInteger();
    private long seq;
    private @Nullable BoundConnection live;
    private boolean ended;
    private @Nullable Throwable endCause;

    Outbound(int capacity) {
        this.capacity = capacity;
    }

    /**
     * @param element the element to write
     * @return the connection it was written on, once written; or the transport's error that is not
     *     about losing the connection, or the session's cause when it ended first
     */
    Mono<BoundConnection> send(XmlElement element) {
        return send(() -> element);
    }

    /**
     * {@link #send(XmlElement)} with the element computed when the call takes its place in the order, under
     * the lock that orders the calls: what the supplier reads then is never older than what the supplier of an
     * earlier call read (own presence: the one recorded last is the one a later caps re-send takes).
     *
     * @param element the element to write; {@code null} from it: nothing to write, the call completes empty
     * @return as {@link #send(XmlElement)}
     */
    Mono<BoundConnection> send(Supplier<@Nullable XmlElement> element) {
        return Mono.create(sink -> {
            Call call = null;
            Throwable rejected = null;
            boolean nothing = false;
            synchronized (this) {
                if (ended) {
                    rejected = endCause;
                } else if (live == null && waiting.size() >= capacity) {
                    rejected = new TransportOverflowException(TransportOverflowException.Direction.OUTBOUND, capacity);
                } else {
                    XmlElement e = element.get();
                    if (e == null) {
                        nothing = true;
                    } else {
                        call = new Call(++seq, e, sink);
                        waiting.put(call.seq, call);
                    }
                }
            }
            if (nothing) {
                sink.success();
                return;
            }
            if (call == null) {
                sink.error(rejected);
                return;
            }
            Call c = call;
            sink.onCancel(() -> cancel(c));
            drain();
        });
    }

    /** A connection is live: waiting calls go to it, in order, then every new one. */
    void connected(BoundConnection connection) {
        synchronized (this) {
            live = connection;
        }
        drain();
    }

    /** The live connection is lost and a new one will be tried: its unwritten calls wait for it. */
    void disconnected() {
        synchronized (this) {
            live = null;
            for (Call c : parked) {
                waiting.put(c.seq, c);
            }
            parked.clear();
        }
    }

    /** The session ended: every waiting call fails with {@code cause}. */
    void end(Throwable cause) {
        List<Call> failed;
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            endCause = cause;
            live = null;
            failed = new ArrayList<>(waiting.values());
            failed.addAll(parked);
            waiting.clear();
            parked.clear();
        }
        for (Call c : failed) {
            c.sink.error(cause);
        }
    }

    /** @return the calls waiting for a connection */
    synchronized int waiting() {
        return waiting.size() + parked.size();
    }

    private void cancel(Call call) {
        synchronized (this) {
            waiting.remove(call.seq, call);
            parked.remove(call);
        }
        call.running.dispose();
    }

    private void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        do {
            for (;;) {
                Call c;
                BoundConnection on;
                synchronized (this) {
                    on = live;
                    if (on == null || waiting.isEmpty()) {
                        break;
                    }
                    c = waiting.pollFirstEntry().getValue();
                }
                c.start(on);
            }
        } while (wip.decrementAndGet() != 0);
    }

    /**
     * A send failed on {@code on}. An overflow or a non-transport error is the caller's; any other
     * transport error means the connection is going: the call waits to learn whether a new one comes.
     */
    private void failed(Call call, BoundConnection on, Throwable error) {
        if (error instanceof TransportOverflowException || !(error instanceof TransportException)) {
            call.sink.error(error);
            return;
        }
        Throwable cause = null;
        synchronized (this) {
            if (ended) {
                cause = endCause;
            } else if (live == on) {
                parked.add(call);
            } else {
                waiting.put(call.seq, call);
            }
        }
        if (cause != null) {
            call.sink.error(cause);
        } else {
            drain();
        }
    }

    /** One call: its element, its caller, and the write under way. */
    private final class Call {
        final long seq;
        final XmlElement element;
        final MonoSink<BoundConnection> sink;
        final Disposable.Swap running = Disposables.swap();

        Call(long seq, XmlElement element, MonoSink<BoundConnection> sink) {
            this.seq = seq;
            this.element = element;
            this.sink = sink;
        }

        void start(BoundConnection on) {
            running.update(on.transport().send(element)
                .subscribe(null, error -> failed(this, on, error), () -> sink.success(on)));
        }
    }
}
