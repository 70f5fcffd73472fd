package org.reactorxmpp.xmpp.failover;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.XmppException;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * One pass over candidate URLs: which one to try now, which were tried and why each failed. Each URL
 * is tried at most once per walk (a redirect to a URL already tried is not followed), so a walk
 * always ends. Thread-safe.
 *
 * <p>{@link #retry()} turns the walk into a Reactor {@link Retry}: an attempt that reads
 * {@link #current()} is resubscribed on the next candidate after each failure, follows redirects
 * ({@link FailoverSignal.Kind#REDIRECT}, {@link ServiceDiscoveryRedirect}) first, stops at once on
 * {@link FailoverSignal.Kind#STOP} or an error that is not an {@link XmppException}, and ends with a
 * {@link FailoverExhaustedException} naming every URL tried.
 *
 * <pre>{@code
 * CandidateWalk walk = CandidateWalk.of(candidates, FailoverSignals.defaults());
 * Mono<Connection> connection = Mono.defer(() -> connectTo(walk.current().url())).retryWhen(walk.retry());
 * }</pre>
 */
public final class CandidateWalk {

    private final Deque<Candidate> remaining;
    private final Set<String> tried = new HashSet<>();
    private final List<FailoverExhaustedException.Attempt> attempts = new ArrayList<>();
    private final FailoverSignals signals;
    private @Nullable Candidate current;

    private CandidateWalk(List<Candidate> candidates, FailoverSignals signals) {
        this.remaining = new ArrayDeque<>(candidates);
        this.signals = signals;
    }

    /**
     * @param candidates the candidates, in order (duplicates are tried once)
     * @return a walk reading errors with {@link FailoverSignals#defaults()}
     */
    public static CandidateWalk of(List<Candidate> candidates) {
        return of(candidates, FailoverSignals.defaults());
    }

    /**
     * @param candidates the candidates, in order (duplicates are tried once)
     * @param signals how errors are read
     * @return the walk, positioned on the first candidate
     */
    public static CandidateWalk of(List<Candidate> candidates, FailoverSignals signals) {
        Objects.requireNonNull(candidates, "candidates");
        Objects.requireNonNull(signals, "signals");
        return new CandidateWalk(candidates, signals);
    }

    /**
     * Excludes a URL from this walk (for example the node that just announced its shutdown).
     *
     * @param url the URL
     * @return this walk
     */
    public synchronized CandidateWalk exclude(URI url) {
        if (current != null && current.hasUrl(url)) {
            throw new IllegalStateException("cannot exclude the current candidate " + current);
        }
        tried.add(Candidate.key(url));
        return this;
    }

    /**
     * @return the candidate to try now (the first call moves onto the first candidate)
     * @throws FailoverExhaustedException when none is left
     */
    public synchronized Candidate current() {
        if (current == null) {
            advance();
        }
        Candidate c = current;
        if (c == null) {
            throw exhausted();
        }
        return c;
    }

    /** @return whether no candidate is left */
    public synchronized boolean isExhausted() {
        if (current == null) {
            advance();
        }
        return current == null;
    }

    /**
     * @param url a URL
     * @return whether it was (or is being) tried in this walk, or was excluded
     */
    public synchronized boolean wasTried(URI url) {
        return tried.contains(Candidate.key(url));
    }

    /**
     * The current candidate failed: records why and moves to the next untried one.
     *
     * @param error why it failed
     * @return whether a candidate is left
     */
    public synchronized boolean failed(Throwable error) {
        Candidate c = current();
        attempts.add(new FailoverExhaustedException.Attempt(c, error));
        current = null;
        return advance();
    }

    /**
     * The current candidate sent the client elsewhere: records why and puts the targets not tried yet
     * first, in order.
     *
     * @param why the redirect
     * @param targets where to go
     * @return whether a candidate is left
     */
    public synchronized boolean redirect(Throwable why, List<Candidate> targets) {
        Candidate c = current();
        attempts.add(new FailoverExhaustedException.Attempt(c, why));
        for (int i = targets.size() - 1; i >= 0; i--) {
            remaining.addFirst(targets.get(i));
        }
        current = null;
        return advance();
    }

    /** @return the attempts that did not give a session, in order */
    public synchronized List<FailoverExhaustedException.Attempt> attempts() {
        return List.copyOf(attempts);
    }

    /** @return the error that ends a walk with no candidate left */
    public synchronized FailoverExhaustedException exhausted() {
        return new FailoverExhaustedException(attempts);
    }

    private boolean advance() {
        Candidate next;
        while ((next = remaining.pollFirst()) != null) {
            if (tried.add(Candidate.key(next.url()))) {
                current = next;
                return true;
            }
        }
        return false;
    }

    /**
     * Reads what an error means for this walk and moves accordingly.
     *
     * @param error why the current attempt failed
     * @return empty to try {@link #current()} now; or the error that ends the walk
     */
    public Optional<Throwable> onFailure(Throwable error) {
        Candidate c;
        synchronized (this) {
            if (isExhausted()) {
                return Optional.of(exhausted());
            }
            c = current();
        }
        if (error instanceof ServiceDiscoveryRedirect sd) {
            return redirect(error, sd.nodes().candidates()) ? Optional.empty() : Optional.of(exhausted());
        }
        Optional<FailoverSignal> signal = signals.signal(error, c.url());
        if (signal.map(s -> s.kind() == FailoverSignal.Kind.STOP).orElse(false) || !(error instanceof XmppException)) {
            return Optional.of(error);
        }
        boolean left = signal.filter(s -> s.kind() == FailoverSignal.Kind.REDIRECT)
            .map(s -> redirect(error, List.of(Candidate.of(s.target().orElseThrow(), Candidate.Role.REDIRECT))))
            .orElseGet(() -> failed(error));
        return left ? Optional.empty() : Optional.of(exhausted());
    }

    /**
     * @return a retry strategy that walks this walk's candidates without delay (see the class comment)
     */
    public Retry retry() {
        return Retry.from(signals -> signals.concatMap(signal -> {
            Optional<Throwable> end = onFailure(signal.failure());
            return end.isPresent() ? Mono.<Long>error(end.get()) : Mono.just(signal.totalRetries());
        }));
    }

    @Override
    public synchronized String toString() {
        return "CandidateWalk{current=" + current + ", remaining=" + remaining + ", attempts=" + attempts.size() + "}";
    }
}
