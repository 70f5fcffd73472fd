package org.reactorxmpp.im.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.im.FeatureOverflowException;
import reactor.core.Exceptions;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * A feature's hot multicast stream with the overflow rule of every inbound stream: each subscriber
 * sees what is emitted while it is subscribed, through its own buffer of {@code capacity} events;
 * a subscriber that lets it fill receives what was buffered, then a {@link FeatureOverflowException}
 * naming the stream and the limit. Nothing is dropped silently, and a slow subscriber never holds
 * back the others or the session. Optionally the events emitted while nobody is subscribed (before
 * the first subscriber, or after the last one left) are kept for the next subscriber (up to
 * {@code capacity}; beyond that it gets them, then the same error), or every event is kept and
 * replayed to each subscriber before the live ones ({@link #replayingAll}, for events that are the
 * feature's state, such as the chats contacts started). What was handed to a subscriber is its own:
 * a subscriber that cancels discards what it had not consumed yet (except kept events it did not
 * take, such as those after the one {@code next()} took: they wait for the next subscriber). Not API.
 *
 * <p>Kept events are handed to a new subscriber outside the stream's lock, before the events emitted
 * meanwhile, which wait for it: its code never runs under the lock, so an emitter may hold a lock of its
 * own that subscribers' code takes too.
 *
 * <pre>{@code
 * HotStream<Carbon> carbons = HotStream.live("carbons", 256);
 * ctx.route(Message.class, isCarbon, m -> carbons.emit(decode(m)));   // emitters are serialized
 * ctx.onDispose(carbons::complete);
 * public Flux<Carbon> carbons() { return carbons.flux(); }
 * }</pre>
 *
 * @param <T> the event type
 */
public final class HotStream<T> {

    private final String feature;
    private final int capacity;
    private final Keep keep;
    private final Object lock = new Object();
    private final CopyOnWriteArrayList<Subscription<T>> subscribers = new CopyOnWriteArrayList<>();
    /**
     * Events kept while nobody is subscribed ({@code null} while somebody is), or for every subscriber,
     * or {@code null} when not keeping; guarded by lock.
     */
    private @Nullable List<T> kept;
    private boolean keptOverflow;
    private boolean completed;
    /** Subscribers whose replay runs; guarded by lock. */
    private int replaying;

    private enum Keep { NONE, WHILE_UNSUBSCRIBED, ALL }

    /** One subscriber: its sink and, while its replay runs, what it still has to get (guarded by lock). */
    private static final class Subscription<T> {
        private final FluxSink<T> sink;
        private @Nullable ArrayDeque<T> held;
        private volatile boolean ending;

        private Subscription(FluxSink<T> sink) {
            this.sink = sink;
        }
    }

    private HotStream(String feature, int capacity, Keep keep) {
        this.feature = Objects.requireNonNull(feature, "feature");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
        this.keep = keep;
        this.kept = keep == Keep.NONE ? null : new ArrayList<>();
    }

    /**
     * @param feature the stream's name in the overflow error, for example {@code carbons}
     * @param capacity the events buffered per subscriber
     * @param <T> the event type
     * @return a stream whose subscribers see what is emitted after they subscribe
     */
    public static <T> HotStream<T> live(String feature, int capacity) {
        return new HotStream<>(feature, capacity, Keep.NONE);
    }

    /**
     * @param feature the stream's name in the overflow error
     * @param capacity the events buffered per subscriber, and kept while nobody is subscribed
     * @param <T> the event type
     * @return a stream that keeps what is emitted while it has no subscriber for the next subscriber
     */
    public static <T> HotStream<T> keepingWhileUnsubscribed(String feature, int capacity) {
        return new HotStream<>(feature, capacity, Keep.WHILE_UNSUBSCRIBED);
    }

    /**
     * A stream whose every subscriber first gets every event emitted so far, in order, then the live
     * ones, each exactly once (no gap, no duplicate between the two). Every event stays in memory for
     * the stream's life: only for events that are the feature's state and that it keeps anyway.
     *
     * @param feature the stream's name in the overflow error
     * @param capacity the events buffered per subscriber (the replay included)
     * @param <T> the event type
     * @return a stream replaying everything to each subscriber
     */
    public static <T> HotStream<T> replayingAll(String feature, int capacity) {
        return new HotStream<>(feature, capacity, Keep.ALL);
    }

    /**
     * The per-subscriber buffer and typed overflow error of this rule, for streams built otherwise.
     *
     * @param source a hot source that ignores demand (e.g. a {@code Flux.create} fed by a route)
     * @param feature the stream's name in the error
     * @param capacity the events buffered per subscriber
     * @param <T> the event type
     * @return the source, buffered: after {@code capacity} waiting events, those events then the error
     */
    public static <T> Flux<T> bounded(Flux<T> source, String feature, int capacity) {
        return source.onBackpressureBuffer(capacity, dropped -> { }, BufferOverflowStrategy.ERROR)
            .onErrorMap(Exceptions::isOverflow, e -> new FeatureOverflowException(feature, capacity));
    }

    /** @return the events, hot; completes after {@link #complete()} */
    public Flux<T> flux() {
        return bounded(Flux.<T>create(this::subscribed, FluxSink.OverflowStrategy.BUFFER), feature, capacity);
    }

    /**
     * A live stream's events for a subscriber that wants some of them only.
     *
     * @param only the events this subscriber wants; the others never occupy its buffer
     * @return the events accepted by {@code only}, hot, bounded like {@link #flux()}
     * @throws IllegalStateException on a stream that keeps events (a filtering subscriber would take
     *     the kept events it does not want from the others)
     */
    public Flux<T> flux(Predicate<? super T> only) {
        Objects.requireNonNull(only, "only");
        if (keep != Keep.NONE) {
            throw new IllegalStateException(feature + " keeps events: filter after flux() instead");
        }
        return bounded(Flux.<T>create(this::subscribed, FluxSink.OverflowStrategy.BUFFER).filter(only), feature, capacity);
    }

    private void subscribed(FluxSink<T> sink) {
        Subscription<T> s = new Subscription<>(sink);
        boolean overflow;
        boolean registered;
        synchronized (lock) {
            List<T> k = kept;
            overflow = keep == Keep.WHILE_UNSUBSCRIBED && k != null && keptOverflow;
            if (k != null && !k.isEmpty()) {
                s.held = new ArrayDeque<>(k);
            }
            s.ending = completed;
            if (keep == Keep.WHILE_UNSUBSCRIBED && k != null) {
                // an overflowed subscriber ends after its replay: what comes meanwhile waits for the next one
                kept = overflow && !completed ? new ArrayList<>() : null;
                keptOverflow = false;
            }
            registered = !overflow && !completed;
            if (registered) {
                subscribers.add(s);
                if (s.held != null) {
                    replaying++;
                }
            }
        }
        if (registered) {
            sink.onDispose(() -> unsubscribed(s));
        }
        if (replay(s, registered, overflow)) {
            if (overflow) {
                sink.error(new FeatureOverflowException(feature, capacity));
            } else if (s.ending) {
                sink.complete();
            }
        }
    }

    /**
     * Hands a new subscriber what it has to get, then the events that came meanwhile, outside the lock;
     * from its last one on, it is live.
     *
     * @return whether it got everything (else it cancelled, and what it did not take was kept again)
     */
    private boolean replay(Subscription<T> s, boolean registered, boolean overflow) {
        while (true) {
            T next;
            ArrayDeque<T> rest;
            List<Subscription<T>> others;
            synchronized (lock) {
                ArrayDeque<T> held = s.held;
                if (held == null) {
                    return true;
                }
                if (!held.isEmpty() && !s.sink.isCancelled()) {
                    next = held.poll();
                    rest = null;
                    others = List.of();
                } else {
                    s.held = null;
                    if (registered) {
                        replaying--;
                    }
                    if (held.isEmpty()) {
                        return true;
                    }
                    next = null;
                    rest = held;
                    others = keepAgain(s, held, overflow);
                }
            }
            if (rest != null) {
                for (Subscription<T> other : others) {
                    rest.forEach(other.sink::next);
                }
                return false;
            }
            s.sink.next(Objects.requireNonNull(next));
        }
    }

    /**
     * Guarded by lock: a subscriber cancelled during its replay (e.g. {@code next()}); what it did not
     * take is kept again for the next subscriber.
     *
     * @return the live subscribers that came meanwhile, to hand the rest to instead (outside the lock)
     */
    private List<Subscription<T>> keepAgain(Subscription<T> s, ArrayDeque<T> rest, boolean overflow) {
        subscribers.remove(s);
        if (keep != Keep.WHILE_UNSUBSCRIBED || completed) {
            return List.of();
        }
        if (subscribers.isEmpty()) {
            List<T> again = new ArrayList<>(rest);
            List<T> k = kept;
            if (k != null) {
                again.addAll(k);
            }
            if (again.size() > capacity) {
                again = new ArrayList<>(again.subList(0, capacity));
                keptOverflow = true;
            }
            keptOverflow |= overflow;
            kept = again;
            return List.of();
        }
        List<Subscription<T>> live = new ArrayList<>();
        for (Subscription<T> other : subscribers) {
            if (other.held != null) {
                other.held.addAll(rest);
            } else {
                live.add(other);
            }
        }
        return live;
    }

    private void unsubscribed(Subscription<T> s) {
        synchronized (lock) {
            if (subscribers.remove(s) && subscribers.isEmpty() && keep == Keep.WHILE_UNSUBSCRIBED && !completed
                && kept == null) {
                kept = new ArrayList<>();
            }
        }
    }

    /** @param event the next event, to every current subscriber (or kept for the next one, or kept for all) */
    public void emit(T event) {
        Objects.requireNonNull(event, "event");
        Iterator<Subscription<T>> targets;
        synchronized (lock) {
            List<T> k = kept;
            if (k != null && keep == Keep.WHILE_UNSUBSCRIBED) { // nobody is subscribed
                if (k.size() < capacity) {
                    k.add(event);
                } else {
                    keptOverflow = true;
                }
                return;
            }
            if (k != null) {
                k.add(event);
            }
            // the subscribers now (one that subscribes from here on has the event in its replay);
            // those whose replay runs get it after their replay
            if (replaying == 0) {
                targets = subscribers.iterator();
            } else {
                List<Subscription<T>> live = new ArrayList<>(subscribers.size());
                for (Subscription<T> s : subscribers) {
                    if (s.held != null) {
                        s.held.add(event);
                    } else {
                        live.add(s);
                    }
                }
                targets = live.iterator();
            }
        }
        while (targets.hasNext()) {
            targets.next().sink.next(event);
        }
    }

    /** Completes every subscriber, and those that come later: the feature ended with its session. */
    public void complete() {
        List<Subscription<T>> now = new ArrayList<>();
        synchronized (lock) {
            completed = true;
            for (Subscription<T> s : subscribers) {
                if (s.held != null) {
                    s.ending = true; // completes after its replay
                } else {
                    now.add(s);
                }
            }
            subscribers.clear();
        }
        now.forEach(s -> s.sink.complete());
    }

    @Override
    public String toString() {
        return "HotStream{" + feature + ", " + subscribers.size() + " subscribers, capacity " + capacity + "}";
    }
}
