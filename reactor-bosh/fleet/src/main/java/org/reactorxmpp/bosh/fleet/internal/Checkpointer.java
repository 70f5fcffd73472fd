package org.reactorxmpp.bosh.fleet.internal;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.hazelcast.map.IMap;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.util.retry.Retry;

/**
 * Writes one session's checkpoints to the fleet map, encoded and written on the checkpoint scheduler, never on the
 * session's event loop, in one of two modes:
 * <ul>
 *   <li>{@link #after}: the checkpoints follow the requests, latest-wins (while a write is in flight, newer states
 *       replace each other and only the newest is written next); the session never waits;</li>
 *   <li>{@link #ahead}: write-ahead, a request goes out once a checkpoint that carries it is stored (the session
 *       keeps one write in flight and stores the newest state next); a failed write is retried, and when it keeps
 *       failing write-ahead ends for this session (it goes on without waiting; logged).</li>
 * </ul>
 * {@link #stop()} ends the checkpoints and completes once no write is in flight: an entry written after it (the
 * handoff's) is never overwritten by a late checkpoint.
 */
final class Checkpointer {

    private static final Logger log = LoggerFactory.getLogger(Checkpointer.class);
    /** How long one write-ahead store may take before it is retried (Hazelcast answers within ms when healthy). */
    private static final Duration STORE_TIMEOUT = Duration.ofSeconds(10);

    private final String key;
    private final IMap<String, byte[]> map;
    private final UUID owner;
    private final Scheduler scheduler;
    private final Counters counters;
    private final Sinks.Empty<Void> idle = Sinks.empty();
    private final Disposable subscription;
    // guarded by this
    private boolean stopped;
    private int writing;

    private Checkpointer(String key, IMap<String, byte[]> map, UUID owner, Scheduler scheduler, Counters counters,
                         Function<Checkpointer, Disposable> start) {
        this.key = key;
        this.map = map;
        this.owner = owner;
        this.scheduler = scheduler;
        this.counters = counters;
        this.subscription = start.apply(this);
    }

    /** Checkpoints that follow the requests (the session never waits). */
    static Checkpointer after(String key, Flux<Supplier<byte[]>> states, IMap<String, byte[]> map, UUID owner,
                              Scheduler scheduler, Counters counters) {
        return new Checkpointer(key, map, owner, scheduler, counters, c -> states
            .onBackpressureLatest()
            .concatMap(state -> c.write(state).onErrorResume(e -> {
                log.warn("checkpoint of {} not written: {}", key, e.toString());
                return Mono.empty();
            }), 1)
            .subscribe(null, e -> log.debug("checkpoints of {} ended: {}", key, e.toString())));
    }

    /**
     * Write-ahead checkpoints.
     *
     * @param run subscribes the session's write-ahead checkpoints with the given store
     */
    static Checkpointer ahead(String key, Function<Function<Supplier<byte[]>, Mono<Void>>, Mono<Void>> run,
                              IMap<String, byte[]> map, UUID owner, Scheduler scheduler, Counters counters) {
        return new Checkpointer(key, map, owner, scheduler, counters, c -> run
            .apply(state -> c.write(state)
                .timeout(STORE_TIMEOUT, scheduler)
                .retryWhen(Retry.backoff(3, Duration.ofMillis(50)).scheduler(scheduler)))
            .subscribe(null, e -> log.warn("write-ahead checkpoints of {} ended, its requests no longer wait: {}", key,
                e.toString())));
    }

    /**
     * Encodes and writes one state on the checkpoint scheduler. The write is counted until Hazelcast completed it,
     * whatever happens to the subscriber, so that {@link #stop()} waits for it.
     */
    private Mono<Void> write(Supplier<byte[]> state) {
        return Mono.defer(() -> {
            long start = System.nanoTime();
            byte[] bytes = HandoverEntry.checkpoint(owner, state.get()).encode();
            long encoded = System.nanoTime();
            synchronized (this) {
                if (stopped) {
                    return Mono.<Void>empty();
                }
                writing++;
            }
            CompletionStage<Void> stage;
            try {
                stage = map.setAsync(key, bytes);
            } catch (RuntimeException e) {
                written();
                return Mono.<Void>error(e);
            }
            // the outcome as a value: a write that fails after its subscriber left is discarded, not a dropped error
            CompletableFuture<Throwable> outcome = stage.handle((v, e) -> {
                written();
                if (e == null) {
                    counters.checkpoint(encoded - start, System.nanoTime() - start);
                }
                return e;
            }).toCompletableFuture();
            return Mono.fromFuture(outcome, true).flatMap(e -> Mono.<Void>error(e));
        }).subscribeOn(scheduler);
    }

    private void written() {
        boolean done;
        synchronized (this) {
            writing--;
            done = stopped && writing == 0;
        }
        if (done) {
            idle.tryEmitEmpty();
        }
    }

    /** @return completion once no more checkpoint of this session will be written */
    Mono<Void> stop() {
        boolean done;
        synchronized (this) {
            stopped = true;
            done = writing == 0;
        }
        subscription.dispose();
        if (done) {
            idle.tryEmitEmpty();
        }
        return idle.asMono();
    }
}
