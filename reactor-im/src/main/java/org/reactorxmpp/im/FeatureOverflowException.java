package org.reactorxmpp.im;

import org.reactorxmpp.xmpp.XmppException;

/**
 * A subscriber of one of a feature's hot streams (chat messages, carbons, receipts, roster changes,
 * ...) fell behind: more events than the stream buffers per subscriber were waiting for it. The
 * subscriber receives every buffered event first, then this error; other subscribers and the
 * session are not affected. Events are never dropped silently: consume faster (do not block in
 * {@code onNext}), or request more.
 *
 * <pre>{@code
 * Carbons.of(session).carbons()
 *     .onErrorResume(FeatureOverflowException.class, e -> {
 *         log.warn("{} events lost after {} buffered", e.feature(), e.capacity());
 *         return Flux.empty();
 *     })
 *     .subscribe(this::show);
 * }</pre>
 */
public final class FeatureOverflowException extends XmppException {

    private static final long serialVersionUID = 1L;

    private final String feature;
    private final int capacity;

    /**
     * @param feature the stream that overflowed, for example {@code carbons}
     * @param capacity how many events it buffers per subscriber
     */
    public FeatureOverflowException(String feature, int capacity) {
        super(feature + ": subscriber too slow, more than " + capacity
            + " events were waiting for it (the stream's per-subscriber limit); none were dropped before this error");
        this.feature = feature;
        this.capacity = capacity;
    }

    /** @return the stream that overflowed, for example {@code carbons} or {@code chat messages of bob@example.com} */
    public String feature() {
        return feature;
    }

    /** @return how many events the stream buffers per subscriber */
    public int capacity() {
        return capacity;
    }
}
