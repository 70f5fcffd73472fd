package org.reactorxmpp.xmpp.session.internal;

import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.failover.Candidate;
import org.reactorxmpp.xmpp.failover.CandidateWalk;
import org.reactorxmpp.xmpp.sasl.SaslCredentials;
import org.reactorxmpp.xmpp.session.ConnectionState;
import org.reactorxmpp.xmpp.session.Reconnect;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * How the session gets a connection: the first one, and a new one after a loss, driven by the
 * {@link Reconnect} policy's {@link Retry}. Announces {@code RECONNECTING(n, cause)} before each
 * attempt's delay (with candidate URLs: before each candidate, the policy's delay coming before a
 * round's first candidate, the policy's attempts counting rounds).
 */
final class Reconnector {

    private final SessionSettings settings;
    private final @Nullable FailoverConnector failover;
    private final Supplier<SaslCredentials> credentials;
    private final boolean destroyAfterSasl;
    private final Consumer<ConnectionState> states;
    private final BooleanSupplier closing;
    private final Supplier<SmSession.@Nullable Ticket> tickets;

    /**
     * @param credentials the credentials of each attempt
     * @param destroyAfterSasl whether each attempt zeroes its credentials after SASL
     * @param states told of each state to emit: the attempts' progress and the announcements
     * @param closing whether the session is closing (no more announcements then)
     */
    Reconnector(SessionSettings settings, Supplier<SaslCredentials> credentials, boolean destroyAfterSasl,
                Consumer<ConnectionState> states, BooleanSupplier closing, Supplier<SmSession.@Nullable Ticket> tickets) {
        this.settings = settings;
        FailoverSettings f = settings.failover();
        this.failover = f == null ? null : new FailoverConnector(settings, f);
        this.credentials = credentials;
        this.destroyAfterSasl = destroyAfterSasl;
        this.states = states;
        this.closing = closing;
        this.tickets = tickets;
    }

    /** @return the first connection (with candidate URLs: the first that works) */
    Mono<BoundConnection> first() {
        FailoverConnector f = failover;
        if (f == null) {
            return Mono.defer(() -> new Negotiation(settings, credentials.get(), destroyAfterSasl, states).run());
        }
        return f.firstWalk().flatMap(walk -> f.walk(walk, c -> Mono.empty(), credentials, destroyAfterSasl, states,
            error -> { }, () -> null));
    }

    /**
     * @param cause why the last connection was lost (the policy already allowed attempt 1 for it)
     * @param lost the candidate it ran on, or {@code null} with a single transport
     * @return a new connection, or the error that made the policy give up
     */
    Mono<BoundConnection> after(Throwable cause, @Nullable Candidate lost) {
        FailoverConnector f = failover;
        return f == null ? retried(cause) : rounds(f, cause, lost);
    }

    private Mono<BoundConnection> retried(Throwable cause) {
        Reconnect policy = settings.reconnect();
        Retry announced = Retry.from(signals -> policy.toRetry(settings.timer()).generateCompanion(
            signals.doOnNext(signal -> {
                long n = signal.totalRetriesInARow() + 1;
                if (!closing.getAsBoolean() && policy.shouldReconnect(signal.failure(), n)) {
                    states.accept(ConnectionState.reconnecting((int) Math.min(n, Integer.MAX_VALUE), signal.failure()));
                }
            })));
        // the loss itself is the first signal, so the policy's delay comes before attempt 1 too
        AtomicBoolean lossReported = new AtomicBoolean();
        return Mono.defer(() -> lossReported.getAndSet(true)
                ? new Negotiation(settings, credentials.get(), destroyAfterSasl, states).resuming(tickets).run()
                : Mono.<BoundConnection>error(cause))
            .retryWhen(announced);
    }

    private Mono<BoundConnection> rounds(FailoverConnector f, Throwable cause, @Nullable Candidate lost) {
        Reconnect policy = settings.reconnect();
        AtomicLong round = new AtomicLong(1);
        AtomicInteger attempts = new AtomicInteger();
        AtomicReference<Throwable> last = new AtomicReference<>(cause);
        Mono<BoundConnection> oneRound = Mono.defer(() -> {
            long r = round.get();
            Mono<CandidateWalk> walks = r == 1 ? f.walkAfterDrop(cause, lost) : f.restartWalk();
            AtomicBoolean first = new AtomicBoolean(true);
            return walks.flatMap(walk -> f.walk(walk, candidate -> {
                if (closing.getAsBoolean()) {
                    return Mono.error(new CancellationException("closed while reconnecting"));
                }
                states.accept(ConnectionState.reconnecting(attempts.incrementAndGet(), last.get())
                    .withUrl(candidate.url()));
                return first.getAndSet(false) ? Mono.delay(policy.delay(r), settings.timer()).then() : Mono.empty();
            }, credentials, destroyAfterSasl, states, last::set, tickets));
        });
        return oneRound.retryWhen(Retry.from(signals -> signals.concatMap(signal -> {
            long next = round.get() + 1;
            Throwable error = signal.failure();
            if (closing.getAsBoolean() || error instanceof CancellationException || !policy.shouldReconnect(error, next)) {
                return Mono.error(error);
            }
            round.set(next);
            return Mono.just(next);
        })));
    }
}
