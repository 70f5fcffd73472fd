package org.reactorxmpp.xmpp.session.internal;

import java.util.ArrayDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import org.reactorxmpp.xmpp.stanza.Stanza;
import org.reactorxmpp.xmpp.transport.TransportOverflowException;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;

/**
 * Hot multicast of inbound stanzas, one per session for its whole life (subscribers stay
 * subscribed across reconnects): each subscriber sees what arrives while it is subscribed, through
 * its own bounded buffer of {@code capacity} stanzas. This is where the session's inbound backpressure
 * lives: the session never waits for a subscriber; a subscriber that lets its buffer fill receives what
 * was buffered, then a {@link TransportOverflowException}, and the others are not affected. Emission is
 * serialized by the caller (a connection's {@link ElementQueue}); a stanza goes straight to a subscriber
 * that has demand and nothing buffered, on the emitting thread; what is buffered is delivered by whichever
 * thread emits or requests, one at a time.
 *
 * <p>One buffer per subscriber, made when first needed (issue 13): a {@code Flux.create} sink in front of an
 * {@code onBackpressureBuffer} kept a 256-slot queue link and a second queue per subscriber, and passed every
 * stanza through both.
 */
final class InboundFanout {

    private final CopyOnWriteArrayList<Tap> subscribers = new CopyOnWriteArrayList<>();
    private final int capacity;
    private final Runnable onOverflow;
    private volatile boolean terminated;
    private volatile @Nullable Throwable cause;

    InboundFanout(int capacity) {
        this(capacity, () -> { });
    }

    /**
     * @param capacity each subscriber's buffer, in stanzas
     * @param onOverflow told once for each subscriber whose buffer overflowed (for metrics)
     */
    InboundFanout(int capacity, Runnable onOverflow) {
        this.capacity = capacity;
        this.onOverflow = onOverflow;
    }

    Flux<Stanza> flux() {
        return new Subscribe();
    }

    /** @return how many subscribers stanzas go to now */
    int subscriberCount() {
        return subscribers.size();
    }

    void emit(Stanza stanza) {
        for (Tap t : subscribers) {
            t.next(stanza);
        }
    }

    void terminate(@Nullable Throwable error) {
        cause = error;
        terminated = true;
        for (Tap t : subscribers) {
            t.end(error);
        }
        subscribers.clear();
    }

    private final class Subscribe extends Flux<Stanza> {

        @Override
        public void subscribe(CoreSubscriber<? super Stanza> actual) {
            Tap t = new Tap(actual);
            actual.onSubscribe(t);
            subscribers.add(t);
            if (terminated) {
                subscribers.remove(t);
                t.end(cause);
            } else if (t.cancelled) {
                subscribers.remove(t); // cancelled or refused (request of n <= 0) within onSubscribe
            }
        }
    }

    /** One subscriber's buffer and demand. Its state is guarded by itself; signals go out one at a time. */
    private final class Tap implements Subscription {

        private static final AtomicIntegerFieldUpdater<Tap> WIP = AtomicIntegerFieldUpdater.newUpdater(Tap.class, "wip");
        private static final int KEEP_QUEUE = 16;

        private final CoreSubscriber<? super Stanza> actual;
        private @Nullable ArrayDeque<Stanza> queue;
        /** The most the queue held since it was made: one that grew past {@link #KEEP_QUEUE} is let go of once empty. */
        private int peak;
        private long requested;
        private boolean done;
        private @Nullable Throwable error;
        private volatile boolean cancelled;
        private volatile int wip;

        Tap(CoreSubscriber<? super Stanza> actual) {
            this.actual = actual;
        }

        void next(Stanza stanza) {
            boolean overflowed = false;
            synchronized (this) {
                if (done || cancelled) {
                    return;
                }
                ArrayDeque<Stanza> q = queue;
                if (q == null) {
                    q = new ArrayDeque<>(4);
                    queue = q;
                }
                if (q.size() >= capacity) {
                    // what is buffered goes out first, then the overflow; nothing more is taken
                    overflowed = true;
                    done = true;
                    error = new TransportOverflowException(TransportOverflowException.Direction.INBOUND, capacity);
                } else {
                    q.add(stanza);
                    peak = Math.max(peak, q.size());
                }
            }
            if (overflowed) {
                subscribers.remove(this);
                onOverflow.run();
            }
            drain();
        }

        void end(@Nullable Throwable cause) {
            synchronized (this) {
                if (done) {
                    return;
                }
                done = true;
                error = cause;
            }
            drain();
        }

        @Override
        public void request(long n) {
            synchronized (this) {
                if (n <= 0) {
                    done = true;
                    queue = null;
                    error = Operators.onOperatorError(new IllegalArgumentException(
                        "Spec. Rule 3.9 - Cannot request a non strictly positive number: " + n), actual.currentContext());
                } else {
                    requested = Operators.addCap(requested, n);
                }
            }
            drain();
        }

        @Override
        public void cancel() {
            cancelled = true;
            subscribers.remove(this);
            if (WIP.getAndIncrement(this) == 0) {
                synchronized (this) {
                    queue = null;
                }
            }
        }

        private void drain() {
            if (WIP.getAndIncrement(this) != 0) {
                return;
            }
            int missed = 1;
            for (;;) {
                for (;;) {
                    if (cancelled) {
                        synchronized (this) {
                            queue = null;
                        }
                        return;
                    }
                    Stanza s = null;
                    boolean end = false;
                    Throwable e = null;
                    synchronized (this) {
                        ArrayDeque<Stanza> q = queue;
                        boolean empty = q == null || q.isEmpty();
                        if (!empty && requested > 0) {
                            s = q.poll();
                            if (q.isEmpty() && peak > KEEP_QUEUE) {
                                // a burst must not pin its peak for the session's life
                                queue = null;
                                peak = 0;
                            }
                            if (requested != Long.MAX_VALUE) {
                                requested--;
                            }
                        } else if (done && empty) {
                            end = true;
                            e = error;
                            queue = null;
                        }
                    }
                    if (s != null) {
                        actual.onNext(s);
                    } else if (end) {
                        cancelled = true;
                        subscribers.remove(this); // a refused request ends a tap before the session does
                        if (e == null) {
                            actual.onComplete();
                        } else {
                            actual.onError(e);
                        }
                        return;
                    } else {
                        break;
                    }
                }
                missed = WIP.addAndGet(this, -missed);
                if (missed == 0) {
                    return;
                }
            }
        }
    }
}
