package org.reactorxmpp.xmpp.session.internal;

import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.stanza.Stanza;
import org.reactorxmpp.xmpp.transport.TransportOverflowException;
import reactor.core.Exceptions;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * Hot multicast of inbound stanzas, one per session for its whole life (subscribers stay
 * subscribed across reconnects): each subscriber sees what arrives while it is subscribed, through
 * its own bounded buffer of {@code capacity} stanzas (the {@code onBackpressureBuffer}; the
 * {@code Flux.create} sink in front of it passes straight through, since that buffer requests
 * without limit). This is where the session's inbound backpressure lives: the session never waits
 * for a subscriber; a subscriber that lets its buffer fill receives what was buffered, then a
 * {@link TransportOverflowException}, and the others are not affected. Emission is serialized by
 * the caller (a connection's {@link ElementQueue}).
 */
final class InboundFanout {

    private final CopyOnWriteArrayList<FluxSink<Stanza>> subscribers = new CopyOnWriteArrayList<>();
    private final int capacity;
    private final Runnable onOverflow;
    private volatile boolean terminated;
    private volatile @Nullable Throwable cause;

    InboundFanout(int capacity) {
        this(capacity, () -> { });
    }

    /**
     * @param capacity each subscriber's buffer, in stanzas
     * @param onOverflow told once for each subscriber whose buffer overflowed (for metrics)
     */
    InboundFanout(int capacity, Runnable onOverflow) {
        this.capacity = capacity;
        this.onOverflow = onOverflow;
    }

    Flux<Stanza> flux() {
        return Flux.<Stanza>create(sink -> {
                subscribers.add(sink);
                sink.onDispose(() -> subscribers.remove(sink));
                if (terminated) {
                    subscribers.remove(sink);
                    Throwable c = cause;
                    if (c == null) {
                        sink.complete();
                    } else {
                        sink.error(c);
                    }
                }
            }, FluxSink.OverflowStrategy.BUFFER)
            .onBackpressureBuffer(capacity, dropped -> { }, BufferOverflowStrategy.ERROR)
            .onErrorMap(Exceptions::isOverflow, e -> {
                onOverflow.run();
                return new TransportOverflowException(TransportOverflowException.Direction.INBOUND, capacity);
            });
    }

    void emit(Stanza stanza) {
        for (FluxSink<Stanza> s : subscribers) {
            s.next(stanza);
        }
    }

    void terminate(@Nullable Throwable error) {
        cause = error;
        terminated = true;
        for (FluxSink<Stanza> s : subscribers) {
            if (error == null) {
                s.complete();
            } else {
                s.error(error);
            }
        }
        subscribers.clear();
    }
}
