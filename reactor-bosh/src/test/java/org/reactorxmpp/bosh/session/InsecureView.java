package org.reactorxmpp.bosh.session;

import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.transport.StreamOpen;
import org.reactorxmpp.xmpp.transport.Transport;
import org.reactorxmpp.xmpp.transport.TransportConnection;
import org.reactorxmpp.xmpp.xml.XmlElement;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A transport whose connections report {@code isSecure() == false}: plain-HTTP BOSH as the client
 * sees it, whatever the connection manager's {@code secure} attribute claims about its own hop.
 */
final class InsecureView implements Transport {

    private final Transport delegate;

    InsecureView(Transport delegate) {
        this.delegate = delegate;
    }

    @Override
    public Mono<TransportConnection> connect(StreamOpen open) {
        return delegate.connect(open).map(Connection::new);
    }

    private static final class Connection implements TransportConnection {
        private final TransportConnection c;

        Connection(TransportConnection c) {
            this.c = c;
        }

        @Override
        public Flux<XmlElement> inbound() {
            return c.inbound();
        }

        @Override
        public Mono<Void> send(XmlElement element) {
            return c.send(element);
        }

        @Override
        public Mono<Void> restart() {
            return c.restart();
        }

        @Override
        public Mono<Void> close(@Nullable XmlElement finalPayload) {
            return c.close(finalPayload);
        }

        @Override
        public Mono<Void> onClose() {
            return c.onClose();
        }

        @Override
        public boolean isSecure() {
            return false;
        }

        @Override
        public Optional<String> sessionId() {
            return c.sessionId();
        }
    }
}
