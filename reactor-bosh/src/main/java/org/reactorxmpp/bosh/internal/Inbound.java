package org.reactorxmpp.bosh.internal;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.transport.TransportOverflowException;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactivestreams.Subscription;

import io.netty.channel.EventLoopGroup;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.Scheduler;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientConfig;

/**
 * The inbound side of one session: the buffer of received elements, its congestion (which pauses new empty
 * requests: backpressure over HTTP) and the hop to the delivery executor. Emitted from the task loop; read by
 * subscribers on any thread; signals reach subscribers only on the delivery executor.
 *
 * <p>One queue and one drain for every subscriber, instead of a multicast sink, a merge and a {@code publishOn}
 * (issue 13): those kept a 256-slot queue link, a prefetch queue and their subscribers per session (about 1.8 KB
 * of a held session's heap) and cost three queue hand-offs per element. Semantics are those of
 * {@link org.reactorxmpp.xmpp.transport.TransportConnection#inbound()}: hot and multicast (an element goes to every
 * subscriber present when it is delivered, at the pace of the slowest), elements that arrive while nobody is
 * subscribed are kept for the next subscriber, an overflow errors every subscriber at once (ahead of what is still
 * buffered), a clean end or another failure after the buffered elements, and a subscriber that comes after the end
 * gets the end.
 *
 * <p>The buffer is unbounded by construction and bounded by policy: a body that was asked for while there was room
 * is accepted whole (it is already in memory, bounded by {@code XmlLimits.maxDocumentSize}); no new request goes
 * out while subscribers lag (congestion pause), and a keep-alive answer that does not fit fails the session (see
 * {@code Responses.deliver}). So it holds at most about {@code inboundCapacity} plus the answers to the requests
 * that were already out.
 */
final class Inbound {

    private static final Runnable NOOP = () -> { };
    private static final Receiver[] NONE = new Receiver[0];
    /** A queue that grew past this many elements is let go of once empty (a flood must not pin its peak). */
    private static final int KEEP_QUEUE = 16;
    private static final AtomicIntegerFieldUpdater<Inbound> WIP =
        AtomicIntegerFieldUpdater.newUpdater(Inbound.class, "wip");

    private final int capacity;
    private final TaskLoop loop;
    /** Where subscribers receive inbound signals: the configured scheduler, or one of the HTTP client's event loops. */
    private final Executor delivery;
    private final Runnable drain = this::drain;

    // guarded by this
    private @Nullable ArrayDeque<XmlElement> queue;
    private int size;
    private int peak;
    private Receiver[] receivers = NONE;
    private boolean done;
    private @Nullable Throwable failure;
    /** An overflow: errors every subscriber at once, ahead of the elements still buffered. */
    private @Nullable Throwable overflow;
    /** The delivery executor refused the drain: subscribers get this on whichever thread runs the drain. */
    private @Nullable RejectedExecutionException rejected;

    private volatile int wip;
    /** No new empty request goes out because subscribers lag (set by the pump, read by the drain). */
    private volatile boolean congestionPause;

    Inbound(BoshSettings settings, TaskLoop loop) {
        this.capacity = settings.inboundCapacity();
        this.loop = loop;
        Scheduler configured = settings.deliveryScheduler();
        this.delivery = configured != null ? configured::schedule : eventLoopOf(settings.httpClient());
    }

    /**
     * One event loop of the HTTP client's loop group: no thread is created, sessions are spread over the loops
     * round robin.
     */
    private static Executor eventLoopOf(HttpClient client) {
        HttpClientConfig config = client.configuration();
        EventLoopGroup group = config.loopResources().onClient(config.isPreferNative());
        return group.next();
    }

    /**
     * Inbound elements reach subscribers on the delivery executor, never on the thread that happened to run the
     * session loop or to request more (an application thread calling {@code send}, {@code close} or
     * {@code request(n)} would otherwise drain the buffer itself).
     */
    Flux<XmlElement> flux() {
        return new Subscribe();
    }

    /**
     * Whether subscribers lag so far behind that no new empty request should be made: the connection
     * manager then keeps new traffic on its side until the buffer drains (backpressure over HTTP),
     * instead of the client overflowing.
     */
    synchronized boolean congested() {
        return size >= Math.max(1, capacity / 2);
    }

    /** Raises or lowers the congestion pause: while raised, a subscriber that drains the buffer wakes the loop. */
    void congestionPause(boolean on) {
        congestionPause = on;
    }

    /** @return whether {@code incoming} more elements fit in the buffer */
    synchronized boolean fits(long incoming) {
        return size + incoming <= capacity;
    }

    /** @return false when the inbound side has already ended (the element is not taken) */
    boolean emit(XmlElement element) {
        boolean deliver;
        synchronized (this) {
            if (done || overflow != null) {
                return false;
            }
            ArrayDeque<XmlElement> q = queue;
            if (q == null) {
                q = new ArrayDeque<>();
                queue = q;
            }
            q.add(element);
            size++;
            if (size > peak) {
                peak = size;
            }
            deliver = receivers.length > 0;
        }
        if (deliver) {
            schedule();
        }
        return true;
    }

    /** The session ended cleanly: subscribers complete after the buffered elements. */
    void complete() {
        synchronized (this) {
            if (done || overflow != null) {
                return;
            }
            done = true;
        }
        schedule();
    }

    /** The session failed: an overflow errors subscribers at once, anything else after the buffered elements. */
    void error(Throwable cause) {
        synchronized (this) {
            if (done || overflow != null) {
                return;
            }
            if (cause instanceof TransportOverflowException) {
                overflow = cause;
                queue = null;
                size = 0;
            } else {
                done = true;
                failure = cause;
            }
        }
        schedule();
    }

    private void schedule() {
        if (WIP.getAndIncrement(this) != 0) {
            return;
        }
        try {
            delivery.execute(drain);
        } catch (RejectedExecutionException e) {
            synchronized (this) {
                rejected = e;
            }
            drain();
        }
    }

    private void add(Receiver r) {
        synchronized (this) {
            if (r.cancelled) {
                return;
            }
            Receiver[] a = receivers;
            Receiver[] b = new Receiver[a.length + 1];
            System.arraycopy(a, 0, b, 0, a.length);
            b[a.length] = r;
            receivers = b;
        }
        schedule();
    }

    /** Called with the lock held. */
    private void remove(Receiver r) {
        Receiver[] a = receivers;
        int n = a.length;
        for (int i = 0; i < n; i++) {
            if (a[i] == r) {
                if (n == 1) {
                    receivers = NONE;
                } else {
                    Receiver[] b = new Receiver[n - 1];
                    System.arraycopy(a, 0, b, 0, i);
                    System.arraycopy(a, i + 1, b, i, n - i - 1);
                    receivers = b;
                }
                return;
            }
        }
    }

    /**
     * Delivers what every subscriber has asked for, then the end once the buffer is empty. Runs on the delivery
     * executor, one run at a time (a schedule while it runs makes it loop once more). No lock is held while
     * calling a subscriber.
     */
    private void drain() {
        int missed = 1;
        for (;;) {
            for (;;) {
                XmlElement element = null;
                Receiver[] targets;
                Throwable end = null;
                boolean ended = false;
                Receiver refused = null;
                synchronized (this) {
                    targets = receivers;
                    if (targets.length == 0) {
                        break;
                    }
                    for (Receiver r : targets) {
                        if (r.refused != null) {
                            refused = r;
                            remove(r);
                            break;
                        }
                    }
                    if (refused == null) {
                        if (rejected != null || overflow != null) {
                            ended = true;
                            end = rejected != null ? rejected : overflow;
                        } else if (size == 0) {
                            if (!done) {
                                break;
                            }
                            ended = true;
                            end = failure;
                        } else {
                            for (Receiver r : targets) {
                                if (r.requested == 0) {
                                    targets = null;
                                    break;
                                }
                            }
                            if (targets == null) {
                                break;
                            }
                            element = take();
                            for (Receiver r : targets) {
                                if (r.requested != Long.MAX_VALUE) {
                                    r.requested--;
                                }
                            }
                        }
                        if (ended) {
                            receivers = NONE;
                        }
                    }
                }
                if (refused != null) {
                    refused.cancelled = true;
                    refused.actual.onError(refused.refused);
                } else if (ended) {
                    for (Receiver r : targets) {
                        if (!r.cancelled) {
                            r.cancelled = true;
                            if (end == null) {
                                r.actual.onComplete();
                            } else {
                                r.actual.onError(end);
                            }
                        }
                    }
                } else {
                    for (Receiver r : targets) {
                        if (!r.cancelled) {
                            r.actual.onNext(element);
                        }
                    }
                    // taking an element out of a congested buffer may end the polling pause: checked after the
                    // element left the buffer, and the pump re-reads the buffer after raising the flag, so no
                    // wake-up is missed
                    if (congestionPause && !congested()) {
                        loop.submit(NOOP);
                    }
                }
            }
            missed = WIP.addAndGet(this, -missed);
            if (missed == 0) {
                return;
            }
        }
    }

    /** Called with the lock held and the buffer not empty. */
    private XmlElement take() {
        ArrayDeque<XmlElement> q = queue;
        XmlElement e = q.poll();
        size--;
        if (size == 0 && peak > KEEP_QUEUE) {
            queue = null;
            peak = 0;
        }
        return e;
    }

    /** The inbound elements, as a {@link Flux}: each subscription is a {@link Receiver}. */
    private final class Subscribe extends Flux<XmlElement> {

        @Override
        public void subscribe(CoreSubscriber<? super XmlElement> actual) {
            Receiver r = new Receiver(actual);
            actual.onSubscribe(r);
            // added once onSubscribe returned: the drain never signals a subscriber still in onSubscribe
            add(r);
        }
    }

    /** One subscriber: what it asked for and not yet received (guarded by the inbound lock). */
    private final class Receiver implements Subscription {

        final CoreSubscriber<? super XmlElement> actual;
        long requested;
        volatile boolean cancelled;
        /** A request of n <= 0 (Reactive Streams rule 3.9): the subscriber gets this error and is removed. */
        @Nullable IllegalArgumentException refused;

        Receiver(CoreSubscriber<? super XmlElement> actual) {
            this.actual = actual;
        }

        @Override
        public void request(long n) {
            synchronized (Inbound.this) {
                if (n <= 0) {
                    if (refused == null) {
                        refused = new IllegalArgumentException("Spec. Rule 3.9 - Cannot request a non strictly "
                            + "positive number: " + n);
                    }
                } else {
                    requested = Operators.addCap(requested, n);
                }
            }
            schedule();
        }

        @Override
        public void cancel() {
            if (cancelled) {
                return;
            }
            cancelled = true;
            synchronized (Inbound.this) {
                remove(this);
            }
            // a slow subscriber gone may let the others go on
            schedule();
        }
    }
}
