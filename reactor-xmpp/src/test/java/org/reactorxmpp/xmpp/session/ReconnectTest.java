package org.reactorxmpp.xmpp.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.xmpp.XmppException;
import org.reactorxmpp.xmpp.sasl.SaslCondition;
import org.reactorxmpp.xmpp.sasl.SaslException;
import org.reactorxmpp.xmpp.stanza.StreamError;
import org.reactorxmpp.xmpp.stanza.StreamErrorException;
import org.reactorxmpp.xmpp.transport.TransportException;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

class ReconnectTest {

    private static final TransportException DROPPED = new TransportException("connection reset", true);

    @Test
    void countdownDelaysStayWithinTenPercentOfBase() {
        Reconnect r = Reconnect.countdown(Duration.ofSeconds(30));
        for (int attempt = 1; attempt <= 200; attempt++) {
            assertThat(r.delay(attempt)).isBetween(Duration.ofSeconds(27), Duration.ofSeconds(33));
        }
        assertThat(r.withRandom(() -> 0.0).delay(1)).isEqualTo(Duration.ofSeconds(27));
        assertThat(r.withRandom(() -> 0.5).delay(7)).isEqualTo(Duration.ofSeconds(30));
        assertThat(r.withRandom(() -> 0.999_999_999).delay(3)).isBetween(Duration.ofMillis(32_999), Duration.ofSeconds(33));
    }

    @Test
    void countdownIsRandomised() {
        Reconnect r = Reconnect.countdown(Duration.ofSeconds(30));
        List<Duration> delays = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            delays.add(r.delay(1));
        }
        assertThat(delays).doesNotHaveDuplicates();
    }

    @Test
    void zeroCountdownDisables() {
        assertThat(Reconnect.countdown(Duration.ZERO)).isEqualTo(Reconnect.disabled());
        assertThat(Reconnect.disabled().isEnabled()).isFalse();
        assertThat(Reconnect.disabled().shouldReconnect(DROPPED, 1)).isFalse();
        assertThatThrownBy(() -> Reconnect.disabled().delay(1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Reconnect.countdown(Duration.ofSeconds(-1)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(">= 0");
    }

    @Test
    void backoffDoublesWithJitterAndIsCapped() {
        Reconnect middle = Reconnect.backoff(Duration.ofSeconds(1), Duration.ofSeconds(60)).withRandom(() -> 0.5);
        assertThat(List.of(middle.delay(1), middle.delay(2), middle.delay(3), middle.delay(4), middle.delay(7),
            middle.delay(8), middle.delay(100), middle.delay(Long.MAX_VALUE)))
            .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8),
                Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(60));
        Reconnect random = Reconnect.backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));
        for (int round = 0; round < 50; round++) {
            Duration previous = Duration.ZERO;
            for (int attempt = 1; attempt <= 6; attempt++) {
                Duration d = random.delay(attempt);
                long nominal = 1L << (attempt - 1);
                assertThat(d).isBetween(Duration.ofMillis(nominal * 900), Duration.ofMillis(nominal * 1100));
                assertThat(d).isGreaterThan(previous);
                previous = d;
            }
            assertThat(random.delay(20)).isBetween(Duration.ofSeconds(54), Duration.ofSeconds(60));
        }
        Reconnect high = Reconnect.backoff(Duration.ofSeconds(1), Duration.ofSeconds(60)).withRandom(() -> 0.99);
        assertThat(high.delay(30)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void backoffValidatesItsBounds() {
        assertThatThrownBy(() -> Reconnect.backoff(Duration.ZERO, Duration.ofSeconds(1)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> Reconnect.backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cap");
        assertThatThrownBy(() -> Reconnect.countdown(Duration.ofSeconds(1)).maxAttempts(-1))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyTransientCausesAreRetried() {
        Reconnect r = Reconnect.countdown(Duration.ofSeconds(5));
        assertThat(r.shouldReconnect(DROPPED, 1)).isTrue();
        assertThat(r.shouldReconnect(new StreamErrorException(StreamError.of(StreamError.Condition.SYSTEM_SHUTDOWN)), 1))
            .isTrue();
        assertThat(r.shouldReconnect(new StreamErrorException(StreamError.of(StreamError.Condition.CONFLICT)), 1))
            .isFalse();
        assertThat(r.shouldReconnect(new SaslException(SaslCondition.NOT_AUTHORIZED, "bad password"), 1)).isFalse();
        assertThat(r.shouldReconnect(new SaslException(SaslCondition.TEMPORARY_AUTH_FAILURE, "try later"), 1)).isFalse();
        assertThat(r.shouldReconnect(new TransportException("HTTP 404", false), 1)).isFalse();
        assertThat(r.shouldReconnect(new XmppException("generic"), 1)).isFalse();
        assertThat(r.shouldReconnect(new IllegalStateException("bug"), 1)).isFalse();
    }

    @Test
    void maxAttemptsLimitsTheAttempts() {
        Reconnect r = Reconnect.countdown(Duration.ofSeconds(5)).maxAttempts(3);
        assertThat(r.shouldReconnect(DROPPED, 3)).isTrue();
        assertThat(r.shouldReconnect(DROPPED, 4)).isFalse();
        assertThat(r.maxAttempts()).isEqualTo(3);
        assertThat(r).hasToString("Reconnect.countdown(PT5S).maxAttempts(3)");
    }

    @Test
    void asRetryItWaitsTheBackoffOnTheGivenScheduler() {
        VirtualTimeScheduler time = VirtualTimeScheduler.create();
        AtomicInteger subscriptions = new AtomicInteger();
        Reconnect r = Reconnect.backoff(Duration.ofSeconds(1), Duration.ofSeconds(3)).withRandom(() -> 0.5)
            .maxAttempts(4);
        Mono<String> failing = Mono.defer(() -> subscriptions.incrementAndGet() < 5
            ? Mono.error(DROPPED) : Mono.just("connected"));
        StepVerifier.withVirtualTime(() -> failing.retryWhen(r.toRetry(time)), () -> time, Long.MAX_VALUE)
            .expectSubscription()
            .then(() -> assertThat(subscriptions).hasValue(1))
            .thenAwait(Duration.ofMillis(999))
            .then(() -> assertThat(subscriptions).hasValue(1))
            .thenAwait(Duration.ofMillis(1))
            .then(() -> assertThat(subscriptions).hasValue(2))
            .thenAwait(Duration.ofSeconds(2))
            .then(() -> assertThat(subscriptions).hasValue(3))
            .thenAwait(Duration.ofMillis(2999))
            .then(() -> assertThat(subscriptions).hasValue(3))
            .thenAwait(Duration.ofMillis(1))
            .then(() -> assertThat(subscriptions).hasValue(4))
            .thenAwait(Duration.ofSeconds(3))
            .expectNext("connected")
            .verifyComplete();
    }

    @Test
    void asRetryItGivesUpOnATerminalCauseAtOnce() {
        VirtualTimeScheduler time = VirtualTimeScheduler.create();
        StreamErrorException conflict = new StreamErrorException(StreamError.of(StreamError.Condition.CONFLICT));
        StepVerifier.withVirtualTime(() -> Mono.error(conflict)
                .retryWhen(Reconnect.countdown(Duration.ofSeconds(1)).toRetry(time)), () -> time, Long.MAX_VALUE)
            .expectErrorSatisfies(e -> assertThat(e).isSameAs(conflict))
            .verify(Duration.ofSeconds(5));
    }
}
