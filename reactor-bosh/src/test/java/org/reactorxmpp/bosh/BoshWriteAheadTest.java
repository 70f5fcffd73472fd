package org.reactorxmpp.bosh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.reactorxmpp.bosh.BoshHandoverTest.STREAMS;
import static org.reactorxmpp.bosh.BoshHandoverTest.TIMEOUT;
import static org.reactorxmpp.bosh.BoshHandoverTest.awaitCondition;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactorxmpp.bosh.FakeConnectionManager.Received;
import org.reactorxmpp.xmpp.transport.StreamOpen;
import org.reactorxmpp.xmpp.transport.TransportConnection;

import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

/**
 * Write-ahead checkpoints ({@code TransportConnection.writeAheadCheckpoints}) against the scripted connection manager:
 * a request goes on the wire only after a checkpoint carrying it (same rid, same bytes) was stored; a store that
 * fails ends write-ahead with its error and lets the requests go; cancelling lets them go too.
 */
class BoshWriteAheadTest {

    private FakeConnectionManager cm;

    @AfterEach
    void stop() {
        if (cm != null) {
            cm.close();
        }
    }

    private TransportConnection open(ProsodyLikeHandler server) {
        cm = FakeConnectionManager.start(server);
        TransportConnection c = BoshTransport.builder().url(cm.url()).build().connect(StreamOpen.to("localhost"))
            .block(TIMEOUT);
        assertThat(c.inbound().next().block(TIMEOUT).is(STREAMS, "features")).isTrue();
        cm.awaitRequest(r -> !r.isCreation()).block(TIMEOUT); // the request the connection manager holds
        return c;
    }

    /** Registers {@code store}, stores the first checkpoint, sends {@code id} and awaits the checkpoint carrying it. */
    private static Disposable sendWhileWritingAhead(TransportConnection c, HeldStore store, String id) {
        Disposable writeAhead = writeAhead(c, store);
        c.send(BoshTransportTest.message(id)).subscribe();
        awaitCondition(() -> store.states.stream().anyMatch(s -> s.unanswered().stream().anyMatch(b -> b.contains(id))),
            "a checkpoint carrying " + id + "'s request");
        return writeAhead;
    }

    /** Registers {@code store} and stores the first checkpoint (the state at registration). */
    private static Disposable writeAhead(TransportConnection c, HeldStore store) {
        Disposable writeAhead = c.writeAheadCheckpoints(store::store).subscribe();
        awaitCondition(() -> !store.pending.isEmpty(), "the first write-ahead checkpoint");
        store.releaseAll();
        return writeAhead;
    }

    /** A store that completes each write only when the test says so. */
    private static final class HeldStore {
        final Queue<Sinks.Empty<Void>> pending = new ConcurrentLinkedQueue<>();
        final List<BoshSessionState> states = new CopyOnWriteArrayList<>();

        Mono<Void> store(byte[] state) {
            Sinks.Empty<Void> done = Sinks.empty();
            states.add(BoshSessionState.fromBytes(state));
            pending.add(done);
            return done.asMono();
        }

        void releaseAll() {
            for (Sinks.Empty<Void> done = pending.poll(); done != null; done = pending.poll()) {
                done.tryEmitEmpty();
            }
        }
    }

    @Test
    void aRequestGoesOnTheWireOnlyOnceACheckpointCarryingItWasStored() {
        ProsodyLikeHandler server = new ProsodyLikeHandler();
        TransportConnection c = open(server);
        HeldStore store = new HeldStore();
        Disposable writeAhead = sendWhileWritingAhead(c, store, "m1");
        // a full round trip through the connection manager and the session's loop: m1 is still not on the wire
        StepVerifier.create(c.inbound().filter(e -> "p1".equals(e.attribute("id"))).next())
            .then(() -> server.push(BoshHandoverTest.push("p1")))
            .expectNextCount(1)
            .expectComplete()
            .verify(TIMEOUT);
        assertThat(cm.received()).as("requests at the connection manager before the checkpoint was stored")
            .noneMatch(r -> r.carries("m1"));

        BoshSessionState carrying = store.states.stream()
            .filter(s -> s.unanswered().stream().anyMatch(b -> b.contains("m1"))).findFirst().orElseThrow();
        store.releaseAll();
        Received m1 = cm.awaitRequest(r -> r.carries("m1")).block(TIMEOUT);
        // the stored checkpoint has the request with the rid and the bytes the connection manager got
        long index = m1.rid() - carrying.nextRid();
        assertThat(index).isBetween(0L, (long) carrying.unanswered().size() - 1);
        assertThat(carrying.unanswered().get((int) index)).isEqualTo(m1.text());

        // every later request waits for its checkpoint as well; released as they come, traffic goes on
        Disposable releasing = reactor.core.publisher.Flux.interval(java.time.Duration.ofMillis(5))
            .subscribe(t -> store.releaseAll());
        c.send(BoshTransportTest.message("m2")).block(TIMEOUT);
        Received m2 = cm.awaitRequest(r -> r.carries("m2")).block(TIMEOUT);
        assertThat(store.states).anySatisfy(s -> {
            long i = m2.rid() - s.nextRid();
            assertThat(i).isBetween(0L, (long) s.unanswered().size() - 1);
            assertThat(s.unanswered().get((int) i)).isEqualTo(m2.text());
        });
        releasing.dispose();
        writeAhead.dispose();
        c.close(null).block(TIMEOUT);
    }

    @Test
    void cancellingLetsTheHeldRequestsGo() {
        ProsodyLikeHandler server = new ProsodyLikeHandler();
        TransportConnection c = open(server);
        HeldStore store = new HeldStore();
        Disposable writeAhead = sendWhileWritingAhead(c, store, "m1");
        assertThat(cm.received()).noneMatch(r -> r.carries("m1"));

        writeAhead.dispose();
        assertThat(cm.awaitRequest(r -> r.carries("m1")).block(TIMEOUT)).isNotNull();
        c.close(null).block(TIMEOUT);
    }

    @Test
    void aStoreThatFailsEndsWriteAheadWithItsErrorAndTheRequestsGo() {
        ProsodyLikeHandler server = new ProsodyLikeHandler();
        TransportConnection c = open(server);
        IllegalStateException down = new IllegalStateException("the store is down");
        Mono<Void> writeAhead = c.writeAheadCheckpoints(state -> Mono.error(down));
        StepVerifier.create(writeAhead).expectErrorMatches(e -> e == down).verify(TIMEOUT);

        c.send(BoshTransportTest.message("m1")).block(TIMEOUT);
        assertThat(cm.awaitRequest(r -> r.carries("m1")).block(TIMEOUT)).isNotNull();
        c.close(null).block(TIMEOUT);
    }

    @Test
    void writeAheadEndsWithTheConnectionAndIsStoredByOneSubscriberAtATime() {
        ProsodyLikeHandler server = new ProsodyLikeHandler();
        TransportConnection c = open(server);
        Mono<Void> first = c.writeAheadCheckpoints(state -> Mono.empty());
        StepVerifier.create(first)
            .then(() -> StepVerifier.create(c.writeAheadCheckpoints(state -> Mono.empty()))
                .expectError(IllegalStateException.class)
                .verify(TIMEOUT))
            .then(() -> c.close(null).subscribe())
            .expectComplete()
            .verify(TIMEOUT);
    }
}
