package org.reactorxmpp.bosh.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactorxmpp.bosh.BoshTransport;
import org.reactorxmpp.xmpp.transport.TransportException;
import org.reactorxmpp.xmpp.transport.TransportOverflowException;
import org.reactorxmpp.xmpp.xml.XmlElement;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * The inbound buffer on its own: the {@code TransportConnection.inbound()} contract (hot, multicast at the
 * slowest subscriber's pace, kept for the first subscriber, overflow ahead of the buffer, the end after it),
 * delivery on the delivery scheduler only, and the count that congestion and {@code fits} read.
 */
class InboundTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Scheduler delivery = Schedulers.newSingle("inbound-test");
    private final AtomicInteger loopRuns = new AtomicInteger();
    /** Completed by the loop's next run after a test replaces it. */
    private volatile CompletableFuture<Integer> nextLoopRun = new CompletableFuture<>();
    private final TaskLoop loop = new TaskLoop(() -> nextLoopRun.complete(loopRuns.incrementAndGet()), (what, t) -> { });

    @AfterEach
    void dispose() {
        delivery.dispose();
    }

    private Inbound inbound(int capacity) throws Exception {
        BoshTransport transport = BoshTransport.builder().url(URI.create("http://127.0.0.1:5280/http-bind"))
            .inboundCapacity(capacity).deliveryScheduler(delivery).build();
        java.lang.reflect.Field f = BoshTransport.class.getDeclaredField("settings");
        f.setAccessible(true);
        return new Inbound((BoshSettings) f.get(transport), loop);
    }

    private static XmlElement e(int i) {
        return XmlElement.builder("jabber:client", "message").attribute("id", Integer.toString(i)).build();
    }

    private static String id(XmlElement e) {
        return e.attribute("id");
    }

    @Test
    void elementsBeforeTheFirstSubscriberAreKeptForItAndDeliveredOnTheDeliveryScheduler() throws Exception {
        Inbound in = inbound(16);
        in.emit(e(1));
        in.emit(e(2));
        List<String> threads = new CopyOnWriteArrayList<>();
        StepVerifier.create(in.flux().doOnNext(x -> threads.add(Thread.currentThread().getName())).map(InboundTest::id))
            .expectNext("1", "2")
            .then(() -> in.emit(e(3)))
            .expectNext("3")
            .then(in::complete)
            .expectComplete()
            .verify(TIMEOUT);
        assertThat(threads).hasSize(3).allMatch(t -> t.startsWith("inbound-test"));
    }

    @Test
    void everySubscriberGetsWhatArrivesAtTheSlowestOnesPace() throws Exception {
        Inbound in = inbound(16);
        List<String> fast = new CopyOnWriteArrayList<>();
        in.flux().map(InboundTest::id).subscribe(fast::add);
        StepVerifier.create(in.flux().map(InboundTest::id), 1)
            .then(() -> {
                for (int i = 1; i <= 4; i++) {
                    in.emit(e(i));
                }
            })
            .expectNext("1")
            .then(() -> assertThat(in.fits(13) && !in.fits(14)).as("3 still buffered for the slow subscriber").isTrue())
            .then(() -> assertThat(fast).containsExactly("1"))
            .thenRequest(3)
            .expectNext("2", "3", "4")
            .then(in::complete)
            .expectComplete()
            .verify(TIMEOUT);
        assertThat(fast).containsExactly("1", "2", "3", "4");
        assertThat(in.fits(16)).isTrue();
    }

    @Test
    void anOverflowErrorsEverySubscriberAheadOfWhatIsBuffered() throws Exception {
        Inbound in = inbound(16);
        StepVerifier.create(in.flux().map(InboundTest::id), 1)
            .then(() -> {
                in.emit(e(1));
                in.emit(e(2));
                in.emit(e(3));
            })
            .expectNext("1")
            .then(() -> in.error(new TransportOverflowException(TransportOverflowException.Direction.INBOUND, 16)))
            .expectError(TransportOverflowException.class)
            .verify(TIMEOUT);
        assertThat(in.emit(e(4))).as("nothing is taken after the end").isFalse();
        StepVerifier.create(in.flux()).expectError(TransportOverflowException.class).verify(TIMEOUT);
    }

    @Test
    void anotherFailureAndACleanEndComeAfterTheBufferedElements() throws Exception {
        Inbound in = inbound(16);
        StepVerifier.create(in.flux().map(InboundTest::id), 0)
            .then(() -> {
                in.emit(e(1));
                in.emit(e(2));
                in.error(new TransportException("gone", false));
            })
            .thenRequest(2)
            .expectNext("1", "2")
            .expectErrorMessage("gone")
            .verify(TIMEOUT);

        Inbound clean = inbound(16);
        clean.emit(e(1));
        clean.complete();
        assertThat(clean.emit(e(2))).isFalse();
        StepVerifier.create(clean.flux().map(InboundTest::id)).expectNext("1").expectComplete().verify(TIMEOUT);
        StepVerifier.create(clean.flux()).as("a subscriber after the end gets the end").expectComplete().verify(TIMEOUT);
    }

    @Test
    void whatACancelledSubscriberLeftIsKeptForTheNextOne() throws Exception {
        Inbound in = inbound(16);
        StepVerifier.create(in.flux().map(InboundTest::id), 1)
            .then(() -> {
                for (int i = 1; i <= 3; i++) {
                    in.emit(e(i));
                }
            })
            .expectNext("1")
            .thenCancel()
            .verify(TIMEOUT);
        StepVerifier.create(in.flux().map(InboundTest::id))
            .expectNext("2", "3")
            .then(in::complete)
            .expectComplete()
            .verify(TIMEOUT);
    }

    @Test
    void congestionCountsEveryUndeliveredElementAndDrainingItWakesThePausedLoop() throws Exception {
        Inbound in = inbound(8);
        for (int i = 1; i <= 4; i++) {
            in.emit(e(i));
        }
        assertThat(in.congested()).as("4 of 8 buffered: half full").isTrue();
        assertThat(in.fits(4)).isTrue();
        assertThat(in.fits(5)).isFalse();
        in.congestionPause(true);
        int before = loopRuns.get();
        CompletableFuture<Integer> woken = new CompletableFuture<>();
        nextLoopRun = woken;
        StepVerifier.create(in.flux().map(InboundTest::id), 1)
            .expectNext("1")
            .then(() -> assertThat(in.congested()).isFalse())
            .thenCancel()
            .verify(TIMEOUT);
        // the wake-up follows the element's delivery on the delivery thread: awaited, not read at once
        assertThat(woken).as("the paused loop was woken when the buffer drained below half")
            .succeedsWithin(TIMEOUT).isEqualTo(before + 1);
    }

    @Test
    void aRequestOfZeroIsRefusedWithAnError() throws Exception {
        Inbound in = inbound(16);
        in.emit(e(1));
        java.util.concurrent.CompletableFuture<Throwable> refused = new java.util.concurrent.CompletableFuture<>();
        in.flux().subscribe(new reactor.core.publisher.BaseSubscriber<XmlElement>() {
            @Override
            protected void hookOnSubscribe(org.reactivestreams.Subscription s) {
                s.request(0);
            }

            @Override
            protected void hookOnNext(XmlElement value) {
                refused.completeExceptionally(new AssertionError("delivered without demand"));
            }

            @Override
            protected void hookOnError(Throwable t) {
                refused.complete(t);
            }
        });
        assertThat(refused.get(10, java.util.concurrent.TimeUnit.SECONDS)).isInstanceOf(IllegalArgumentException.class);
        StepVerifier.create(in.flux().map(InboundTest::id)).expectNext("1").then(in::complete).expectComplete()
            .verify(TIMEOUT);
    }
}
