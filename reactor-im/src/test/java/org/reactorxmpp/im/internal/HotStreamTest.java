package org.reactorxmpp.im.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;

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
        HotStream<String> stream = HotStream.keepingForFirstSubscriber("words", 4);
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
        HotStream<Integer> stream = HotStream.keepingForFirstSubscriber("kept numbers", 3);
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
        HotStream<String> stream = HotStream.keepingForFirstSubscriber("words", 4);
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
}
