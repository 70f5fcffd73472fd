package org.reactorxmpp.bosh;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactorxmpp.bosh.FakeConnectionManager.Reply;
import org.reactorxmpp.xmpp.transport.StreamOpen;
import org.reactorxmpp.xmpp.transport.TransportConnection;

import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * A connection manager that announces hold=1 but answers every request at once, empty, made the client poll in
 * a tight loop (2,500 requests/s, forever). The client now backs off (polling, doubled, up to wait) and fails
 * with {@link BoshCondition#NOT_HOLDING}. Virtual time drives the client's timers: the test advances it by
 * exactly each delay the client schedules, so the count of requests against the virtual time elapsed is
 * exact, with no real-time threshold.
 */
class BoshBusyLoopTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private FakeConnectionManager cm;

    @AfterEach
    void stop() {
        if (cm != null) {
            cm.close();
        }
    }

    /** A virtual-time scheduler that reports each delayed task scheduled on it. */
    private static final class Reporting implements Scheduler {
        final VirtualTimeScheduler time = VirtualTimeScheduler.create();
        final Sinks.Many<Duration> scheduled = Sinks.many().replay().all();

        @Override
        public Disposable schedule(Runnable task) {
            return time.schedule(task);
        }

        @Override
        public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
            Disposable d = time.schedule(task, delay, unit); // registered before the test hears of it
            synchronized (scheduled) {
                scheduled.tryEmitNext(Duration.ofNanos(unit.toNanos(delay)));
            }
            return d;
        }

        @Override
        public long now(TimeUnit unit) {
            return time.now(unit);
        }

        @Override
        public Worker createWorker() {
            return time.createWorker();
        }
    }

    @Test
    void aConnectionManagerThatNeverHoldsIsPolledAtMostTenTimesASecondAndTheSessionFails() {
        ProsodyLikeHandler prosody = new ProsodyLikeHandler();
        prosody.polling = 1;
        cm = FakeConnectionManager.start(r -> r.isCreation() ? prosody.handle(r) : Mono.just(Reply.xml(ProsodyLikeHandler.EMPTY)));
        Reporting timer = new Reporting();
        TransportConnection c = BoshTransport.builder().url(cm.url()).wait(Duration.ofSeconds(60)).timer(timer).build()
            .connect(StreamOpen.to("localhost")).block(TIMEOUT);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Sinks.Empty<Void> failed = Sinks.empty();
        c.inbound().subscribe(null, e -> {
            failure.set(e);
            failed.tryEmitEmpty();
        });

        Duration elapsed = Duration.ZERO;
        int seen = 0;
        while (failure.get() == null) {
            // the next delay the client schedules (after the answer to its last request), then exactly that much time
            int index = seen;
            Duration next = timer.scheduled.asFlux().skip(index).next()
                .or(failed.asMono().then(Mono.just(Duration.ZERO)))
                .block(TIMEOUT);
            seen++;
            timer.time.advanceTimeBy(next);
            elapsed = elapsed.plus(next);
            assertThat(elapsed).as("virtual time until the session failed").isLessThan(Duration.ofHours(1));
        }
        long requests = cm.received().stream().filter(r -> !r.isCreation()).count();
        double perSecond = requests / Math.max(1e-3, elapsed.toNanos() / 1e9);
        System.out.printf("BoshBusyLoopTest: %d requests in %d s of virtual time (%.2f/s) before the session failed: %s%n",
            requests, elapsed.toSeconds(), perSecond, failure.get());

        assertThat(failure.get()).isInstanceOfSatisfying(BoshException.class,
            e -> assertThat(e.condition()).isEqualTo(BoshCondition.NOT_HOLDING));
        assertThat(perSecond).as("requests per second").isLessThanOrEqualTo(10.0);
        assertThat(requests).as("requests in all").isLessThanOrEqualTo(12);
        // best effort: the connection manager is told the session is over
        cm.awaitRequest(r -> "terminate".equals(r.body().attribute("type"))).block(TIMEOUT);
    }
}
