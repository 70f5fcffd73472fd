package org.reactorxmpp.bosh.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * The timers of one session. Protocol timers run on the session's scheduler and clock ({@link BoshSettings#timer},
 * virtual in tests); the wake-ups for the order guard and the linger run in real time, because they are about
 * how the wire and the application behave. Every timer fires as a task on the loop. Confined to the task loop.
 */
final class Timers {

    private final BoshSettings settings;
    private final TaskLoop loop;
    private final List<Disposable> active = new ArrayList<>(2);
    private @Nullable Disposable pollTimer;
    private long pollDue;
    private boolean realWakePending;

    Timers(BoshSettings settings, TaskLoop loop) {
        this.settings = settings;
        this.loop = loop;
    }

    /** Runs {@code task} on the loop after {@code delay} on the session's scheduler, unless the session ends first. */
    void after(Duration delay, Runnable task) {
        Disposable[] holder = new Disposable[1];
        holder[0] = Mono.delay(delay, settings.scheduler()).subscribe(t -> loop.submit(() -> {
            active.remove(holder[0]);
            task.run();
        }));
        active.add(holder[0]);
    }

    /** Wakes the loop after {@code delay} on the session's clock (an earlier wake-up wins over a later one). */
    void schedulePoll(Duration delay) {
        long due = settings.nanoTime() + delay.toNanos();
        Disposable current = pollTimer;
        if (current != null && due < pollDue) {
            current.dispose(); // an earlier wake-up is needed
            pollTimer = null;
        }
        if (pollTimer == null) {
            pollDue = due;
            Disposable[] self = new Disposable[1];
            self[0] = Mono.delay(delay, settings.scheduler()).subscribe(t -> loop.submit(() -> {
                if (pollTimer == self[0]) {
                    pollTimer = null;
                }
            }));
            pollTimer = self[0];
        }
    }

    /**
     * A wake-up of the loop in real time, for what depends on real time whatever the session's clock: the order
     * guard and the linger (how the wire and the application behave), unlike the protocol's timers.
     */
    void wakeInRealTime(Duration delay) {
        if (!realWakePending) {
            realWakePending = true;
            Mono.delay(delay).subscribe(t -> loop.submit(() -> realWakePending = false));
        }
    }

    /** Cancels every protocol timer: the session is over. */
    void disposeAll() {
        active.forEach(Disposable::dispose);
        active.clear();
        Disposable poll = pollTimer;
        if (poll != null) {
            poll.dispose();
            pollTimer = null;
        }
    }
}
