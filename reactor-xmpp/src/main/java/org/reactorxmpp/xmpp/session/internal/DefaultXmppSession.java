package org.reactorxmpp.xmpp.session.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.extension.ExtensionRegistry;
import org.reactorxmpp.xmpp.failover.Candidate;
import org.reactorxmpp.xmpp.feature.Feature;
import org.reactorxmpp.xmpp.feature.internal.CapsRegistry;
import org.reactorxmpp.xmpp.feature.internal.FeatureHost;
import org.reactorxmpp.xmpp.jid.FullJid;
import org.reactorxmpp.xmpp.sasl.SaslCredentials;
import org.reactorxmpp.xmpp.session.BuiltInResponder;
import org.reactorxmpp.xmpp.session.Capabilities;
import org.reactorxmpp.xmpp.session.ConnectionState;
import org.reactorxmpp.xmpp.session.IqHandler;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.InvalidStanzaException;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.stanza.Presence;
import org.reactorxmpp.xmpp.stanza.Stanza;
import org.reactorxmpp.xmpp.stanza.StanzaError;
import org.reactorxmpp.xmpp.stanza.StanzaErrorException;
import org.reactorxmpp.xmpp.stream.StreamFeatures;
import org.reactorxmpp.xmpp.transport.TransportClosedException;
import org.reactorxmpp.xmpp.transport.TransportConnection;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The session over one transport connection. Inbound elements arrive serialized from the
 * {@link ElementQueue}; everything else is thread-safe.
 */
final class DefaultXmppSession implements XmppSession, ElementQueue.Sink {

    private static final Logger log = LoggerFactory.getLogger(DefaultXmppSession.class);

    private final TransportConnection connection;
    private final FullJid jid;
    private final StreamFeatures features;
    private final SessionSettings settings;
    private final StateSink states;
    private final InboundFanout inbound;
    private final PendingRequests pending;
    private final Map<String, IqHandler> handlers = new ConcurrentHashMap<>();
    private final FeatureHost featureHost;
    private volatile CapsRegistry capabilities;
    private final Sinks.Empty<Void> closed = Sinks.empty();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final SaslCredentials credentials;

    /**
     * @param credentials the credentials it authenticated with: already destroyed unless a
     *     reconnecting session owns them; kept only so that tests can check that
     */
    private volatile @Nullable Candidate candidate;

    DefaultXmppSession(TransportConnection connection, FullJid jid, StreamFeatures streamFeatures, SessionSettings settings,
                       StateSink states, Clock clock, SaslCredentials credentials) {
        this.connection = connection;
        this.features = Objects.requireNonNull(streamFeatures, "streamFeatures");
        this.credentials = credentials;
        this.jid = jid;
        this.settings = settings;
        this.states = states;
        this.inbound = new InboundFanout(settings.inboundBufferSize());
        this.pending = new PendingRequests(jid);
        // extension model seam (issue 11): capabilities registry + feature host of this session
        this.capabilities = SessionExtensions.capabilities(settings);
        this.featureHost = new FeatureHost(this, capabilities);
        this.capabilities.resender(this::send);
        for (BuiltInResponder r : settings.responders()) {
            handlers.put(r.namespace(), Responders.handler(r, settings, () -> this.capabilities, clock));
        }
    }

    /** @param c the candidate URL this session runs on, or {@code null} with a single transport */
    void candidate(@Nullable Candidate c) {
        this.candidate = c;
    }

    /** @return the candidate URL this session runs on, or {@code null} with a single transport */
    @Nullable Candidate candidate() {
        return candidate;
    }

    /**
     * Extension model seam: a reconnecting session makes each connection advertise (caps in
     * presence, disco#info answers) from the one registry it owns.
     *
     * @param shared the registry of the session the user holds
     */
    void capabilities(CapsRegistry shared) {
        this.capabilities = shared;
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
    public FullJid jid() {
        return jid;
    }

    @Override
    public StreamFeatures features() {
        return features;
    }

    @Override
    public Flux<Stanza> inbound() {
        return inbound.flux();
    }

    @Override
    public Mono<Void> send(Stanza stanza) {
        Objects.requireNonNull(stanza, "stanza");
        return Mono.defer(() -> connection.send(capabilities.outbound(stanza).element()));
    }

    @Override
    public Mono<Iq> request(Iq request) {
        return request(request, settings.requestTimeout());
    }

    @Override
    public Mono<Iq> request(Iq request, Duration timeout) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(timeout, "timeout");
        return Mono.defer(() -> pending.register(request, timeout, iq -> connection.send(iq.element())));
    }

    @Override
    public Disposable handle(String namespace, IqHandler handler) {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(handler, "handler");
        if (handlers.putIfAbsent(namespace, handler) != null) {
            throw new IllegalStateException("an IQ handler for namespace '" + namespace + "' is already registered");
        }
        return () -> handlers.remove(namespace, handler);
    }

    @Override
    public Flux<ConnectionState> states() {
        return states.flux();
    }

    @Override
    public Flux<ConnectionState> stateChanges() {
        return states.changes();
    }

    @Override
    public Mono<Void> close() {
        return Mono.defer(() -> {
            if (closing.compareAndSet(false, true)) {
                states.emit(ConnectionState.DISCONNECTING);
                XmlElement unavailable = Presence.builder().type(Presence.Type.UNAVAILABLE).build().element();
                connection.close(unavailable).subscribe(null, error -> log.debug("close of {} failed", jid, error));
            }
            return closed.asMono();
        });
    }

    @Override
    public Mono<Void> onClose() {
        return closed.asMono();
    }

    SaslCredentials credentials() {
        return credentials;
    }

    int pendingRequests() {
        return pending.size();
    }

    // inbound, serialized by the ElementQueue

    @Override
    public void element(XmlElement element) {
        if (!Stanza.NAMESPACE.equals(element.namespace())) {
            log.debug("{}: ignoring non-stanza element {}", jid, element.name());
            return;
        }
        Stanza stanza;
        try {
            stanza = Stanza.of(element);
        } catch (InvalidStanzaException e) {
            log.debug("{}: ignoring {}", jid, e.getMessage());
            return;
        }
        if (stanza instanceof Iq) {
            Iq iq = (Iq) stanza;
            if (iq.isRequest()) {
                answer(iq);
            } else {
                pending.complete(iq);
            }
        }
        inbound.emit(stanza);
    }

    @Override
    public void terminated(@Nullable Throwable cause) {
        pending.failAll(new TransportClosedException("the session ended before the reply arrived", cause));
        inbound.terminate(cause);
        states.emit(ConnectionState.disconnected(cause));
        states.complete();
        if (cause == null) {
            closed.tryEmitEmpty();
        } else {
            closed.tryEmitError(cause);
        }
    }

    private void answer(Iq request) {
        if (request.id() == null) {
            log.debug("{}: ignoring {} IQ without id", jid, request.type());
            return;
        }
        String namespace = request.payload().map(XmlElement::namespace).orElse("");
        IqHandler handler = handlers.get(namespace);
        Mono<Iq> reply;
        if (handler == null) {
            reply = Mono.just(request.errorWith(StanzaError.of(StanzaError.Condition.FEATURE_NOT_IMPLEMENTED)));
        } else {
            reply = Mono.defer(() -> handler.handle(request))
                .switchIfEmpty(Mono.fromSupplier(() -> request.resultWith(null)))
                .onErrorResume(error -> Mono.just(request.errorWith(error instanceof StanzaErrorException
                    ? ((StanzaErrorException) error).error()
                    : StanzaError.of(StanzaError.Condition.INTERNAL_SERVER_ERROR))));
        }
        reply.flatMap(iq -> connection.send(iq.element()))
            .subscribe(null, error -> log.debug("{}: could not answer iq '{}'", jid, request.id(), error));
    }

    @Override
    public String toString() {
        return "XmppSession{" + jid + "}";
    }
}
