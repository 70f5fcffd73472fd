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

    private final Sinks.Many<ConnectionState> sink = Sinks.many().replay().limit(HISTORY);

    synchronized void emit(ConnectionState state) {
        sink.tryEmitNext(state);
    }

    synchronized void complete() {
        sink.tryEmitComplete();
    }

    Flux<ConnectionState> flux() {
        return sink.asFlux();
    }
}
