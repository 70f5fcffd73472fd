package org.reactorxmpp.bosh.internal;

import org.reactorxmpp.xmpp.transport.TransportOverflowException;
import org.reactorxmpp.xmpp.xml.XmlElement;

import io.netty.channel.EventLoopGroup;
import reactor.core.Scannable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientConfig;

/**
 * The inbound side of one session: the buffer of received elements, its congestion (which pauses new empty
 * requests: backpressure over HTTP) and the hop to the delivery scheduler. Emitted from the task loop; read by
 * subscribers on any thread.
 */
final class Inbound {

    private static final Runnable NOOP = () -> { };

    private final int capacity;
    private final TaskLoop loop;
    private final Sinks.Many<XmlElement> sink;
    /** Where subscribers receive inbound signals: the configured scheduler, or one of the HTTP client's event loops. */
    private final Scheduler delivery;
    /**
     * Errors every inbound subscriber at once, ahead of the elements still buffered for it: an overflow reaches a
     * subscriber that stopped requesting when it happens, not when it requests again. Empty otherwise.
     */
    private final Sinks.Empty<Void> overflow = Sinks.empty();
    /** No new empty request goes out because subscribers lag (set by the pump, read by subscribers). */
    private volatile boolean congestionPause;

    Inbound(BoshSettings settings, TaskLoop loop) {
        this.capacity = settings.inboundCapacity();
        this.loop = loop;
        // unbounded queue, bounded by policy: a body that was asked for while there was room is accepted
        // whole (it is already in memory, bounded by XmlLimits.maxDocumentSize); no new request goes out
        // while subscribers lag (congestion pause), and a keep-alive answer that does not fit fails the
        // session (see Responses.deliver). So the buffer holds at most about inboundCapacity plus the answers to
        // the requests that were already out.
        this.sink = Sinks.many().multicast().onBackpressureBuffer(Integer.MAX_VALUE, false);
        Scheduler configured = settings.deliveryScheduler();
        this.delivery = configured != null ? configured : eventLoopOf(settings.httpClient());
    }

    /**
     * Inbound elements reach subscribers on {@link #delivery}, never on the thread that happened to run the
     * session loop or to request more (an application thread calling {@code send}, {@code close} or
     * {@code request(n)} would otherwise drain the buffer itself). The hop keeps a small prefetch so that
     * the bounded buffer, not the hop, absorbs a slow subscriber and an overflow still errors.
     */
    Flux<XmlElement> flux() {
        // taking an element out of a congested buffer may end the polling pause: checked after the element
        // left the buffer, and the pump re-reads the buffer after raising the flag, so no wake-up is missed
        // prefetch 1: the merge must not drain the buffer into a queue of its own (congestion is read from it)
        return Flux.merge(1, sink.asFlux(), overflow.asMono().then(Mono.<XmlElement>empty()))
            .doOnNext(e -> {
                if (congestionPause && !congested()) {
                    loop.submit(NOOP);
                }
            })
            .publishOn(delivery, false, deliveryPrefetch(capacity));
    }

    static int deliveryPrefetch(int inboundCapacity) {
        return Math.max(1, Math.min(32, inboundCapacity / 16));
    }

    /**
     * One event loop of the HTTP client's loop group, as a scheduler: no thread is created, sessions are
     * spread over the loops round robin.
     */
    private static Scheduler eventLoopOf(HttpClient client) {
        HttpClientConfig config = client.configuration();
        EventLoopGroup group = config.loopResources().onClient(config.isPreferNative());
        return Schedulers.fromExecutor(group.next());
    }

    /**
     * Whether subscribers lag so far behind that no new empty request should be made: the connection
     * manager then keeps new traffic on its side until the buffer drains (backpressure over HTTP),
     * instead of the client overflowing.
     */
    boolean congested() {
        Integer buffered = Scannable.from(sink).scan(Scannable.Attr.BUFFERED);
        return buffered != null && buffered >= Math.max(1, capacity / 2);
    }

    /** Raises or lowers the congestion pause: while raised, a subscriber that drains the buffer wakes the loop. */
    void congestionPause(boolean on) {
        congestionPause = on;
    }

    /** @return whether {@code incoming} more elements fit in the buffer */
    boolean fits(long incoming) {
        Integer buffered = Scannable.from(sink).scan(Scannable.Attr.BUFFERED);
        return buffered == null || buffered + incoming <= capacity;
    }

    Sinks.EmitResult emit(XmlElement element) {
        return sink.tryEmitNext(element);
    }

    /** The session ended cleanly: subscribers complete after the buffered elements. */
    void complete() {
        sink.tryEmitComplete();
        overflow.tryEmitEmpty();
    }

    /** The session failed: an overflow errors subscribers at once, anything else after the buffered elements. */
    void error(Throwable cause) {
        if (cause instanceof TransportOverflowException) {
            overflow.tryEmitError(cause);
        } else {
            overflow.tryEmitEmpty();
        }
        sink.tryEmitError(cause);
    }
}
