package org.reactorxmpp.bosh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.reactorxmpp.bosh.BoshHandoverTest.STREAMS;
import static org.reactorxmpp.bosh.BoshHandoverTest.TIMEOUT;
import static org.reactorxmpp.bosh.BoshHandoverTest.awaitCondition;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactorxmpp.xmpp.transport.StreamOpen;
import org.reactorxmpp.xmpp.transport.TransportConnection;

import reactor.core.publisher.Mono;

/**
 * A graceful detach waits for an answer that is on its way (Prosody 0.12 replays only its last two answers: a rid it
 * answered before those and that the old owner never got would be refused to the new owner with
 * {@code item-not-found}), delivers it to the old owner, and exports no more requests than the connection manager
 * holds.
 */
class BoshDetachDrainTest {

    private FakeConnectionManager cm;

    @AfterEach
    void stop() {
        if (cm != null) {
            cm.close();
        }
    }

    @Test
    void anAnswerOnItsWayIsDeliveredToTheOldOwnerAndNotLeftToTheNewOne() {
        ProsodyLikeHandler server = new ProsodyLikeHandler();
        AtomicBoolean slow = new AtomicBoolean();
        // while slow is set, an answer leaves the connection manager 800 ms late (well inside the 2 s detach drain)
        cm = FakeConnectionManager.start(r -> server.handle(r)
            .flatMap(reply -> slow.get() ? Mono.delay(Duration.ofMillis(800)).thenReturn(reply) : Mono.just(reply)));
        TransportConnection c = BoshTransport.builder().url(cm.url()).build().connect(StreamOpen.to("localhost"))
            .block(TIMEOUT);
        List<String> received = new CopyOnWriteArrayList<>();
        c.inbound().subscribe(e -> received.add(e.is(STREAMS, "features") ? "features" : e.attribute("id")));
        awaitCondition(() -> received.contains("features"), "the stream features");
        cm.awaitRequest(r -> !r.isCreation()).block(TIMEOUT); // the request the connection manager holds

        slow.set(true);
        server.push(BoshHandoverTest.push("p1")); // answers the held request, late
        slow.set(false);
        c.send(BoshTransportTest.message("m1")).subscribe();
        BoshSessionState exported = BoshSessionState.fromBytes(c.detach().block(TIMEOUT));

        // the old code let go at once: the late answer met a closed exchange and p1 never reached the old owner
        awaitCondition(() -> received.contains("p1"), "the answer on its way at the old owner");
        assertThat(exported.unanswered()).as("requests the new owner resends").hasSizeLessThanOrEqualTo(1);
        assertThat(String.join("", exported.unanswered()) + cm.received().stream()
            .filter(r -> r.carries("m1")).map(FakeConnectionManager.Received::text).findFirst().orElse(""))
            .as("m1 is at the connection manager or in the export").contains("hello m1");
    }
}
