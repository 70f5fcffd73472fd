package org.reactorxmpp.im.quickcontacts.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.reactorxmpp.im.quickcontacts.Slice;
import org.reactorxmpp.xmpp.jid.BareJid;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/** Sends operations in slices of at most {@code size}, waiting {@code period} between slices. */
final class RateSlicer {

    private final int size;
    private final Duration period;
    private final Scheduler scheduler;

    /**
     * @param size operations per slice
     * @param period pause between slices
     * @param scheduler where the pauses run and whose clock stamps the slices
     */
    public RateSlicer(int size, Duration period, Scheduler scheduler) {
        this.size = size;
        this.period = period;
        this.scheduler = scheduler;
    }

    /**
     * @param jids the contacts, in order
     * @param subscribe the kind of operation (recorded in the slices)
     * @param send sends one operation
     * @return the slices, each emitted once its operations were sent; lazy, cancel stops the rest
     */
    public Flux<Slice> slices(List<BareJid> jids, boolean subscribe, Function<BareJid, Mono<Void>> send) {
        List<List<BareJid>> slices = new ArrayList<>();
        for (int i = 0; i < jids.size(); i += size) {
            slices.add(List.copyOf(jids.subList(i, Math.min(jids.size(), i + size))));
        }
        return Flux.range(0, slices.size()).concatMap(index -> {
            Mono<Long> pause = index == 0 ? Mono.just(0L) : Mono.delay(period, scheduler);
            return pause.then(Mono.defer(() -> {
                Slice slice = new Slice(index, subscribe, slices.get(index),
                    Instant.ofEpochMilli(scheduler.now(TimeUnit.MILLISECONDS)));
                return Flux.fromIterable(slice.jids()).concatMap(send).then(Mono.just(slice));
            }));
        });
    }
}
