package org.reactorxmpp.xmpp.failover;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * What an error means for failover, beyond "this attempt failed": go to a named target, the node
 * is going away, or stop trying. Immutable. Produced by {@link FailoverSignals}; an exception that
 * knows its meaning implements {@link Carrier} (a transport's see-other-uri condition, say), which
 * keeps the core free of transport classes.
 *
 * <pre>{@code
 * FailoverSignals bosh = (error, current) -> error instanceof BoshException b && b.seeOtherUri().isPresent()
 *     ? Optional.of(FailoverSignal.redirect(b.seeOtherUri().get())) : Optional.empty();
 * }</pre>
 */
public final class FailoverSignal {

    /** The kinds of signal. */
    public enum Kind {
        /** Connect to {@link #target()} next (RFC 6120 see-other-host, XEP-0124 see-other-uri). */
        REDIRECT,
        /** The node is going away (system-shutdown): go on with the next candidate, not this one. */
        NODE_DOWN,
        /** Trying elsewhere cannot help (authentication failed, conflict): give up. */
        STOP
    }

    /** Implemented by exceptions that may carry a failover meaning (a transport's redirect, say). */
    public interface Carrier {
        /**
         * @param current the URL the error came from
         * @return what the failover should do about this error; empty when it means nothing special
         */
        Optional<FailoverSignal> failoverSignal(java.net.URI current);
    }

    private static final FailoverSignal NODE_DOWN = new FailoverSignal(Kind.NODE_DOWN, null);
    private static final FailoverSignal STOP = new FailoverSignal(Kind.STOP, null);

    private final Kind kind;
    private final @Nullable URI target;

    private FailoverSignal(Kind kind, @Nullable URI target) {
        this.kind = kind;
        this.target = target;
    }

    /**
     * @param target where to connect instead
     * @return a {@link Kind#REDIRECT} signal
     */
    public static FailoverSignal redirect(URI target) {
        return new FailoverSignal(Kind.REDIRECT, Objects.requireNonNull(target, "target"));
    }

    /** @return a {@link Kind#NODE_DOWN} signal */
    public static FailoverSignal nodeDown() {
        return NODE_DOWN;
    }

    /** @return a {@link Kind#STOP} signal */
    public static FailoverSignal stop() {
        return STOP;
    }

    /** @return the kind */
    public Kind kind() {
        return kind;
    }

    /** @return the redirect target, for {@link Kind#REDIRECT} */
    public Optional<URI> target() {
        return Optional.ofNullable(target);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof FailoverSignal other && kind == other.kind && Objects.equals(target, other.target);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, target);
    }

    @Override
    public String toString() {
        return target == null ? kind.name() : kind + "(" + target + ")";
    }
}
