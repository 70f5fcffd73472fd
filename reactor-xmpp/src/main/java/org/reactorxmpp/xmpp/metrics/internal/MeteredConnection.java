package org.reactorxmpp.xmpp.metrics.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.stanza.Stanza;
import org.reactorxmpp.xmpp.transport.TransportConnection;
import org.reactorxmpp.xmpp.transport.internal.ForwardingConnection;
import org.reactorxmpp.xmpp.transport.TransportOverflowException;
import org.reactorxmpp.xmpp.xml.XmlElement;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Counts the stanzas of one connection and times its get/set IQs by id (the answer is the first result or
 * error with that id; an IQ unanswered after the timeout counts once as a timeout and is forgotten).
 */
final class MeteredConnection extends ForwardingConnection {

    private final ClientMeters meters;
    private final Duration iqTimeout;
    private final Scheduler timer;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    private record Pending(long start, Disposable timeout) { }

    MeteredConnection(TransportConnection delegate, ClientMeters meters, Duration iqTimeout, Scheduler timer) {
        super(delegate);
        this.meters = meters;
        this.iqTimeout = iqTimeout;
        this.timer = timer;
    }

    @Override
    public Flux<XmlElement> inbound() {
        return delegate.inbound()
            .doOnNext(this::received)
            .doOnError(TransportOverflowException.class, e -> meters.overflow(true))
            .doFinally(signal -> forgetAll());
    }

    @Override
    public Mono<Void> send(XmlElement element) {
        return Mono.defer(() -> {
                sent(element);                       // before the delegate: its answer may arrive while it sends
                return delegate.send(element);
            })
            .doOnError(TransportOverflowException.class, e -> meters.overflow(false));
    }

    @Override
    public Mono<Void> sendFirst(XmlElement element) {
        return Mono.defer(() -> {
                sent(element);
                return delegate.sendFirst(element);
            })
            .doOnError(TransportOverflowException.class, e -> meters.overflow(false));
    }

    private void received(XmlElement element) {
        ClientMeters.Kind kind = kind(element);
        if (kind == null) {
            return;
        }
        meters.stanzaIn(kind);
        if (kind == ClientMeters.Kind.IQ) {
            String type = element.attribute("type");
            String id = element.attribute("id");
            if (id != null && ("result".equals(type) || "error".equals(type))) {
                Pending p = pending.remove(id);
                if (p != null) {
                    p.timeout().dispose();
                    meters.iqAnswered("error".equals(type), System.nanoTime() - p.start());
                }
            }
        }
    }

    private void sent(XmlElement element) {
        ClientMeters.Kind kind = kind(element);
        if (kind == null) {
            return;
        }
        meters.stanzaOut(kind);
        if (kind == ClientMeters.Kind.IQ) {
            String type = element.attribute("type");
            String id = element.attribute("id");
            if (id != null && ("get".equals(type) || "set".equals(type))) {
                Disposable timeout = timer.schedule(() -> {
                    if (pending.remove(id) != null) {
                        meters.iqTimedOut();
                    }
                }, iqTimeout.toNanos(), TimeUnit.NANOSECONDS);
                Pending previous = pending.put(id, new Pending(System.nanoTime(), timeout));
                if (previous != null) {
                    previous.timeout().dispose();
                }
            }
        }
    }

    private void forgetAll() {
        pending.values().forEach(p -> p.timeout().dispose());
        pending.clear();
    }

    static ClientMeters.@Nullable Kind kind(XmlElement element) {
        if (!Stanza.NAMESPACE.equals(element.namespace())) {
            return null;
        }
        return switch (element.localName()) {
            case "message" -> ClientMeters.Kind.MESSAGE;
            case "presence" -> ClientMeters.Kind.PRESENCE;
            case "iq" -> ClientMeters.Kind.IQ;
            default -> null;
        };
    }

    @Override
    public Mono<Void> restart() {
        return delegate.restart();
    }

    @Override
    public Mono<Void> close(@Nullable XmlElement finalPayload) {
        return Mono.defer(() -> {
            if (finalPayload != null) {
                sent(finalPayload);                  // the final unavailable presence rides the close
            }
            return delegate.close(finalPayload);
        });
    }

    @Override
    public String toString() {
        return "Metered(" + delegate + ")";
    }
}
