package org.reactorxmpp.xmpp.session;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.transport.TransportClosedException;
import org.reactorxmpp.xmpp.transport.TransportConnection;
import org.reactorxmpp.xmpp.xml.XmlElement;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * A scripted in-memory connection: the test (or a {@link Server} script) pushes inbound elements,
 * sent elements are captured. Pushes made while an element is being delivered are queued and
 * delivered after it, as a real transport would.
 */
final class FakeConnection implements TransportConnection {

    /** Reacts to what the client does. */
    interface Server {
        default void opened() {
        }

        default void received(XmlElement element) {
        }

        default void restarted() {
        }
    }

    private static final Object COMPLETE = new Object();

    final List<XmlElement> sent = new CopyOnWriteArrayList<>();
    final AtomicInteger restarts = new AtomicInteger();
    volatile boolean closed;
    volatile @Nullable XmlElement finalPayload;
    Server server = new Server() { };
    /**
     * When set, sends are queued as in a real transport's outbound queue and complete only on
     * {@link #releaseHeld()}; a failure of the connection fails them, as a real transport does.
     */
    volatile boolean holdSends;
    private final List<Object[]> held = new CopyOnWriteArrayList<>();

    private final boolean secure;
    private final Sinks.Many<XmlElement> inbound = Sinks.many().unicast().onBackpressureBuffer();
    private final Sinks.Empty<Void> onClose = Sinks.empty();
    private final Queue<Object> pushes = new ConcurrentLinkedQueue<>();
    private final AtomicInteger wip = new AtomicInteger();

    FakeConnection(boolean secure) {
        this.secure = secure;
    }

    void push(XmlElement element) {
        pushes.add(element);
        drain();
    }

    void fail(Throwable error) {
        for (Object[] h : held) {
            ((reactor.core.publisher.MonoSink<?>) h[1]).error(new TransportClosedException(
                "fake connection failed before the element was sent", error));
        }
        held.clear();
        pushes.add(error);
        drain();
    }

    /** Writes the held sends, in order. */
    void releaseHeld() {
        holdSends = false;
        for (Object[] h : held) {
            XmlElement element = (XmlElement) h[0];
            sent.add(element);
            server.received(element);
            ((reactor.core.publisher.MonoSink<?>) h[1]).success();
        }
        held.clear();
    }

    /** @return how many sends are held */
    int held() {
        return held.size();
    }

    private void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        do {
            Object o;
            while ((o = pushes.poll()) != null) {
                if (o instanceof XmlElement) {
                    inbound.tryEmitNext((XmlElement) o).orThrow();
                } else if (o == COMPLETE) {
                    inbound.tryEmitComplete();
                    onClose.tryEmitEmpty();
                } else {
                    inbound.tryEmitError((Throwable) o);
                    onClose.tryEmitError((Throwable) o);
                }
            }
        } while (wip.decrementAndGet() != 0);
    }

    /** @return the sent elements with a local name, in order */
    List<XmlElement> sent(String localName) {
        return sent.stream().filter(e -> e.localName().equals(localName)).collect(Collectors.toList());
    }

    @Override
    public Flux<XmlElement> inbound() {
        return inbound.asFlux();
    }

    @Override
    public Mono<Void> send(XmlElement element) {
        return Mono.defer(() -> {
            if (closed) {
                return Mono.error(new TransportClosedException("fake connection closed", null));
            }
            if (holdSends) {
                return Mono.<Void>create(sink -> held.add(new Object[] {element, sink}));
            }
            sent.add(element);
            server.received(element);
            return Mono.empty();
        });
    }

    @Override
    public Mono<Void> restart() {
        return Mono.fromRunnable(() -> {
            restarts.incrementAndGet();
            server.restarted();
        });
    }

    @Override
    public Mono<Void> close(@Nullable XmlElement payload) {
        return Mono.fromRunnable(() -> {
            if (!closed) {
                closed = true;
                finalPayload = payload;
                pushes.add(COMPLETE);
                drain();
            }
        });
    }

    @Override
    public Mono<Void> onClose() {
        return onClose.asMono();
    }

    @Override
    public boolean isSecure() {
        return secure;
    }
}
