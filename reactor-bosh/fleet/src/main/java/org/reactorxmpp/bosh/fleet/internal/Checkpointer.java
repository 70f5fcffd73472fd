package org.reactorxmpp.bosh.fleet.internal;

import java.util.UUID;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.hazelcast.map.IMap;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

/**
 * Writes one session's checkpoints to the fleet map: latest-wins (while a write is in flight, newer states replace
 * each other and only the newest is written next), serialized and written on the checkpoint scheduler, never on the
 * session's event loop. {@link #stop()} ends the stream and completes after the write in flight.
 */
final class Checkpointer {

    private static final Logger log = LoggerFactory.getLogger(Checkpointer.class);

    private final Sinks.One<Boolean> stop = Sinks.one();
    private final Mono<Void> done;

    Checkpointer(String key, Flux<Supplier<byte[]>> states, IMap<String, byte[]> map, UUID owner, Scheduler scheduler,
                 Counters counters) {
        this.done = states
            .takeUntilOther(stop.asMono())
            .onBackpressureLatest()
            .concatMap(state -> write(key, state, map, owner, counters).subscribeOn(scheduler), 1)
            .then()
            .onErrorResume(e -> {
                log.debug("checkpoints of {} ended: {}", key, e.toString());
                return Mono.empty();
            })
            .cache();
        done.subscribe();
    }

    private static Mono<Void> write(String key, Supplier<byte[]> state, IMap<String, byte[]> map, UUID owner,
                                    Counters counters) {
        return Mono.defer(() -> {
            long start = System.nanoTime();
            byte[] bytes = HandoverEntry.checkpoint(owner, state.get()).encode();
            long encoded = System.nanoTime();
            return Mono.fromCompletionStage(map.setAsync(key, bytes))
                .doOnSuccess(v -> counters.checkpoint(encoded - start, System.nanoTime() - start))
                .onErrorResume(e -> {
                    log.warn("checkpoint of {} not written: {}", key, e.toString());
                    return Mono.empty();
                });
        });
    }

    /** @return completion once no more checkpoint of this session will be written */
    Mono<Void> stop() {
        stop.tryEmitValue(Boolean.TRUE);
        return done;
    }
}
