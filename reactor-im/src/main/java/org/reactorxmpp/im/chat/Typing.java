package org.reactorxmpp.im.chat;

import java.time.Duration;
import java.util.Objects;

import org.reactivestreams.Publisher;
import org.reactorxmpp.xmpp.extension.chatstates.ChatState;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Turns "the user is typing" signals into XEP-0085 states: {@code composing} at the first keystroke,
 * {@code paused} after a quiet period without one, {@code composing} again at the next keystroke.
 * Each state is emitted once per change (no repeated {@code composing} per keystroke).
 *
 * <pre>{@code
 * Flux<ChatState> states = Typing.states(keystrokes, Duration.ofSeconds(5), Schedulers.parallel());
 * // keystroke at 0 s, 1 s, 2 s: COMPOSING at 0 s, PAUSED at 7 s
 * }</pre>
 */
public final class Typing {

    private Typing() {
    }

    /**
     * @param keystrokes one signal per keystroke (any value); completing it ends the states after the
     *     pending {@code paused}
     * @param pausedAfter the quiet period
     * @param timer the scheduler of the quiet period
     * @return the states to send, lazily
     */
    public static Flux<ChatState> states(Publisher<?> keystrokes, Duration pausedAfter, Scheduler timer) {
        Objects.requireNonNull(keystrokes, "keystrokes");
        Objects.requireNonNull(pausedAfter, "pausedAfter");
        Objects.requireNonNull(timer, "timer");
        return Flux.from(keystrokes)
            .switchMap(k -> Flux.concat(Mono.just(ChatState.COMPOSING),
                Mono.just(ChatState.PAUSED).delayElement(pausedAfter, timer)))
            .distinctUntilChanged();
    }
}
