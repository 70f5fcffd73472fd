package org.reactorxmpp.benchmarks.jmh;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.stanza.Stanza;
import org.reactorxmpp.xmpp.stream.Namespaces;
import org.reactorxmpp.xmpp.transport.StreamOpen;
import org.reactorxmpp.xmpp.transport.Transport;
import org.reactorxmpp.xmpp.transport.TransportClosedException;
import org.reactorxmpp.xmpp.transport.TransportConnection;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlName;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * An in-memory transport whose "server" answers at once, for measuring the session's own cost
 * (IQ correlation) without a network: SASL PLAIN always succeeds, resource binding returns
 * {@code bench@loopback.example/RESOURCE}, and every {@code get}/{@code set} IQ is answered with an
 * empty {@code result} from the addressed entity. Replies are queued and delivered in order on the
 * sending thread, never re-entrantly.
 *
 * <pre>{@code
 * XmppClient client = XmppClient.builder().jid("bench@" + LoopbackTransport.DOMAIN).password("x")
 *     .transport(new LoopbackTransport()).enabledMechanisms(List.of("PLAIN")).build();
 * }</pre>
 */
public final class LoopbackTransport implements Transport {

    /** The domain the loopback server serves. */
    public static final String DOMAIN = "loopback.example";

    @Override
    public Mono<TransportConnection> connect(StreamOpen open) {
        return Mono.fromSupplier(Connection::new);
    }

    private static final class Connection implements TransportConnection {

        private static final Object COMPLETE = new Object();
        private static final XmlName BIND_RESOURCE = XmlName.of(Namespaces.BIND, "resource");

        private final Sinks.Many<XmlElement> inbound = Sinks.many().unicast().onBackpressureBuffer();
        private final Sinks.Empty<Void> closed = Sinks.empty();
        private final Queue<Object> pushes = new ConcurrentLinkedQueue<>();
        private final AtomicInteger wip = new AtomicInteger();
        private volatile boolean isClosed;

        Connection() {
            push(features(XmlElement.builder(Namespaces.SASL, "mechanisms")
                .textChild(Namespaces.SASL, "mechanism", "PLAIN").build()));
        }

        private static XmlElement features(XmlElement feature) {
            return XmlElement.builder(Namespaces.STREAMS, "features").child(feature).build();
        }

        private void push(Object o) {
            pushes.add(o);
            if (wip.getAndIncrement() != 0) {
                return;
            }
            do {
                Object next;
                while ((next = pushes.poll()) != null) {
                    if (next == COMPLETE) {
                        inbound.tryEmitComplete();
                        closed.tryEmitEmpty();
                    } else {
                        inbound.tryEmitNext((XmlElement) next).orThrow();
                    }
                }
            } while (wip.decrementAndGet() != 0);
        }

        private void received(XmlElement e) {
            if (Namespaces.SASL.equals(e.namespace())) {
                push(XmlElement.empty(Namespaces.SASL, "success"));
            } else if (e.is(Stanza.NAMESPACE, "iq")) {
                Iq iq = Iq.of(e);
                if (iq.type() != Iq.Type.GET && iq.type() != Iq.Type.SET) {
                    return;
                }
                XmlElement bind = e.element(Namespaces.BIND, "bind");
                if (bind != null) {
                    String resource = bind.childText(BIND_RESOURCE);
                    push(iq.resultWith(XmlElement.builder(Namespaces.BIND, "bind")
                        .textChild(Namespaces.BIND, "jid", "bench@" + DOMAIN + "/" + (resource == null ? "loop" : resource))
                        .build()).element());
                } else {
                    push(iq.resultWith(null).element());
                }
            }
        }

        @Override
        public Flux<XmlElement> inbound() {
            return inbound.asFlux();
        }

        @Override
        public Mono<Void> send(XmlElement element) {
            return Mono.defer(() -> {
                if (isClosed) {
                    return Mono.error(new TransportClosedException("loopback connection closed", null));
                }
                received(element);
                return Mono.empty();
            });
        }

        @Override
        public Mono<Void> restart() {
            return Mono.fromRunnable(() -> push(features(XmlElement.empty(Namespaces.BIND, "bind"))));
        }

        @Override
        public Mono<Void> close(@Nullable XmlElement finalPayload) {
            return Mono.fromRunnable(() -> {
                if (!isClosed) {
                    isClosed = true;
                    push(COMPLETE);
                }
            });
        }

        @Override
        public Mono<Void> onClose() {
            return closed.asMono();
        }

        @Override
        public boolean isSecure() {
            return true;
        }
    }
}
