package org.reactorxmpp.xmpp.session.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.xmpp.stanza.Stanza;
import org.reactorxmpp.xmpp.transport.TransportException;
import org.reactorxmpp.xmpp.transport.TransportOverflowException;
import org.reactorxmpp.xmpp.xml.XmlElement;
import reactor.core.publisher.BaseSubscriber;
import reactor.test.StepVerifier;

/** The session's inbound multicast: per-subscriber buffers, overflow of one subscriber only, the end after the buffer. */
class InboundFanoutTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static Stanza s(int i) {
        return Stanza.of(XmlElement.builder("jabber:client", "message").attribute("id", Integer.toString(i)).build());
    }

    @Test
    void aSubscriberWithDemandGetsEachStanzaOnTheEmittingThreadAndOnlyWhatArrivesWhileSubscribed() {
        InboundFanout fanout = new InboundFanout(8);
        fanout.emit(s(0)); // nobody subscribed: not kept
        List<String> got = new CopyOnWriteArrayList<>();
        List<Thread> threads = new CopyOnWriteArrayList<>();
        fanout.flux().subscribe(st -> {
            got.add(st.id());
            threads.add(Thread.currentThread());
        });
        fanout.emit(s(1));
        fanout.emit(s(2));
        assertThat(got).containsExactly("1", "2");
        assertThat(threads).containsOnly(Thread.currentThread());
    }

    @Test
    void whatASlowSubscriberHasNotAskedForIsBufferedAndDeliveredWhenItAsks() {
        InboundFanout fanout = new InboundFanout(8);
        StepVerifier.create(fanout.flux().map(Stanza::id), 0)
            .then(() -> {
                fanout.emit(s(1));
                fanout.emit(s(2));
                fanout.emit(s(3));
            })
            .expectNoEvent(Duration.ZERO)
            .thenRequest(2)
            .expectNext("1", "2")
            .then(() -> fanout.terminate(null))
            .thenRequest(1)
            .expectNext("3")
            .expectComplete()
            .verify(TIMEOUT);
    }

    @Test
    void aBurstThatWasBufferedAndDrainedLeavesTheSubscriberReceivingInOrder() {
        // 40 buffered (past the size a queue is kept at), drained, then the queue is made again for more
        InboundFanout fanout = new InboundFanout(64);
        List<String> got = new CopyOnWriteArrayList<>();
        BaseSubscriber<Stanza> slow = new BaseSubscriber<>() {
            @Override
            protected void hookOnSubscribe(org.reactivestreams.Subscription subscription) {
            }

            @Override
            protected void hookOnNext(Stanza value) {
                got.add(value.id());
            }
        };
        fanout.flux().subscribe(slow);
        for (int i = 0; i < 40; i++) {
            fanout.emit(s(i));
        }
        assertThat(got).isEmpty();
        slow.request(40);
        assertThat(got).hasSize(40).startsWith("0", "1").endsWith("39");
        fanout.emit(s(40));
        fanout.emit(s(41));
        assertThat(got).hasSize(40);
        slow.request(Long.MAX_VALUE);
        fanout.emit(s(42));
        assertThat(got).hasSize(43).endsWith("40", "41", "42");
    }

    @Test
    void anOverflowEndsOnlyThatSubscriberAfterWhatItHadBuffered() {
        AtomicInteger overflows = new AtomicInteger();
        InboundFanout fanout = new InboundFanout(2, overflows::incrementAndGet);
        List<String> other = new CopyOnWriteArrayList<>();
        fanout.flux().map(Stanza::id).subscribe(other::add);
        StepVerifier.create(fanout.flux().map(Stanza::id), 0)
            .then(() -> {
                for (int i = 1; i <= 4; i++) {
                    fanout.emit(s(i));
                }
            })
            .then(() -> assertThat(overflows.get()).isEqualTo(1))
            .thenRequest(10)
            .expectNext("1", "2")
            .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(TransportOverflowException.class)
                .hasMessageContaining("2"))
            .verify(TIMEOUT);
        fanout.emit(s(5));
        assertThat(other).containsExactly("1", "2", "3", "4", "5");
        assertThat(overflows.get()).isEqualTo(1);
    }

    @Test
    void aFailureReachesEverySubscriberAfterItsBufferAndLateSubscribersAtOnce() {
        InboundFanout fanout = new InboundFanout(8);
        StepVerifier.create(fanout.flux().map(Stanza::id), 0)
            .then(() -> {
                fanout.emit(s(1));
                fanout.terminate(new TransportException("gone", false));
            })
            .thenRequest(1)
            .expectNext("1")
            .expectErrorMessage("gone")
            .verify(TIMEOUT);
        StepVerifier.create(fanout.flux()).expectErrorMessage("gone").verify(TIMEOUT);
    }

    @Test
    void aCancelledSubscriberGetsNothingMoreAndARequestOfZeroIsAnError() {
        InboundFanout fanout = new InboundFanout(8);
        List<String> got = new CopyOnWriteArrayList<>();
        BaseSubscriber<Stanza> one = new BaseSubscriber<>() {
            @Override
            protected void hookOnNext(Stanza value) {
                got.add(value.id());
            }
        };
        fanout.flux().subscribe(one);
        fanout.emit(s(1));
        one.cancel();
        fanout.emit(s(2));
        assertThat(got).containsExactly("1");
        assertThat(fanout.subscriberCount()).isZero();

        List<Throwable> errors = new CopyOnWriteArrayList<>();
        fanout.flux().subscribe(new BaseSubscriber<>() {
            @Override
            protected void hookOnSubscribe(org.reactivestreams.Subscription subscription) {
                subscription.request(0);
            }

            @Override
            protected void hookOnError(Throwable throwable) {
                errors.add(throwable);
            }
        });
        assertThat(errors).singleElement().isInstanceOf(IllegalArgumentException.class);
        assertThat(fanout.subscriberCount()).as("a refused subscriber is not kept").isZero();
    }
}
