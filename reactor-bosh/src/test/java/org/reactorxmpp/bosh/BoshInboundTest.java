package org.reactorxmpp.bosh;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactorxmpp.xmpp.transport.StreamOpen;
import org.reactorxmpp.xmpp.transport.TransportConnection;

import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

class BoshInboundTest {

    static final Duration TIMEOUT = Duration.ofSeconds(20);

    private FakeConnectionManager cm;

    @AfterEach
    void stop() {
        if (cm != null) {
            cm.close();
        }
    }

    private static String messages(int from, int count) {
        return IntStream.range(from, from + count)
            .mapToObj(i -> "<message xmlns='jabber:client' id='" + i + "'/>")
            .collect(Collectors.joining());
    }

    @Test
    void blockHoundIsActiveInTheseTests() {
        StepVerifier.create(Mono.fromCallable(() -> {
                Thread.sleep(1);
                return "slept";
            }).subscribeOn(Schedulers.parallel()))
            .expectErrorMatches(e -> e instanceof BlockingOperationError
                || e.getCause() instanceof BlockingOperationError)
            .verify(TIMEOUT);
    }

    @Test
    void aBodyBiggerThanTheBufferIsDeliveredWholeInOrder() {
        // a connection manager answers a held request with everything it has queued: one body can carry
        // far more stanzas than inboundCapacity. It was asked for while there was room, and it is already
        // in memory (bounded by XmlLimits), so it is accepted whole; no new request goes out until the
        // subscriber has drained the buffer. (Before, this failed the session: a flood lost messages.)
        ProsodyLikeHandler server = new ProsodyLikeHandler();
        cm = FakeConnectionManager.start(server);
        TransportConnection c = BoshTransport.builder().url(cm.url()).inboundCapacity(8).build()
            .connect(StreamOpen.to("localhost")).block(TIMEOUT);
        List<String> ids = c.inbound().skip(1).take(200).map(e -> e.attribute("id")).collectList()
            .doOnSubscribe(s -> server.push(messages(0, 200)))
            .block(TIMEOUT);
        assertThat(ids).isEqualTo(IntStream.range(0, 200).mapToObj(Integer::toString).collect(Collectors.toList()));
        StepVerifier.create(c.close(null)).expectComplete().verify(TIMEOUT);
    }

    @Test
    void aResponseReadInManyNetworkReadsIsParsedWholeWithItsMultibyteText() {
        // about 600 KB: the client reads it in many buffers (a UTF-8 sequence is cut at some of their
        // boundaries), and the response is parsed from all of them at once
        String text = "caf\u00e9 \u20ac \ud83d\ude00 ";
        String body = text.repeat(40);
        String pushed = IntStream.range(0, 2000)
            .mapToObj(i -> "<message xmlns='jabber:client' id='" + i + "'><body>" + body + i + "</body></message>")
            .collect(Collectors.joining());
        assertThat(pushed.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isGreaterThan(500_000);
        ProsodyLikeHandler server = new ProsodyLikeHandler();
        cm = FakeConnectionManager.start(server);
        TransportConnection c = BoshTransport.builder().url(cm.url()).inboundCapacity(4096).build()
            .connect(StreamOpen.to("localhost")).block(TIMEOUT);
        List<String> bodies = c.inbound().skip(1).take(2000)
            .map(e -> e.elements().findFirst().orElseThrow().text())
            .collectList()
            .doOnSubscribe(s -> server.push(pushed))
            .block(TIMEOUT);
        assertThat(bodies).isEqualTo(IntStream.range(0, 2000).mapToObj(i -> body + i).collect(Collectors.toList()));
        StepVerifier.create(c.close(null)).expectComplete().verify(TIMEOUT);
    }

    @Test
    void aSlowConsumerGetsEverythingInOrderWithoutBlockingTheEventLoop() {
        ProsodyLikeHandler server = new ProsodyLikeHandler();
        cm = FakeConnectionManager.start(server);
        TransportConnection c = BoshTransport.builder().url(cm.url()).inboundCapacity(256).build()
            .connect(StreamOpen.to("localhost")).block(TIMEOUT);
        int bursts = 10;
        int perBurst = 10;
        StepVerifier.create(c.inbound().skip(1)
                .publishOn(Schedulers.boundedElastic(), 1)
                .doOnNext(e -> sleepQuietly())
                .map(e -> e.attribute("id"))
                .take(bursts * perBurst)
                .collectList())
            .then(() -> {
                for (int b = 0; b < bursts; b++) {
                    server.push(messages(b * perBurst, perBurst));
                }
            })
            .assertNext(ids -> assertThat(ids).isEqualTo(
                IntStream.range(0, bursts * perBurst).mapToObj(Integer::toString).collect(Collectors.toList())))
            .expectComplete()
            .verify(Duration.ofSeconds(30));
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(2); // a slow consumer, on a thread where blocking is allowed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void inboundElementsArriveOnAnEventLoopEvenWhenAPlainThreadSendsAndRequests() throws Exception {
        ProsodyLikeHandler server = new ProsodyLikeHandler();
        server.echo = true;
        cm = FakeConnectionManager.start(server);
        TransportConnection c = BoshTransport.builder().url(cm.url()).build()
            .connect(StreamOpen.to("localhost")).block(TIMEOUT);
        cm.awaitRequest(r -> !r.isCreation()).block(TIMEOUT);
        java.util.Queue<String> threads = new java.util.concurrent.ConcurrentLinkedQueue<>();
        java.util.concurrent.CompletableFuture<List<String>> ids = new java.util.concurrent.CompletableFuture<>();
        // a plain application thread: subscribes while the features wait in the buffer, requests, sends
        Thread app = new Thread(() -> c.inbound()
            .doOnNext(e -> threads.add(Thread.currentThread().getName()))
            .map(e -> String.valueOf(e.attribute("id")))
            .take(3)
            .collectList()
            .subscribe(ids::complete, ids::completeExceptionally), "plain-app-thread");
        app.start();
        app.join();
        Thread sender = new Thread(() -> {
            c.send(BoshTransportTest.message("e1")).subscribe();
            c.send(BoshTransportTest.message("e2")).subscribe();
        }, "plain-sender-thread");
        sender.start();
        sender.join();
        assertThat(ids.get(TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).containsExactly("null", "e1", "e2");
        assertThat(threads).hasSize(3).allSatisfy(name -> assertThat(name).startsWith("reactor-http-"));
        StepVerifier.create(c.close(null)).expectComplete().verify(TIMEOUT);
    }

    @Test
    void aBurstBufferedBeforeAnySubscriberIsDeliveredAndPollingResumesOnceConsumed() {
        ProsodyLikeHandler server = new ProsodyLikeHandler();
        cm = FakeConnectionManager.start(server);
        reactor.test.scheduler.VirtualTimeScheduler time = reactor.test.scheduler.VirtualTimeScheduler.create();
        TransportConnection c = BoshTransport.builder().url(cm.url()).inboundCapacity(16).timer(time).build()
            .connect(StreamOpen.to("localhost")).block(TIMEOUT);
        // no subscriber yet: features + 10 pushed messages fill more than half of the buffer
        FakeConnectionManager.Received held = cm.advanceUntilRequest(time, r -> !r.isCreation());
        server.push(messages(0, 10));
        // the answer to the held request is the congested burst; the client must not poll again, however long
        // nobody reads (short of the keep-alive at three quarters of the 60 s inactivity window)
        time.advanceTimeBy(Duration.ofSeconds(30));
        List<String> ids = c.inbound().skip(1).take(10).map(e -> e.attribute("id")).collectList().block(TIMEOUT);
        assertThat(ids).hasSize(10);
        // once consumed, polling resumes with the very next rid: no request was made while congested
        FakeConnectionManager.Received next = cm.advanceUntilRequest(time, r -> r.index() > held.index());
        assertThat(next.rid()).isEqualTo(held.rid() + 1);
        assertThat(next.payload()).isEmpty();
        // a later push still arrives
        StepVerifier.create(c.inbound().take(1).map(e -> e.attribute("id")))
            .then(() -> server.push(messages(10, 1)))
            .expectNext("10")
            .expectComplete()
            .verify(TIMEOUT);
    }

    @Test
    void anOverflowReachesASubscriberThatStoppedRequestingWhenItHappens() {
        ProsodyLikeHandler server = new ProsodyLikeHandler();
        server.inactivity = 4;
        cm = FakeConnectionManager.start(server);
        reactor.test.scheduler.VirtualTimeScheduler time = reactor.test.scheduler.VirtualTimeScheduler.create();
        TransportConnection c = BoshTransport.builder().url(cm.url()).inboundCapacity(16).timer(time).build()
            .connect(StreamOpen.to("localhost")).block(TIMEOUT);
        StepVerifier.create(c.inbound(), 1) // requests one element (the features), then nothing more
            .expectNextCount(1)
            .then(() -> {
                cm.advanceUntilRequest(time, r -> !r.isCreation());
                // the subscriber stalls: 11 more (2 of them taken by the delivery operators' prefetch) fill over half
                // the buffer, the client stops polling until the inactivity window is three quarters gone; the
                // keep-alive then brings 10 more: 19 > 16
                server.push(messages(0, 11));
                int afterBurst = cm.received().size();
                cm.advanceUntilRequest(time, r -> r.index() > afterBurst - 1 && r.payload().isEmpty());
                server.push(messages(11, 10));
            })
            .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(org.reactorxmpp.xmpp.transport.TransportOverflowException.class))
            .verify(TIMEOUT);
    }
}
