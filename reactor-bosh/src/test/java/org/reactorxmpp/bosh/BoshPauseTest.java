package org.reactorxmpp.bosh;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactorxmpp.bosh.FakeConnectionManager.Received;
import org.reactorxmpp.xmpp.transport.StreamOpen;
import org.reactorxmpp.xmpp.transport.TransportConnection;

import reactor.test.StepVerifier;

/** XEP-0124 section 10: pausing a session, resuming it, and handing a paused session over. */
class BoshPauseTest {

    static final Duration TIMEOUT = Duration.ofSeconds(20);

    private FakeConnectionManager cm;

    @AfterEach
    void stop() {
        if (cm != null) {
            cm.close();
        }
    }

    /** The clock of the client's timers and of the fake's pause expiry: tests move it, nothing sleeps. */
    private final reactor.test.scheduler.VirtualTimeScheduler time = reactor.test.scheduler.VirtualTimeScheduler.create();

    private TransportConnection connect(ProsodyLikeHandler server) {
        server.clock = () -> time.now(java.util.concurrent.TimeUnit.NANOSECONDS);
        cm = FakeConnectionManager.start(server);
        TransportConnection c = BoshTransport.builder().url(cm.url()).timer(time).build()
            .connect(StreamOpen.to("localhost")).block(TIMEOUT);
        c.inbound().next().block(TIMEOUT);
        cm.awaitRequest(r -> !r.isCreation()).block(TIMEOUT); // held: a pause cannot overtake it
        return c;
    }

    private static ProsodyLikeHandler pausable() {
        ProsodyLikeHandler server = new ProsodyLikeHandler();
        server.maxpause = 120;
        return server;
    }

    /** The fake records a pause when it processes the request, which may be just after the request was seen. */
    private static void awaitPauses(ProsodyLikeHandler server, int count) {
        reactor.core.publisher.Mono.fromCallable(server::pauses).filter(p -> p.size() >= count)
            .repeatWhenEmpty(r -> r.delayElements(Duration.ofMillis(10))).block(TIMEOUT);
    }

    @Test
    void pauseStopsRequestsUntilResume() {
        ProsodyLikeHandler server = pausable();
        TransportConnection c = connect(server);
        assertThat(BoshTransport.maxPause(c)).contains(Duration.ofSeconds(120));

        StepVerifier.create(BoshTransport.pause(c, Duration.ofSeconds(30))).expectComplete().verify(TIMEOUT);
        Received pause = cm.awaitRequest(r -> r.body().attribute("pause") != null).block(TIMEOUT);
        assertThat(pause.body().attribute("pause")).isEqualTo("30");
        awaitPauses(server, 1);
        assertThat(server.pauses()).containsExactly("30");
        // the fake answered everything at once; the paused client holds nothing, and makes no request however
        // long it waits within the pause: every timer of the client runs on this clock
        int seen = cm.received().size();
        time.advanceTimeBy(Duration.ofSeconds(29));
        assertThat(server.heldCount()).isZero();

        StepVerifier.create(BoshTransport.resume(c)).expectComplete().verify(TIMEOUT);
        Received next = cm.awaitRequest(r -> r.index() >= seen).block(TIMEOUT);
        assertThat(next.body().attribute("pause")).isNull();
        // the rid right after the pause's: no request was made in between, in the 29 s of the pause
        assertThat(next.rid()).isEqualTo(pause.rid() + 1);
        StepVerifier.create(c.send(BoshTransportTest.message("m1"))).expectComplete().verify(TIMEOUT);
        StepVerifier.create(c.close(null)).expectComplete().verify(TIMEOUT);
        assertThat(server.delivered()).containsExactly(BoshTransportTest.message("m1"));
    }

    @Test
    void sendingResumesAPausedSession() {
        ProsodyLikeHandler server = pausable();
        server.echo = true;
        TransportConnection c = connect(server);
        StepVerifier.create(BoshTransport.pause(c, Duration.ofSeconds(30))).expectComplete().verify(TIMEOUT);
        StepVerifier.create(c.inbound().filter(e -> "m1".equals(e.attribute("id"))).next())
            .then(() -> c.send(BoshTransportTest.message("m1")).subscribe())
            .expectNextCount(1)
            .expectComplete()
            .verify(TIMEOUT);
    }

    @Test
    void aPauseLongerThanMaxpauseIsRefused() {
        TransportConnection c = connect(pausable());
        StepVerifier.create(BoshTransport.pause(c, Duration.ofSeconds(121)))
            .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxpause of 120 s"))
            .verify(TIMEOUT);
        assertThat(cm.received()).noneMatch(r -> r.body().attribute("pause") != null);
    }

    @Test
    void withoutMaxpauseAPauseIsATypedError() {
        TransportConnection c = connect(new ProsodyLikeHandler());
        assertThat(BoshTransport.maxPause(c)).isEmpty();
        StepVerifier.create(BoshTransport.pause(c, Duration.ofSeconds(10)))
            .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(BoshPauseUnsupportedException.class)
                .hasMessageContaining("maxpause"))
            .verify(TIMEOUT);
    }

    @Test
    void aPausedSessionIsDetachedAndAttachedWithinThePause() {
        ProsodyLikeHandler server = pausable();
        TransportConnection c = connect(server);
        StepVerifier.create(BoshTransport.pause(c, Duration.ofSeconds(60))).expectComplete().verify(TIMEOUT);
        cm.awaitRequest(r -> r.body().attribute("pause") != null).block(TIMEOUT);
        BoshSessionState state = BoshTransport.detach(c).block(TIMEOUT);

        // the reloaded page
        TransportConnection again = BoshTransport.builder().url(cm.url()).build().attach(state).block(TIMEOUT);
        StepVerifier.create(again.send(BoshTransportTest.message("m2"))).expectComplete().verify(TIMEOUT);
        StepVerifier.create(again.close(null)).expectComplete().verify(TIMEOUT);
        assertThat(server.delivered()).containsExactly(BoshTransportTest.message("m2"));
    }

    @Test
    void anAttachedSessionKnowsMaxpauseAndPausesAgain() {
        ProsodyLikeHandler server = pausable();
        TransportConnection c = connect(server);
        BoshSessionState state = BoshTransport.detach(c).block(TIMEOUT);
        assertThat(state.maxpause()).isEqualTo(Duration.ofSeconds(120));

        TransportConnection again = BoshTransport.builder().url(cm.url()).build().attach(state).block(TIMEOUT);
        assertThat(BoshTransport.maxPause(again)).contains(Duration.ofSeconds(120));
        StepVerifier.create(BoshTransport.pause(again, Duration.ofSeconds(45))).expectComplete().verify(TIMEOUT);
        assertThat(cm.awaitRequest(r -> r.body().attribute("pause") != null).block(TIMEOUT).body().attribute("pause"))
            .isEqualTo("45");
        awaitPauses(server, 1);
        assertThat(server.pauses()).containsExactly("45");
        StepVerifier.create(again.send(BoshTransportTest.message("m3"))).expectComplete().verify(TIMEOUT);
        StepVerifier.create(again.close(null)).expectComplete().verify(TIMEOUT);
        assertThat(server.delivered()).containsExactly(BoshTransportTest.message("m3"));
    }

    @Test
    void aRequestAfterThePauseRanOutFindsTheSessionGone() {
        ProsodyLikeHandler server = pausable();
        TransportConnection c = connect(server);
        StepVerifier.create(BoshTransport.pause(c, Duration.ofSeconds(1))).expectComplete().verify(TIMEOUT);
        cm.awaitRequest(r -> r.body().attribute("pause") != null).block(TIMEOUT);
        awaitPauses(server, 1);
        time.advanceTimeBy(Duration.ofMillis(1500)); // longer than the pause, on the fake's clock too
        StepVerifier.create(BoshTransport.resume(c)).expectComplete().verify(TIMEOUT);
        StepVerifier.create(c.onClose())
            .expectErrorSatisfies(e -> assertThat(((BoshException) e).condition()).isEqualTo(BoshCondition.ITEM_NOT_FOUND))
            .verify(TIMEOUT);
    }
}
