package org.reactorxmpp.im.chat;

import java.time.Duration;
import java.util.Objects;

import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Settings of a session's chats.
 *
 * <pre>{@code
 * ChatManager chats = ChatManager.of(session, new ChatOptions(Duration.ofSeconds(5), Schedulers.parallel()));
 * }</pre>
 *
 * @param pausedAfter how long without a keystroke turns {@code composing} into {@code paused}
 *     (XEP-0085 suggests about 30 seconds; chat products use a few seconds)
 * @param scheduler the timer of that quiet period (inject a virtual-time scheduler in tests)
 */
public record ChatOptions(Duration pausedAfter, Scheduler scheduler) {

    private static final ChatOptions DEFAULTS = new ChatOptions(Duration.ofSeconds(5), Schedulers.parallel());

    /** @throws IllegalArgumentException when {@code pausedAfter} is not positive */
    public ChatOptions {
        Objects.requireNonNull(pausedAfter, "pausedAfter");
        Objects.requireNonNull(scheduler, "scheduler");
        if (pausedAfter.isNegative() || pausedAfter.isZero()) {
            throw new IllegalArgumentException("pausedAfter must be positive: " + pausedAfter);
        }
    }

    /** @return paused after 5 s, on {@link Schedulers#parallel()} */
    public static ChatOptions defaults() {
        return DEFAULTS;
    }
}
