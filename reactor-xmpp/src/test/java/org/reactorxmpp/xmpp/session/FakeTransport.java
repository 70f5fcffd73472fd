package org.reactorxmpp.xmpp.session;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import org.reactorxmpp.xmpp.transport.StreamOpen;
import org.reactorxmpp.xmpp.transport.Transport;
import org.reactorxmpp.xmpp.transport.TransportConnection;
import reactor.core.publisher.Mono;

/** An in-memory transport: each connect creates a {@link FakeConnection} driven by a server script. */
final class FakeTransport implements Transport {

    final List<FakeConnection> connections = new CopyOnWriteArrayList<>();
    final List<StreamOpen> opens = new CopyOnWriteArrayList<>();
    private final Function<FakeConnection, FakeConnection.Server> serverFactory;
    private final boolean secure;

    FakeTransport(boolean secure, Function<FakeConnection, FakeConnection.Server> serverFactory) {
        this.secure = secure;
        this.serverFactory = serverFactory;
    }

    @Override
    public Mono<TransportConnection> connect(StreamOpen open) {
        return Mono.fromSupplier(() -> {
            opens.add(open);
            FakeConnection c = new FakeConnection(secure);
            c.server = serverFactory.apply(c);
            connections.add(c);
            c.server.opened();
            return c;
        });
    }

    FakeConnection last() {
        return connections.get(connections.size() - 1);
    }
}
