package org.reactorxmpp.xmpp.session.internal;

import org.reactorxmpp.xmpp.session.ConnectionState;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/** The connection states of one connect attempt and its session, replaying the latest. */
final class StateSink {

    private final Sinks.Many<ConnectionState> sink = Sinks.many().replay().latest();

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
