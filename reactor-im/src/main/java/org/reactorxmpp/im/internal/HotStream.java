package org.reactorxmpp.im.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

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
 * back the others or the session. Optionally the events emitted before the first subscriber are
 * kept for it (up to {@code capacity}; beyond that it gets them, then the same error). Not API.
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
    private final Object lock = new Object();
    private final CopyOnWriteArrayList<FluxSink<T>> subscribers = new CopyOnWriteArrayList<>();
    /** Events kept for the first subscriber, {@code null} once it came (or when not keeping); guarded by lock. */
    private @Nullable List<T> kept;
    private boolean keptOverflow;
    private boolean completed;

    private HotStream(String feature, int capacity, boolean keep) {
        this.feature = Objects.requireNonNull(feature, "feature");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
        this.kept = keep ? new ArrayList<>() : null;
    }

    /**
     * @param feature the stream's name in the overflow error, for example {@code carbons}
     * @param capacity the events buffered per subscriber
     * @param <T> the event type
     * @return a stream whose subscribers see what is emitted after they subscribe
     */
    public static <T> HotStream<T> live(String feature, int capacity) {
        return new HotStream<>(feature, capacity, false);
    }

    /**
     * @param feature the stream's name in the overflow error
     * @param capacity the events buffered per subscriber, and kept for the first one
     * @param <T> the event type
     * @return a stream that keeps what is emitted before its first subscriber for that subscriber
     */
    public static <T> HotStream<T> keepingForFirstSubscriber(String feature, int capacity) {
        return new HotStream<>(feature, capacity, true);
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

    private void subscribed(FluxSink<T> sink) {
        synchronized (lock) {
            List<T> first = kept;
            if (first != null) {
                kept = null;
                first.forEach(sink::next);
                if (keptOverflow) {
                    sink.error(new FeatureOverflowException(feature, capacity));
                    return;
                }
            }
            if (completed) {
                sink.complete();
                return;
            }
            subscribers.add(sink);
        }
        sink.onDispose(() -> subscribers.remove(sink));
    }

    /** @param event the next event, to every current subscriber (or kept for the first one) */
    public void emit(T event) {
        Objects.requireNonNull(event, "event");
        synchronized (lock) {
            List<T> first = kept;
            if (first != null) {
                if (first.size() < capacity) {
                    first.add(event);
                } else {
                    keptOverflow = true;
                }
                return;
            }
        }
        for (FluxSink<T> s : subscribers) {
            s.next(event);
        }
    }

    /** Completes every subscriber, and those that come later: the feature ended with its session. */
    public void complete() {
        synchronized (lock) {
            completed = true;
        }
        for (FluxSink<T> s : subscribers) {
            s.complete();
        }
        subscribers.clear();
    }

    @Override
    public String toString() {
        return "HotStream{" + feature + ", " + subscribers.size() + " subscribers, capacity " + capacity + "}";
    }
}
