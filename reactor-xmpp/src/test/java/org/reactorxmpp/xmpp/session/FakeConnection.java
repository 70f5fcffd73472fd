package org.reactorxmpp.xmpp.session;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.testing.ScriptedConnection;
import org.reactorxmpp.xmpp.transport.TransportConnection;
import org.reactorxmpp.xmpp.xml.XmlElement;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A scripted in-memory connection driven by a {@link Server} script (SASL servers and the like): the
 * test kit's {@link ScriptedConnection} with a secure flag of the test's choosing and a record of
 * what the client wrote.
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

    final List<XmlElement> sent = new CopyOnWriteArrayList<>();
    final AtomicInteger restarts = new AtomicInteger();
    Server server = new Server() { };

    private final boolean secure;
    private final ScriptedConnection delegate = new ScriptedConnection((c, element) -> {
        sent.add(element);
        server.received(element);
    }, c -> {
        restarts.incrementAndGet();
        server.restarted();
    });

    FakeConnection(boolean secure) {
        this.secure = secure;
    }

    void push(XmlElement element) {
        delegate.push(element);
    }

    void fail(Throwable error) {
        delegate.drop(error);
    }

    /** From now on sends wait, as in a real transport's outbound queue, until {@link #releaseHeld()}. */
    void holdSends() {
        delegate.holdSends();
    }

    void releaseHeld() {
        delegate.releaseHeld();
    }

    int held() {
        return delegate.heldCount();
    }

    boolean isClosed() {
        return delegate.isClosed();
    }

    @Nullable XmlElement finalPayload() {
        return delegate.finalPayload();
    }

    /** @return the sent elements with a local name, in order */
    List<XmlElement> sent(String localName) {
        return sent.stream().filter(e -> e.localName().equals(localName)).collect(Collectors.toList());
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
    public Mono<Void> restart() {
        return delegate.restart();
    }

    @Override
    public Mono<Void> close(@Nullable XmlElement payload) {
        return delegate.close(payload);
    }

    @Override
    public Mono<Void> onClose() {
        return delegate.onClose();
    }

    @Override
    public boolean isSecure() {
        return secure;
    }
}
