package org.reactorxmpp.xmpp.session;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.XmppException;
import org.reactorxmpp.xmpp.sasl.SaslException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.util.retry.Retry;

/**
 * When and how often a session that dropped reconnects by itself (set with
 * {@link XmppClient.Builder#reconnect(Reconnect)}). Immutable.
 *
 * <p>Only a {@linkplain XmppException#isTransient() transient} cause is retried (a transport
 * failure, a stream error such as {@code system-shutdown}); never a {@code conflict} stream error,
 * an authentication failure ({@link SaslException}, even a temporary one), an explicit
 * {@link XmppSession#close()} or a clean end of the stream.
 *
 * <pre>{@code
 * XmppClient.builder()...
 *     .reconnect(Reconnect.backoff(Duration.ofSeconds(1), Duration.ofMinutes(2)).maxAttempts(20))
 *     .build();
 * }</pre>
 */
public final class Reconnect {

    private static final double JITTER = 0.10;
    private static final Reconnect DISABLED = new Reconnect(Duration.ZERO, Duration.ZERO, false, 0, null);

    private final Duration first;
    private final Duration cap;
    private final boolean exponential;
    private final long maxAttempts;
    private final @Nullable DoubleSupplier random;

    private Reconnect(Duration first, Duration cap, boolean exponential, long maxAttempts,
                      @Nullable DoubleSupplier random) {
        this.first = first;
        this.cap = cap;
        this.exponential = exponential;
        this.maxAttempts = maxAttempts;
        this.random = random;
    }

    /** @return no automatic reconnect: a dropped session ends with {@link ConnectionState.Kind#DISCONNECTED} */
    public static Reconnect disabled() {
        return DISABLED;
    }

    /**
     * CAXL's {@code baseReconnectCountdown}: each attempt waits {@code base} randomised by +-10%.
     *
     * @param base the delay before each attempt; zero disables reconnecting
     * @return the policy
     */
    public static Reconnect countdown(Duration base) {
        Objects.requireNonNull(base, "base");
        if (base.isNegative()) {
            throw new IllegalArgumentException("reconnect countdown must be >= 0, was " + base);
        }
        return base.isZero() ? DISABLED : new Reconnect(base, base, false, 0, null);
    }

    /**
     * Exponential backoff: attempt {@code n} waits {@code first * 2^(n-1)} randomised by +-10%,
     * never more than {@code cap}.
     *
     * @param first the delay before the first attempt, positive
     * @param cap the longest delay, at least {@code first}
     * @return the policy
     */
    public static Reconnect backoff(Duration first, Duration cap) {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(cap, "cap");
        if (first.isNegative() || first.isZero()) {
            throw new IllegalArgumentException("first reconnect delay must be positive, was " + first);
        }
        if (cap.compareTo(first) < 0) {
            throw new IllegalArgumentException("reconnect delay cap " + cap + " is shorter than the first delay " + first);
        }
        return new Reconnect(first, cap, true, 0, null);
    }

    /**
     * @param attempts the most attempts after one loss (a successful reconnect starts a new count);
     *     0 for no limit
     * @return a copy with that limit
     */
    public Reconnect maxAttempts(long attempts) {
        if (attempts < 0) {
            throw new IllegalArgumentException("maxAttempts must be >= 0, was " + attempts);
        }
        return isEnabled() ? new Reconnect(first, cap, exponential, attempts, random) : this;
    }

    /**
     * For tests: the source of the jitter, returning values in {@code [0, 1)}.
     *
     * @param source the random source
     * @return a copy using it
     */
    Reconnect withRandom(DoubleSupplier source) {
        return isEnabled() ? new Reconnect(first, cap, exponential, maxAttempts, source) : this;
    }

    /** @return whether a dropped session reconnects at all */
    public boolean isEnabled() {
        return !first.isZero();
    }

    /** @return the most attempts after one loss, 0 for no limit */
    public long maxAttempts() {
        return maxAttempts;
    }

    /**
     * @param error why the session dropped or the last attempt failed
     * @param attempt the attempt about to be made, from 1
     * @return whether to make it
     */
    public boolean shouldReconnect(Throwable error, long attempt) {
        if (!isEnabled() || (maxAttempts > 0 && attempt > maxAttempts)) {
            return false;
        }
        if (error instanceof SaslException) {
            return false;
        }
        return error instanceof XmppException && ((XmppException) error).isTransient();
    }

    /**
     * @param attempt the attempt, from 1
     * @return how long to wait before it (randomised)
     */
    public Duration delay(long attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be >= 1, was " + attempt);
        }
        if (!isEnabled()) {
            throw new IllegalStateException("reconnect is disabled");
        }
        long nominal = first.toNanos();
        if (exponential) {
            int shift = (int) Math.min(attempt - 1, 62);
            nominal = nominal > (cap.toNanos() >> shift) ? cap.toNanos() : Math.min(cap.toNanos(), nominal << shift);
        }
        double r = random == null ? ThreadLocalRandom.current().nextDouble() : random.getAsDouble();
        double factor = 1 - JITTER + 2 * JITTER * r;
        long nanos = (long) (nominal * factor);
        if (exponential) {
            nanos = Math.min(nanos, cap.toNanos());
        }
        return Duration.ofNanos(Math.max(1, nanos));
    }

    /**
     * This policy as a Reactor {@link Retry}: waits {@link #delay(long)} on a scheduler before each
     * retry that {@link #shouldReconnect(Throwable, long)} allows, otherwise propagates the error.
     *
     * @param scheduler where the delays run (a virtual-time scheduler in tests)
     * @return the retry spec
     */
    public Retry toRetry(Scheduler scheduler) {
        Objects.requireNonNull(scheduler, "scheduler");
        return Retry.from(signals -> signals.concatMap(signal -> {
            long attempt = signal.totalRetriesInARow() + 1;
            if (!shouldReconnect(signal.failure(), attempt)) {
                return Mono.error(signal.failure());
            }
            return Mono.delay(delay(attempt), scheduler);
        }));
    }

    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Reconnect)) {
            return false;
        }
        Reconnect other = (Reconnect) o;
        return first.equals(other.first) && cap.equals(other.cap) && exponential == other.exponential
            && maxAttempts == other.maxAttempts;
    }

    @Override
    public int hashCode() {
        return Objects.hash(first, cap, exponential, maxAttempts);
    }

    @Override
    public String toString() {
        if (!isEnabled()) {
            return "Reconnect.disabled";
        }
        String s = exponential ? "Reconnect.backoff(" + first + ", " + cap + ")" : "Reconnect.countdown(" + first + ")";
        return maxAttempts > 0 ? s + ".maxAttempts(" + maxAttempts + ")" : s;
    }
}
