package org.reactorxmpp.im.testing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import org.reactorxmpp.xmpp.extension.ExtensionRegistry;
import org.reactorxmpp.xmpp.feature.Feature;
import org.reactorxmpp.xmpp.feature.internal.CapsRegistry;
import org.reactorxmpp.xmpp.feature.internal.FeatureHost;
import org.reactorxmpp.xmpp.jid.FullJid;
import org.reactorxmpp.xmpp.session.Capabilities;
import org.reactorxmpp.xmpp.session.ConnectionState;
import org.reactorxmpp.xmpp.session.DiscoIdentity;
import org.reactorxmpp.xmpp.session.EntityCaps;
import org.reactorxmpp.xmpp.session.IqHandler;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.stanza.Stanza;
import org.reactorxmpp.xmpp.stream.Namespaces;
import org.reactorxmpp.xmpp.stream.StreamFeatures;
import org.reactorxmpp.xmpp.xml.XmlElement;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * An in-memory session for unit tests: records what is sent, answers requests with a function, delivers
 * inbound stanzas; features and capabilities are the real ones (the session's {@code FeatureHost} and
 * {@code CapsRegistry}), removed when the session is closed.
 */
public final class FakeSession implements XmppSession {

    private final FullJid jid;
    private final Sinks.Many<Stanza> inbound = Sinks.many().multicast().directBestEffort();
    private final Sinks.Many<ConnectionState> states = Sinks.many().replay().latest();
    private final Sinks.Many<ConnectionState> changes = Sinks.many().multicast().directBestEffort();
    private final Map<String, IqHandler> handlers = new ConcurrentHashMap<>();
    public final List<Stanza> sent = new CopyOnWriteArrayList<>();
    private volatile Function<Iq, Mono<Iq>> server = iq -> Mono.just(iq.resultWith(null));
    private volatile Function<Stanza, Mono<Void>> transport = stanza -> Mono.empty();
    private volatile StreamFeatures features = featuresWith();
    /** The real capabilities registry and feature host, as a session has them. */
    private final CapsRegistry capabilities = new CapsRegistry("https://github.com/reactor-xmpp/reactor-xmpp",
        List.of(DiscoIdentity.of("client", "pc", "reactor-xmpp")), List.of(EntityCaps.NAMESPACE));
    private final FeatureHost featureHost = new FeatureHost(this, capabilities);

    /**
     * @param extra the namespaces of extra empty feature elements, e.g. {@code urn:xmpp:features:rosterver}
     * @return post-authentication features: bind plus the extra ones (local name {@code ver} for
     *     roster versioning, {@code sub} for pre-approval, {@code feature} otherwise)
     */
    public static StreamFeatures featuresWith(String... extra) {
        XmlElement.Builder f = XmlElement.builder(Namespaces.STREAMS, "features")
            .child(XmlElement.empty(Namespaces.BIND, "bind"));
        for (String ns : extra) {
            String name = ns.equals("urn:xmpp:features:rosterver") ? "ver"
                : ns.equals("urn:xmpp:features:pre-approval") ? "sub" : "feature";
            f.child(XmlElement.empty(ns, name));
        }
        return StreamFeatures.from(f.build());
    }

    /** Sets the features of the current connection (as after a reconnect to a server announcing others). */
    public void features(StreamFeatures current) {
        this.features = current;
    }

    /** Emits a connection state, e.g. {@code RECONNECTING(1)} then {@code CONNECTED}. */
    public void state(ConnectionState state) {
        states.tryEmitNext(state);
        changes.tryEmitNext(state);
    }

    public FakeSession(FullJid jid) {
        this.jid = jid;
        states.tryEmitNext(ConnectionState.CONNECTED);
        changes.tryEmitNext(ConnectionState.CONNECTED);
    }

    public void server(Function<Iq, Mono<Iq>> answers) {
        this.server = answers;
    }

    /** Sets what a send does once recorded, e.g. deliver a fast answer before completing (default: complete). */
    public void transport(Function<Stanza, Mono<Void>> sending) {
        this.transport = sending;
    }

    /** Delivers an inbound stanza: a request IQ goes to its handler and the reply is returned. */
    public Iq deliver(Iq request) {
        String ns = request.payload().orElseThrow().namespace();
        IqHandler h = handlers.get(ns);
        if (h == null) { // as the session does
            return request.errorWith(org.reactorxmpp.xmpp.stanza.StanzaError.of(
                org.reactorxmpp.xmpp.stanza.StanzaError.Condition.FEATURE_NOT_IMPLEMENTED));
        }
        return h.handle(request).switchIfEmpty(Mono.fromSupplier(() -> request.resultWith(null)))
            .onErrorResume(org.reactorxmpp.xmpp.stanza.StanzaErrorException.class,
                e -> Mono.just(request.errorWith(e.error())))
            .block(Duration.ofSeconds(5));
    }

    public void deliver(Stanza stanza) {
        inbound.tryEmitNext(stanza);
    }

    @Override
    public FullJid jid() {
        return jid;
    }

    @Override
    public StreamFeatures features() {
        return features;
    }

    @Override
    public org.reactorxmpp.xmpp.session.ConnectionDetails connectionDetails() {
        return new org.reactorxmpp.xmpp.session.ConnectionDetails(1, null, null, true);
    }

    @Override
    public Flux<Stanza> inbound() {
        return inbound.asFlux();
    }

    @Override
    public Mono<Void> send(Stanza stanza) {
        return Mono.defer(() -> {
            Stanza out = capabilities.outbound(stanza); // caps on available presence, as the session does
            sent.add(out);
            return transport.apply(out);
        });
    }

    @Override
    public Mono<Iq> request(Iq request) {
        return request(request, Duration.ofSeconds(5));
    }

    @Override
    public Mono<Iq> request(Iq request, Duration timeout) {
        return Mono.defer(() -> {
            sent.add(request);
            return server.apply(request).flatMap(reply -> reply.type() == Iq.Type.ERROR
                ? Mono.error(org.reactorxmpp.xmpp.stanza.StanzaErrorException.of(reply)) : Mono.just(reply));
        });
    }

    @Override
    public Disposable handle(String namespace, IqHandler handler) {
        if (handlers.putIfAbsent(namespace, handler) != null) {
            throw new IllegalStateException("handler exists for " + namespace);
        }
        return () -> handlers.remove(namespace, handler);
    }

    @Override
    public <F> F feature(Feature<F> feature) {
        return featureHost.feature(feature);
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    @Override
    public ExtensionRegistry codecs() {
        return featureHost.codecs();
    }

    @Override
    public Flux<ConnectionState> states() {
        return states.asFlux();
    }

    @Override
    public Flux<ConnectionState> stateChanges() {
        return changes.asFlux();
    }

    @Override
    public Mono<Void> close() {
        return Mono.fromRunnable(() -> {
            states.tryEmitNext(ConnectionState.disconnected(null));
            states.tryEmitComplete();
            changes.tryEmitNext(ConnectionState.disconnected(null));
            changes.tryEmitComplete();
            inbound.tryEmitComplete();
        });
    }

    @Override
    public Mono<Void> onClose() {
        return inbound.asFlux().then();
    }
}
