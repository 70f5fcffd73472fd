package org.reactorxmpp.bosh.internal;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * The serialized task loop of one session (a lock-free "actor"): HTTP callbacks, timers and API calls only
 * {@link #submit(Runnable) submit} tasks, and whichever thread finds the loop idle runs them, then runs the
 * scheduling step. Nothing blocks and no lock is held while calling out; every other part of the session is
 * touched only from here.
 */
final class TaskLoop {

    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicInteger wip = new AtomicInteger();
    private final Runnable afterTasks;
    private final BiConsumer<String, Throwable> onError;

    /**
     * @param afterTasks run after every batch of tasks (decides which requests to send)
     * @param onError told what failed (a task or the scheduling step) and why; must not throw
     */
    TaskLoop(Runnable afterTasks, BiConsumer<String, Throwable> onError) {
        this.afterTasks = afterTasks;
        this.onError = onError;
    }

    /** Runs {@code task} on the loop: now on this thread when the loop is idle, otherwise after the running task. */
    void submit(Runnable task) {
        tasks.offer(task);
        drain();
    }

    private void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        for (;;) {
            Runnable task;
            while ((task = tasks.poll()) != null) {
                try {
                    task.run();
                } catch (Throwable t) {
                    onError.accept("in the BOSH session loop", t);
                }
            }
            try {
                afterTasks.run();
            } catch (Throwable t) {
                onError.accept("while scheduling BOSH requests", t);
            }
            missed = wip.addAndGet(-missed);
            if (missed == 0) {
                return;
            }
        }
    }
}
