package org.reactorxmpp.xmpp.transport.internal;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.reactorxmpp.xmpp.transport.TransportConnection;
import org.reactorxmpp.xmpp.transport.TransportDetails;
import org.reactorxmpp.xmpp.xml.XmlElement;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A connection that forwards every call to another; wrappers (metrics, stream management) override only what
 * they change. Not API.
 */
public abstract class ForwardingConnection implements TransportConnection {

    /** The wrapped connection. */
    protected final TransportConnection delegate;

    /** @param delegate the wrapped connection */
    protected ForwardingConnection(TransportConnection delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public Flux<XmlElement> inbound() {
        return delegate.inbound();
    }

    @Override
    public Mono<Void> send(XmlElement element) {
        return delegate.send(element);
    }

    @Override
    public Mono<Void> sendFirst(XmlElement element) {
        return delegate.sendFirst(element);
    }

    @Override
    public Mono<Void> restart() {
        return delegate.restart();
    }

    @Override
    public Mono<Void> close(@Nullable XmlElement finalPayload) {
        return delegate.close(finalPayload);
    }

    @Override
    public Mono<Void> onClose() {
        return delegate.onClose();
    }

    @Override
    public boolean isSecure() {
        return delegate.isSecure();
    }

    @Override
    public Optional<String> sessionId() {
        return delegate.sessionId();
    }

    @Override
    public TransportDetails details() {
        return delegate.details();
    }

    @Override
    public Mono<byte[]> detach() {
        return delegate.detach();
    }

    @Override
    public Flux<byte[]> checkpoints() {
        return delegate.checkpoints();
    }

    @Override
    public Mono<Void> writeAheadCheckpoints(Function<byte[], ? extends Publisher<Void>> store) {
        return delegate.writeAheadCheckpoints(store);
    }
}
