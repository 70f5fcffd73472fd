package org.reactorxmpp.bosh;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactorxmpp.xmpp.transport.StreamOpen;
import org.reactorxmpp.xmpp.transport.TransportConnection;

import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

/** {@code close()} completes even when the connection manager never answers the terminate. */
class BoshCloseGraceTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private FakeConnectionManager cm;

    @AfterEach
    void stop() {
        if (cm != null) {
            cm.close();
        }
    }

    @Test
    void anUnansweredTerminateEndsTheSessionAfterTheGrace() {
        ProsodyLikeHandler prosody = new ProsodyLikeHandler();
        // everything as Prosody would answer, except the terminate: held forever
        cm = FakeConnectionManager.start(r -> "terminate".equals(r.body().attribute("type")) ? Mono.never() : prosody.handle(r));
        VirtualTimeScheduler time = VirtualTimeScheduler.create();
        TransportConnection c = BoshTransport.builder().url(cm.url()).timer(time).build()
            .connect(StreamOpen.to("localhost")).block(TIMEOUT);
        AtomicBoolean closed = new AtomicBoolean();
        c.close(null).subscribe(null, e -> { }, () -> closed.set(true));
        cm.awaitRequest(r -> "terminate".equals(r.body().attribute("type"))).block(TIMEOUT);

        time.advanceTimeBy(Duration.ofSeconds(9));
        assertThat(closed).as("still waiting for the answer before the grace ends").isFalse();
        time.advanceTimeBy(Duration.ofSeconds(1));
        // the grace task goes through the connection's task loop: wait for it (bounded)
        c.onClose().block(TIMEOUT);
        assertThat(closed).as("close() completed after the grace").isTrue();
    }
}
