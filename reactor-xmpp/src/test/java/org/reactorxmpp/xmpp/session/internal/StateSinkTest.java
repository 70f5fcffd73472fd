package org.reactorxmpp.xmpp.session.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.xmpp.session.ConnectionState;
import reactor.core.Disposable;
import reactor.test.StepVerifier;

class StateSinkTest {

    @Test
    void statesReplayTheHistoryButChangesStartNow() {
        StateSink sink = new StateSink();
        sink.emit(ConnectionState.CONNECTED);
        sink.emit(ConnectionState.reconnecting(1));
        sink.emit(ConnectionState.CONNECTED);

        List<ConnectionState> changes = new CopyOnWriteArrayList<>();
        Disposable d = sink.changes().subscribe(changes::add);
        // an old RECONNECTING is history: a transition watcher must not see it
        assertThat(changes).isEmpty();

        sink.emit(ConnectionState.reconnecting(2));
        sink.emit(ConnectionState.CONNECTED);
        assertThat(changes).containsExactly(ConnectionState.reconnecting(2), ConnectionState.CONNECTED);
        d.dispose();

        StepVerifier.create(sink.flux().take(3))
            .expectNext(ConnectionState.CONNECTED, ConnectionState.reconnecting(1), ConnectionState.CONNECTED)
            .verifyComplete();
    }

    @Test
    void aStateEmittedBetweenDeferAndSubscribeIsNotLost() {
        StateSink sink = new StateSink();
        sink.emit(ConnectionState.CONNECTED);
        // the position is read when subscribing: emit from inside the subscription path
        StepVerifier.create(sink.changes().doOnSubscribe(s -> sink.emit(ConnectionState.DISCONNECTING)).take(1))
            .expectNext(ConnectionState.DISCONNECTING)
            .verifyComplete();
    }

    @Test
    void changesCompleteWithTheSession() {
        StateSink sink = new StateSink();
        sink.emit(ConnectionState.CONNECTED);
        StepVerifier.create(sink.changes())
            .then(() -> {
                sink.emit(ConnectionState.disconnected(null));
                sink.complete();
            })
            .expectNext(ConnectionState.disconnected(null))
            .expectComplete()
            .verify(Duration.ofSeconds(5));
    }
}
