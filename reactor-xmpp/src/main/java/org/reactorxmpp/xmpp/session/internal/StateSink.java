package org.reactorxmpp.xmpp.session.internal;

import org.reactorxmpp.xmpp.session.ConnectionState;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * The connection states of a session, replaying the last {@value #HISTORY} to each new subscriber
 * (so that the connect sequence {@code CONNECTING, AUTHENTICATING, BINDING, CONNECTED} is visible to
 * a subscriber that arrives once the session is handed out), then live changes.
 */
final class StateSink {

    /** How many past states a new subscriber receives. */
    static final int HISTORY = 16;

    /** A state with its position, so that live changes can be told from replayed history. */
    private record Entry(long seq, ConnectionState state) {
    }

    private final Sinks.Many<Entry> sink = Sinks.many().replay().limit(HISTORY);
    private long seq;

    synchronized void emit(ConnectionState state) {
        sink.tryEmitNext(new Entry(++seq, state));
    }

    synchronized void complete() {
        sink.tryEmitComplete();
    }

    Flux<ConnectionState> flux() {
        return sink.asFlux().map(Entry::state);
    }

    /**
     * Only the states emitted after subscription. Race-free: a state emitted between reading the
     * position and the actual subscription is in the replay with a higher position and is kept.
     */
    Flux<ConnectionState> changes() {
        return Flux.defer(() -> {
            long from;
            synchronized (this) {
                from = seq;
            }
            return sink.asFlux().filter(e -> e.seq() > from).map(Entry::state);
        });
    }
}
