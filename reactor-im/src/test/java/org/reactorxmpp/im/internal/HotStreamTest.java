package org.reactorxmpp.im.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.reactorxmpp.im.FeatureOverflowException;
import reactor.test.StepVerifier;
import reactor.test.subscriber.TestSubscriber;

/** The overflow rule shared by the features' hot streams: buffered events first, then a typed error; never a silent drop. */
class HotStreamTest {

    @Test
    void aSlowSubscriberGetsEveryBufferedEventThenTheTypedErrorWhileAFastOneGetsEverything() {
        HotStream<Integer> stream = HotStream.live("numbers", 3);
        TestSubscriber<Integer> slow = TestSubscriber.<Integer>builder().initialRequest(0).build();
        TestSubscriber<Integer> fast = TestSubscriber.create();
        stream.flux().subscribe(slow);
        stream.flux().subscribe(fast);

        IntStream.range(0, 5).forEach(stream::emit);
        assertThat(slow.getReceivedOnNext()).isEmpty();
        assertThat(slow.isTerminated()).as("the error waits behind the buffered events").isFalse();
        slow.request(10);

        assertThat(slow.getReceivedOnNext()).containsExactly(0, 1, 2);
        assertThat(slow.expectTerminalError()).isInstanceOfSatisfying(FeatureOverflowException.class, e -> {
            assertThat(e.feature()).isEqualTo("numbers");
            assertThat(e.capacity()).isEqualTo(3);
            assertThat(e).hasMessageContaining("numbers").hasMessageContaining("3");
        });
        assertThat(fast.getReceivedOnNext()).containsExactly(0, 1, 2, 3, 4);
        assertThat(fast.isTerminated()).isFalse();
        stream.complete();
        fast.expectTerminalSignal();
    }

    @Test
    void aSubscriberExactlyAtTheLimitIsNotFailed() {
        HotStream<Integer> stream = HotStream.live("numbers", 3);
        TestSubscriber<Integer> slow = TestSubscriber.<Integer>builder().initialRequest(0).build();
        stream.flux().subscribe(slow);
        IntStream.range(0, 3).forEach(stream::emit);
        stream.complete();
        slow.request(3);
        assertThat(slow.getReceivedOnNext()).containsExactly(0, 1, 2);
        assertThat(slow.isTerminatedComplete()).isTrue();
    }

    @Test
    void aLiveStreamGivesOnlyWhatCameAfterSubscribing() {
        HotStream<String> stream = HotStream.live("words", 4);
        stream.emit("before");
        StepVerifier.create(stream.flux())
            .then(() -> stream.emit("after"))
            .expectNext("after")
            .then(stream::complete)
            .verifyComplete();
    }

    @Test
    void eventsBeforeTheFirstSubscriberAreKeptForItOnly() {
        HotStream<String> stream = HotStream.keepingWhileUnsubscribed("words", 4);
        stream.emit("a");
        stream.emit("b");
        TestSubscriber<String> first = TestSubscriber.create();
        stream.flux().subscribe(first);
        stream.emit("c");
        TestSubscriber<String> second = TestSubscriber.create();
        stream.flux().subscribe(second);
        stream.emit("d");
        assertThat(first.getReceivedOnNext()).containsExactly("a", "b", "c", "d");
        assertThat(second.getReceivedOnNext()).containsExactly("d");
    }

    @Test
    void moreThanTheLimitBeforeTheFirstSubscriberGivesItTheKeptEventsThenTheTypedError() {
        HotStream<Integer> stream = HotStream.keepingWhileUnsubscribed("kept numbers", 3);
        IntStream.range(0, 4).forEach(stream::emit);
        StepVerifier.create(stream.flux(), 0)
            .thenRequest(10)
            .expectNext(0, 1, 2)
            .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(FeatureOverflowException.class,
                o -> assertThat(o.capacity()).isEqualTo(3)).hasMessageStartingWith("kept numbers"))
            .verify();
    }

    @Test
    void afterCompletionLaterSubscribersCompleteAndTheKeptEventsAreStillDelivered() {
        HotStream<String> stream = HotStream.keepingWhileUnsubscribed("words", 4);
        stream.emit("kept");
        stream.complete();
        StepVerifier.create(stream.flux()).expectNext("kept").verifyComplete();
        StepVerifier.create(stream.flux()).verifyComplete();
    }

    @Test
    void boundedAppliesTheSameRuleToAnotherHotSource() {
        reactor.core.publisher.Sinks.Many<Integer> sink = reactor.core.publisher.Sinks.many().multicast().directAllOrNothing();
        StepVerifier.create(HotStream.bounded(sink.asFlux(), "requests", 2), 0)
            .then(() -> IntStream.range(0, 3).forEach(sink::tryEmitNext))
            .thenRequest(5)
            .expectNext(0, 1)
            .expectErrorMatches(e -> e instanceof FeatureOverflowException o && o.feature().equals("requests"))
            .verify();
    }
    @Test
    void aKeepingStreamKeepsAgainOnceItsLastSubscriberLeft() {
        HotStream<String> stream = HotStream.keepingWhileUnsubscribed("words", 4);
        TestSubscriber<String> first = TestSubscriber.create();
        stream.flux().subscribe(first);
        stream.emit("seen");
        first.cancel();
        stream.emit("while nobody listened");
        TestSubscriber<String> next = TestSubscriber.create();
        stream.flux().subscribe(next);
        stream.emit("live");
        assertThat(first.getReceivedOnNext()).containsExactly("seen");
        assertThat(next.getReceivedOnNext()).containsExactly("while nobody listened", "live");
    }

    @Test
    void aSubscriberThatTakesOneKeptEventLeavesTheOthersForTheNextSubscriber() {
        HotStream<String> stream = HotStream.keepingWhileUnsubscribed("words", 4);
        stream.emit("a");
        stream.emit("b");
        stream.emit("c");
        assertThat(stream.flux().next().block(Duration.ofSeconds(5))).isEqualTo("a");
        stream.emit("d");
        assertThat(stream.flux().take(3).collectList().block(Duration.ofSeconds(5))).containsExactly("b", "c", "d");
    }

    @Test
    void replayingAllGivesEachSubscriberEverythingSoFarThenTheLiveEventsEachOnce() {
        HotStream<String> stream = HotStream.replayingAll("chats", 8);
        stream.emit("a");
        TestSubscriber<String> early = TestSubscriber.create();
        stream.flux().subscribe(early);
        stream.emit("b");
        TestSubscriber<String> late = TestSubscriber.create();
        stream.flux().subscribe(late);
        stream.emit("c");
        stream.complete();
        assertThat(early.getReceivedOnNext()).containsExactly("a", "b", "c");
        assertThat(late.getReceivedOnNext()).containsExactly("a", "b", "c");
        assertThat(early.isTerminatedComplete()).isTrue();
        assertThat(late.isTerminatedComplete()).isTrue();
        StepVerifier.create(stream.flux()).expectNext("a", "b", "c").verifyComplete();
    }

    @Test
    void aReplayLongerThanTheBufferOfASubscriberThatAsksForNothingEndsInTheTypedError() {
        HotStream<Integer> stream = HotStream.replayingAll("chats", 2);
        IntStream.range(0, 3).forEach(stream::emit);
        TestSubscriber<Integer> slow = TestSubscriber.<Integer>builder().initialRequest(0).build();
        stream.flux().subscribe(slow);
        slow.request(5);
        assertThat(slow.getReceivedOnNext()).containsExactly(0, 1);
        assertThat(slow.expectTerminalError()).isInstanceOf(FeatureOverflowException.class);
        TestSubscriber<Integer> fast = TestSubscriber.create();
        stream.flux().subscribe(fast);
        assertThat(fast.getReceivedOnNext()).as("the next subscriber still gets everything").containsExactly(0, 1, 2);
    }

    @Test
    void theReplayRunsOutsideTheLockSoAnEmitterIsNeverHeldByASubscribersCodeAndItsEventComesAfterTheReplay() {
        HotStream<String> stream = HotStream.keepingWhileUnsubscribed("words", 4);
        stream.emit("kept");
        List<String> received = new CopyOnWriteArrayList<>();
        stream.flux().subscribe(word -> {
            received.add(word);
            if (word.equals("kept")) {
                // another thread emits while this subscriber's code runs inside its replay: it must not wait for it
                Assertions.assertThatCode(() -> CompletableFuture.runAsync(() -> stream.emit("meanwhile")).get(5, TimeUnit.SECONDS))
                    .doesNotThrowAnyException();
            }
        });
        stream.emit("after");
        assertThat(received).containsExactly("kept", "meanwhile", "after");
    }

    @Test
    void aFilteringSubscriberBuffersOnlyWhatItWantsAndAKeepingStreamRefusesFilters() {
        HotStream<Integer> stream = HotStream.live("numbers", 2);
        TestSubscriber<Integer> evens = TestSubscriber.<Integer>builder().initialRequest(0).build();
        stream.flux(i -> i % 2 == 0).subscribe(evens);
        IntStream.range(0, 5).forEach(stream::emit); // 0..4: three even numbers for a buffer of two
        evens.request(10);
        assertThat(evens.getReceivedOnNext()).containsExactly(0, 2);
        assertThat(evens.expectTerminalError()).isInstanceOf(FeatureOverflowException.class);
        HotStream<Integer> keeping = HotStream.keepingWhileUnsubscribed("numbers", 2);
        Assertions.assertThatThrownBy(() -> keeping.flux(i -> true)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("numbers");
    }
    @Test
    void aStreamCompletedDuringASubscribersReplayCompletesItAfterTheReplay() {
        HotStream<String> stream = HotStream.keepingWhileUnsubscribed("words", 4);
        stream.emit("a");
        stream.emit("b");
        List<String> received = new CopyOnWriteArrayList<>();
        TestSubscriber<String> subscriber = TestSubscriber.create();
        stream.flux().doOnNext(word -> {
            received.add(word);
            if (word.equals("a")) {
                stream.complete(); // the session ends while the kept events are being handed over
            }
        }).subscribe(subscriber);
        assertThat(received).containsExactly("a", "b");
        assertThat(subscriber.isTerminatedComplete()).isTrue();
    }
}
