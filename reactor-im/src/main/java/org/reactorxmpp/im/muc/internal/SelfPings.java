package org.reactorxmpp.im.muc.internal;

import java.time.Duration;
import java.util.Collection;
import java.util.function.Supplier;

import org.reactorxmpp.xmpp.stanza.StanzaError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * XEP-0410 self-ping: what an answer means, and the periodic check that enters a silently dropping room
 * again. A tick that is still pinging when the next one is due skips that one.
 */
final class SelfPings {

    private static final Logger log = LoggerFactory.getLogger(SelfPings.class);

    /** What a self-ping told. */
    enum Outcome {
        /** The room routed the ping to us or answered it: we are in. */
        JOINED,
        /** The room says we are not an occupant. */
        NOT_JOINED,
        /** The service is unreachable or did not answer: nothing is known. */
        UNKNOWN
    }

    private SelfPings() {
    }

    /**
     * @param condition the error a self-ping got
     * @return its meaning by XEP-0410 section 3.1
     */
    static Outcome outcomeOf(StanzaError.Condition condition) {
        return switch (condition) {
            case SERVICE_UNAVAILABLE, FEATURE_NOT_IMPLEMENTED -> Outcome.JOINED;
            case REMOTE_SERVER_NOT_FOUND, REMOTE_SERVER_TIMEOUT -> Outcome.UNKNOWN;
            default -> Outcome.NOT_JOINED;
        };
    }

    /**
     * Pings every settled room each period; a room that answers {@link Outcome#NOT_JOINED} is entered again.
     *
     * @param every the period
     * @param timer where the period is timed
     * @param rooms the rooms at each tick
     * @return the schedule, to stop it
     */
    static Disposable start(Duration every, Scheduler timer, Supplier<Collection<DefaultRoom>> rooms) {
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("the self-ping period must be positive: " + every);
        }
        return Flux.interval(every, every, timer)
            .onBackpressureDrop()
            // one tick at a time, none queued: a tick due while the last one still runs (a slow rejoin) is dropped
            .flatMap(tick -> Flux.fromIterable(rooms.get()).filter(DefaultRoom::settled).flatMap(SelfPings::check), 1)
            .subscribe(null, e -> log.warn("self-pings stopped", e));
    }

    private static Mono<Void> check(DefaultRoom room) {
        return room.ping()
            .onErrorResume(e -> {
                log.debug("self-ping of {} failed: {}", room.jid(), e.toString());
                return Mono.just(Outcome.UNKNOWN);
            })
            .flatMap(outcome -> {
                if (outcome != Outcome.NOT_JOINED || !room.settled()) {
                    return Mono.empty();
                }
                log.info("{} no longer has us (self-ping): entering it again", room.jid());
                return room.rejoin().onErrorResume(e -> Mono.empty()).then();
            });
    }
}
