package org.reactorxmpp.xmpp.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.transport.TransportClosedException;
import org.reactorxmpp.xmpp.transport.TransportConnection;
import org.reactorxmpp.xmpp.xml.XmlElement;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.publisher.Sinks;

/**
 * One connection of a {@link ScriptedTransport}: what the client sends goes to the script, what the
 * script (or the test) pushes arrives on {@link #inbound()} in order, never concurrently (a push
 * made while an element is being delivered is delivered after it, as a real transport does). It
 * declares itself secure, so that SASL PLAIN is allowed. Sends complete at once unless
 * {@link #holdSends()} makes them wait, like elements in a real transport's outbound queue: then
 * {@link #drop(Throwable)} fails them as a real transport fails what it had not written.
 */
public final class ScriptedConnection implements TransportConnection {

    private static final Object COMPLETE = new Object();

    private final BiConsumer<ScriptedConnection, XmlElement> server;
    private final Consumer<ScriptedConnection> restarted;
    private final List<XmlElement> sent = new CopyOnWriteArrayList<>();
    private final List<Held> held = new ArrayList<>();
    private final Sinks.Many<XmlElement> inbound = Sinks.many().unicast().onBackpressureBuffer();
    private final Sinks.Empty<Void> onClose = Sinks.empty();
    private final Queue<Object> pushes = new ConcurrentLinkedQueue<>();
    private final AtomicInteger wip = new AtomicInteger();
    private volatile boolean closed;
    private volatile boolean holding;
    private volatile @Nullable XmlElement finalPayload;

    private record Held(XmlElement element, MonoSink<Void> sink) {
    }

    /**
     * @param server told of each element the client writes
     * @param restarted told of each stream restart (it pushes the new stream's features)
     */
    public ScriptedConnection(BiConsumer<ScriptedConnection, XmlElement> server, Consumer<ScriptedConnection> restarted) {
        this.server = server;
        this.restarted = restarted;
    }

    /** @param element pushed to the client, as if the server sent it */
    public void push(XmlElement element) {
        pushes.add(element);
        drain();
    }

    /**
     * The connection fails: held sends fail with a {@link TransportClosedException} caused by
     * {@code error}, then inbound and {@link #onClose()} error with it.
     *
     * @param error the cause, for example a transient {@link org.reactorxmpp.xmpp.transport.TransportException}
     */
    public void drop(Throwable error) {
        List<Held> failed;
        synchronized (held) {
            failed = new ArrayList<>(held);
            held.clear();
            closed = true;
        }
        for (Held h : failed) {
            h.sink().error(new TransportClosedException("scripted connection dropped before the element was sent", error));
        }
        pushes.add(error);
        drain();
    }

    /** From now on sends wait (as in a transport's outbound queue) until {@link #releaseHeld()}. */
    public void holdSends() {
        holding = true;
    }

    /** Writes the held sends, in order, and stops holding. */
    public void releaseHeld() {
        List<Held> released;
        synchronized (held) {
            holding = false;
            released = new ArrayList<>(held);
            held.clear();
        }
        for (Held h : released) {
            write(h.element());
            h.sink().success();
        }
    }

    /** @return how many sends are held */
    public int heldCount() {
        synchronized (held) {
            return held.size();
        }
    }

    /** @return every element the client wrote, negotiation included, in order */
    public List<XmlElement> sent() {
        return List.copyOf(sent);
    }

    /** @return whether the client closed the connection */
    public boolean isClosed() {
        return closed;
    }

    /** @return the element the client closed with (typically unavailable presence), if any */
    public @Nullable XmlElement finalPayload() {
        return finalPayload;
    }

    private void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        do {
            Object o;
            while ((o = pushes.poll()) != null) {
                if (o instanceof XmlElement e) {
                    inbound.tryEmitNext(e).orThrow();
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

    private void write(XmlElement element) {
        sent.add(element);
        server.accept(this, element);
    }

    @Override
    public Flux<XmlElement> inbound() {
        return inbound.asFlux();
    }

    @Override
    public Mono<Void> send(XmlElement element) {
        return Mono.defer(() -> {
            if (closed) {
                return Mono.error(new TransportClosedException("scripted connection closed", null));
            }
            if (holding) {
                return Mono.<Void>create(sink -> {
                    synchronized (held) {
                        held.add(new Held(element, sink));
                    }
                });
            }
            write(element);
            return Mono.empty();
        });
    }

    @Override
    public Mono<Void> restart() {
        return Mono.fromRunnable(() -> restarted.accept(this));
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
        return true;
    }
}
