package org.reactorxmpp.im.quickcontacts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.xmpp.jid.BareJid;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

class RateSlicerTest {

    private static List<BareJid> jids(int n) {
        return IntStream.range(0, n).mapToObj(i -> BareJid.of("c" + i, "example.com")).collect(Collectors.toList());
    }

    @Test
    void tenPerHalfSecondInVirtualTime() {
        VirtualTimeScheduler vts = VirtualTimeScheduler.create();
        List<BareJid> sent = new CopyOnWriteArrayList<>();
        RateSlicer slicer = new RateSlicer(10, Duration.ofMillis(500), vts);
        StepVerifier.withVirtualTime(() -> slicer.slices(jids(25), true, j -> Mono.fromRunnable(() -> sent.add(j))), () -> vts, Long.MAX_VALUE)
            .assertNext(s -> {
                assertThat(s.index()).isZero();
                assertThat(s.jids()).hasSize(10);
                assertThat(s.sentAt().toEpochMilli()).isZero();
            })
            .then(() -> assertThat(sent).hasSize(10))
            .expectNoEvent(Duration.ofMillis(499))
            .thenAwait(Duration.ofMillis(1))
            .assertNext(s -> {
                assertThat(s.index()).isEqualTo(1);
                assertThat(s.sentAt().toEpochMilli()).isEqualTo(500);
            })
            .thenAwait(Duration.ofMillis(500))
            .assertNext(s -> {
                assertThat(s.jids()).hasSize(5);
                assertThat(s.sentAt().toEpochMilli()).isEqualTo(1000);
            })
            .verifyComplete();
        assertThat(sent).containsExactlyElementsOf(jids(25));
    }

    @Test
    void cancellingStopsTheRemainingSlices() {
        VirtualTimeScheduler vts = VirtualTimeScheduler.create();
        List<BareJid> sent = new CopyOnWriteArrayList<>();
        RateSlicer slicer = new RateSlicer(2, Duration.ofSeconds(1), vts);
        StepVerifier.withVirtualTime(() -> slicer.slices(jids(6), false, j -> Mono.fromRunnable(() -> sent.add(j))), () -> vts, Long.MAX_VALUE)
            .expectNextCount(1)
            .thenCancel()
            .verify();
        vts.advanceTimeBy(Duration.ofSeconds(10));
        assertThat(sent).hasSize(2);
    }

    @Test
    void nothingToSendIsNoSlice() {
        StepVerifier.create(new RateSlicer(10, Duration.ofMillis(500), VirtualTimeScheduler.create())
            .slices(List.of(), true, j -> Mono.empty())).verifyComplete();
    }
}
