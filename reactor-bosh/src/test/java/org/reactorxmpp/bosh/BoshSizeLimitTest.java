package org.reactorxmpp.bosh;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactorxmpp.bosh.FakeConnectionManager.Reply;
import org.reactorxmpp.xmpp.transport.StreamOpen;
import org.reactorxmpp.xmpp.transport.TransportConnection;
import org.reactorxmpp.xmpp.xml.XmlException;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetric;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * A hostile connection manager answers with a 700 MB chunked body. The response is counted as it arrives and
 * never kept past {@code XmlLimits.maxDocumentSize} (8 MiB): the session's streams fail with
 * {@link XmlException} {@code SIZE_LIMIT}, the client's direct memory stays within about twice the limit, and
 * no error is dropped. (It was aggregated whole in direct memory: OutOfMemoryError, the error dropped, the
 * session neither failed nor recovered.)
 */
class BoshSizeLimitTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final long LIMIT = 8L << 20;

    private FakeConnectionManager cm;

    @AfterEach
    void stop() {
        Hooks.resetOnErrorDropped();
        if (cm != null) {
            cm.close();
        }
    }

    @Test
    void a700MegabyteChunkedResponseFailsTheSessionWithSizeLimitAndBoundedDirectMemory() {
        Queue<Throwable> dropped = new ConcurrentLinkedQueue<>();
        Hooks.onErrorDropped(dropped::add);
        ProsodyLikeHandler prosody = new ProsodyLikeHandler();
        cm = FakeConnectionManager.start(r -> r.isCreation() || "terminate".equals(r.body().attribute("type"))
            ? prosody.handle(r) : Mono.just(Reply.streamed(700L << 20)));
        // the allocator every channel uses by default (Netty's adaptive or pooled one): its direct memory in use
        ByteBufAllocatorMetric alloc = ((ByteBufAllocatorMetricProvider) ByteBufAllocator.DEFAULT).metric();
        long before = alloc.usedDirectMemory();
        AtomicLong peak = new AtomicLong(before);
        Disposable sampler = Flux.interval(Duration.ofMillis(1))
            .subscribe(t -> peak.accumulateAndGet(alloc.usedDirectMemory(), Math::max));
        try {
            TransportConnection c = BoshTransport.builder().url(cm.url()).build()
                .connect(StreamOpen.to("localhost")).block(TIMEOUT);
            long start = System.nanoTime();
            StepVerifier.create(c.inbound())
                .expectNextCount(1) // the features of the creation response
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(XmlException.class,
                    x -> assertThat(x.reason()).isEqualTo(XmlException.Reason.SIZE_LIMIT)))
                .verify(TIMEOUT);
            System.out.printf("BoshSizeLimitTest: failed after %d ms, direct memory peak %d MiB over %d MiB before (%s)%n",
                (System.nanoTime() - start) / 1_000_000, (peak.get() - before) >> 20, before >> 20,
                ByteBufAllocator.DEFAULT.getClass().getSimpleName());
            StepVerifier.create(c.onClose()).expectError(XmlException.class).verify(TIMEOUT);
            cm.awaitRequest(r -> "terminate".equals(r.body().attribute("type"))).block(TIMEOUT); // best effort
            StepVerifier.create(c.send(org.reactorxmpp.xmpp.xml.XmlElement.empty("jabber:client", "message")))
                .expectError().verify(TIMEOUT);
        } finally {
            sampler.dispose();
        }
        // the chunks kept stay within the limit; the allocator reserves memory by chunks of a few MiB (+4 MiB)
        assertThat(peak.get() - before).as("direct memory held by the client").isLessThanOrEqualTo(2 * LIMIT + (4L << 20));
        assertThat(dropped).as("errors that reached no subscriber").isEmpty();
    }
}
