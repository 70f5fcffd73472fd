package org.reactorxmpp.xmpp.session.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.extension.ExtensionRegistry;
import org.reactorxmpp.xmpp.feature.Feature;
import org.reactorxmpp.xmpp.feature.internal.CapsRegistry;
import org.reactorxmpp.xmpp.feature.internal.FeatureHost;
import org.reactorxmpp.xmpp.jid.FullJid;
import org.reactorxmpp.xmpp.sasl.SaslCredentials;
import org.reactorxmpp.xmpp.session.BuiltInResponder;
import org.reactorxmpp.xmpp.session.Capabilities;
import org.reactorxmpp.xmpp.session.ConnectionDetails;
import org.reactorxmpp.xmpp.session.SessionLog;
import org.reactorxmpp.xmpp.session.ConnectionState;
import org.reactorxmpp.xmpp.session.IqHandler;
import org.reactorxmpp.xmpp.session.SessionHandover;
import org.reactorxmpp.xmpp.session.SessionHandoverException;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.sm.StreamManagementStatus;
import org.reactorxmpp.xmpp.stanza.InvalidStanzaException;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.stanza.Presence;
import org.reactorxmpp.xmpp.stanza.Stanza;
import org.reactorxmpp.xmpp.stanza.StanzaError;
import org.reactorxmpp.xmpp.stanza.StanzaErrorException;
import org.reactorxmpp.xmpp.stream.StreamFeatures;
import org.reactorxmpp.xmpp.transport.TransportClosedException;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.core.publisher.Sinks;

/**
 * THE session: one object for the whole life of a {@link XmppSession}, across its transport
 * connections. It owns the states, the inbound fanout, IQ correlation, the IQ handlers, the
 * outbound calls and the credentials; a {@link BoundConnection} is what it currently runs on. When
 * a connection is lost for a cause the {@link org.reactorxmpp.xmpp.session.Reconnect} policy
 * retries, the {@link Reconnector} negotiates a new one and the session carries on with it:
 * subscribers stay subscribed, handlers stay registered, calls not written yet move to it in order.
 *
 * <p>Inbound elements of a connection arrive serialized from its {@link ElementQueue}; everything
 * else is thread-safe.
 */
final class DefaultXmppSession implements XmppSession {

    private static final Logger log = LoggerFactory.getLogger(DefaultXmppSession.class);

    private final SessionSettings settings;
    private final @Nullable SaslCredentials kept;
    private final Reconnector reconnector;
    private final StateSink states = new StateSink();
    private final InboundFanout inbound;
    private final PendingRequests pending;
    private final Outbound outbound;
    private final @Nullable SmSession sm;
    private final Map<String, IqHandler> handlers = new ConcurrentHashMap<>();
    private final FeatureHost featureHost;
    private final CapsRegistry capabilities;
    private final Sinks.Empty<Void> closed = Sinks.empty();
    private final Disposable.Swap reconnecting = Disposables.swap();
    private volatile @Nullable BoundConnection current;
    /** The first connection until the subscriber of {@link #start} had the session: its inbound waits. */
    private @Nullable BoundConnection held;
    private volatile @Nullable SaslCredentials lastCredentials;
    private final List<ConnectionState> firstAttempt = new ArrayList<>();
    private int connections;
    private boolean live;
    private volatile boolean closing;
    /** Set by {@link #detach()}: the session ends without closing, in {@link ConnectionState#detached()}. */
    private volatile boolean detaching;
    private boolean finished;
    /** The connections, latest first for a new subscriber: what {@link #checkpoints()} follows. */
    private final Sinks.Many<BoundConnection> connectionChanges = Sinks.many().replay().latest();

    DefaultXmppSession(SessionSettings settings, Clock clock) {
        this.settings = settings;
        boolean reconnect = settings.reconnect().isEnabled();
        // with reconnect, one copy of the password is kept for the next negotiations
        this.kept = reconnect ? SessionConnector.credentials(settings) : null;
        this.sm = settings.streamManagement().isEnabled() ? new SmSession(settings.streamManagement(), settings::timer,
            SessionLog.of(LoggerFactory.getLogger(SmSession.class), this)) : null;
        SmSession s = sm;
        this.reconnector = new Reconnector(settings, this::credentialsForAttempt, !reconnect, this::progress,
            () -> closing, () -> s == null ? null : s.ticket());
        this.inbound = new InboundFanout(settings.inboundBufferSize(),
            () -> settings.observer().inboundOverflow(this, settings.inboundBufferSize()));
        this.pending = new PendingRequests(this::jid, settings::timer, SessionLog.id(this));
        this.outbound = new Outbound(settings.offlineQueueSize());
        // extension model (issue 11): the one capabilities registry and feature host of this session
        this.capabilities = SessionExtensions.capabilities(settings);
        this.featureHost = new FeatureHost(this, capabilities);
        this.capabilities.resender(() -> outbound.send(this::latestPresence).then());
        for (BuiltInResponder r : settings.responders()) {
            handlers.put(r.namespace(), Responders.handler(r, settings, () -> capabilities, clock));
        }
    }

    private SaslCredentials credentialsForAttempt() {
        SaslCredentials c = kept != null ? kept : SessionConnector.credentials(settings);
        lastCredentials = c;
        return c;
    }

    /**
     * The first connection, in a fixed order: CONNECTED; {@code prepare} (the features declared on the client
     * are installed, so the first presence carries their caps and what they send goes first); the initial
     * presence is queued; the subscriber gets the session (anything it sends, a presence too, comes after
     * the initial presence); then the inbound stanzas that arrived meanwhile are delivered, so a subscriber
     * that subscribed to {@link #inbound()} in its callback misses none of the replies.
     *
     * @param prepare what runs on the session before it is handed out
     * @return this session once its first connection is up
     */
    Mono<XmppSession> start(UnaryOperator<Mono<XmppSession>> prepare) {
        Mono<XmppSession> first = reconnector.first()
            .doOnNext(this::attach)
            .doOnError(this::finish)
            // after the cancel reached the attempt (doOnCancel would run first): the attempt then knows it was
            // cancelled before finish destroys the credentials a SASL step still running may be reading
            .doFinally(signal -> {
                if (signal == SignalType.CANCEL) {
                    finish(new CancellationException("connect cancelled"));
                }
            })
            .map(c -> (XmppSession) this);
        return prepare.apply(first)
            .doOnNext(s -> {
                if (settings.sendInitialPresence()) {
                    outbound.send(this::initialPresence)
                        .subscribe(null, error -> log.debug("[{}] initial presence failed", SessionLog.id(this), error));
                }
            })
            .doAfterTerminate(this::releaseInbound);
    }

    private void releaseInbound() {
        BoundConnection c;
        synchronized (this) {
            c = held;
            held = null;
        }
        if (c != null) {
            activate(c);
        }
    }

    /**
     * Goes on with a handed-over session: CONNECTING, then CONNECTED once the transport attached, without SASL,
     * bind or initial presence.
     *
     * @param handover the handover, for this session's account
     * @return this session once the server accepted the attached connection
     */
    Mono<XmppSession> startAttached(SessionHandover handover) {
        return Mono.defer(() -> {
                progress(ConnectionState.CONNECTING);
                SaslCredentials c = credentialsForAttempt();
                if (kept == null) {
                    c.destroy(); // no SASL here: only a reconnect would need them, and without reconnect there is none
                }
                return HandoverFlow.attach(settings, handover, c);
            })
            .doOnNext(this::attach)
            .doOnError(this::finish)
            .doOnCancel(() -> finish(new CancellationException("attach cancelled")))
            .map(c -> (XmppSession) this)
            // what the server sent since the handover (possibly in the very first response) goes to the
            // subscribers the caller makes in its callback: delivered only once the session was handed out
            .doAfterTerminate(this::releaseInbound);
    }

    /**
     * Runs on a new connection: CONNECTED, its buffered elements (those of the first connection once the
     * session was handed out, see {@link #start}), then the calls that waited for it. With
     * stream management: on a resumed session the unacknowledged stanzas are written again first; on a new one
     * {@code <enable/>} goes first and the old session's unacknowledged stanzas follow the initial presence,
     * before any call that waited.
     */
    private void attach(BoundConnection bound) {
        SmSession s = sm;
        BoundConnection connection = s == null ? bound : bound.withTransport(s.wrap(bound.transport()));
        boolean resumed = connection.resumed();
        boolean reattached;
        List<ConnectionState> negotiated;
        synchronized (this) {
            reattached = current != null;
            current = connection;
            held = reattached ? null : connection;
            negotiated = new ArrayList<>(firstAttempt);
            firstAttempt.clear();
            connections++;
            live = true;
        }
        synchronized (connectionChanges) {
            connectionChanges.tryEmitNext(connection);
        }
        negotiated.forEach(states::emit);
        ConnectionState connected = resumed ? ConnectionState.CONNECTED.asResumed() : ConnectionState.CONNECTED;
        states.emit(connection.candidate() == null ? connected : connected.withUrl(connection.candidate().url()));
        log.debug("[{}] connection {} ready{}", connection.logId(), connections, resumed ? " (resumed)" : "");
        List<SmEntry> resend = List.of();
        if (s != null) {
            SmLink link = (SmLink) connection.transport();
            Long h = connection.resumption().h();
            if (resumed && h != null) {
                s.attachResumed(link, h);
            } else {
                resend = s.attachNew(link, connection.jid(), SmElements.offered(connection.features()), h);
            }
        }
        if (reattached) {
            activate(connection);
        } else {
            connection.queue().negotiated();
        }
        if (reattached && !resumed && settings.sendInitialPresence() && current == connection) {
            // before the calls that waited for the connection: a presence among them comes after it
            connection.transport().send(initialPresence())
                .subscribe(null, error -> log.debug("[{}] initial presence failed", connection.logId(), error));
        }
        if (s != null && reattached && !resumed) {
            Set<String> ids = new HashSet<>();
            for (SmEntry e : resend) {
                String id = e.element.attribute("id");
                if (id != null && e.element.localName().equals("iq")) {
                    ids.add(id);
                }
            }
            pending.failWrittenBefore(connection, ids, new TransportClosedException(
                "the connection was lost before the reply arrived and the session could not be resumed", null));
            s.resend((SmLink) connection.transport(), resend);
        }
        boolean stillLive;
        synchronized (this) {
            stillLive = current == connection && live;
        }
        if (stillLive) {
            // not onto a connection already lost while attaching (its stream ended before the calls that waited
            // went out): they wait for the next one
            outbound.connected(connection);
        }
    }

    private void activate(BoundConnection connection) {
        connection.queue().activate(new ElementQueue.Sink() {
            @Override
            public void element(XmlElement element) {
                received(connection, element);
            }

            @Override
            public void terminated(@Nullable Throwable cause) {
                lost(connection, cause);
            }
        });
    }

    /** @return the latest own broadcast presence (after a reconnect: the one the user set), else plain available */
    private XmlElement initialPresence() {
        return capabilities.initialPresence().element();
    }

    /** @return the latest own broadcast presence with the current caps, read when the caps re-send takes its turn */
    private @Nullable XmlElement latestPresence() {
        Presence latest = capabilities.latestWithCaps();
        return latest == null ? null : latest.element();
    }

    /** A connection ended: reconnect when the policy allows it, otherwise the session ends. */
    private void lost(BoundConnection connection, @Nullable Throwable lossCause) {
        synchronized (this) {
            if (connection != current || finished) {
                return;
            }
            live = false;
        }
        SmSession s = sm;
        @Nullable Throwable cause = lossCause;
        if (s != null) {
            s.lost(connection.transport());
            if (cause != null) {
                cause = s.lossCause(connection.transport(), cause);
            }
        }
        if (s == null || !s.isTracking()) {
            pending.failWrittenOn(connection, new TransportClosedException(
                "the connection was lost before the reply arrived", cause));
        }
        if (closing || cause == null || !settings.reconnect().shouldReconnect(cause, 1)) {
            finish(closing ? null : cause);
            return;
        }
        log.debug("[{}] connection lost ({}), reconnecting", connection.logId(), cause.toString());
        outbound.disconnected();
        reconnecting.update(reconnector.after(cause, connection.candidate())
            .subscribe(this::reattached, this::finish));
    }

    private void reattached(BoundConnection connection) {
        if (closing) {
            connection.transport().close(null).subscribe(null, error -> log.debug("[{}] close after reconnect failed", connection.logId(), error));
            return;
        }
        attach(connection);
    }

    /**
     * An attempt's CONNECTING, AUTHENTICATING, BINDING (CONNECTED comes with the attach). Before the
     * first connection, only the attempt that succeeds is kept: its states are emitted on attach.
     */
    private void progress(ConnectionState state) {
        if (state.kind() == ConnectionState.Kind.CONNECTED || closing) {
            return;
        }
        synchronized (this) {
            if (current == null) {
                if (state.kind() == ConnectionState.Kind.CONNECTING) {
                    firstAttempt.clear();
                }
                firstAttempt.add(state);
                return;
            }
        }
        states.emit(state);
    }

    private void finish(@Nullable Throwable error) {
        Throwable cause = error instanceof CancellationException && closing ? null : error;
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
            live = false;
        }
        if (kept != null) {
            kept.destroy();
        }
        outbound.end(cause != null ? cause
            : new TransportClosedException("the session was closed before the element was sent", null));
        if (sm != null) {
            sm.end(cause != null ? cause
                : new TransportClosedException("the session was closed before the server acknowledged the stanza", null));
        }
        pending.failAll(new TransportClosedException("the session ended before the reply arrived", cause));
        inbound.terminate(cause);
        synchronized (connectionChanges) {
            connectionChanges.tryEmitComplete();
        }
        states.emit(detaching && cause == null ? ConnectionState.detached() : ConnectionState.disconnected(cause));
        states.complete();
        if (cause == null) {
            closed.tryEmitEmpty();
        } else {
            closed.tryEmitError(cause);
        }
    }

    @Override
    public FullJid jid() {
        return connection().jid();
    }

    /** @return the latest connection's features: set before that connection's {@code CONNECTED} is emitted */
    @Override
    public StreamFeatures features() {
        return connection().features();
    }

    @Override
    public synchronized ConnectionDetails connectionDetails() {
        return connection().details(connections);
    }

    private BoundConnection connection() {
        BoundConnection c = current;
        if (c == null) {
            throw new IllegalStateException("the session has no connection yet");
        }
        return c;
    }

    @Override
    public Flux<Stanza> inbound() {
        return inbound.flux();
    }

    @Override
    public Mono<Void> send(Stanza stanza) {
        Objects.requireNonNull(stanza, "stanza");
        // recorded (own presence) when it takes its place in the outbound order: see latestPresence()
        return outbound.send(() -> capabilities.outbound(stanza).element()).then();
    }

    @Override
    public Mono<Void> sendAcked(Stanza stanza) {
        Objects.requireNonNull(stanza, "stanza");
        SmSession s = sm;
        if (s == null) {
            return XmppSession.super.sendAcked(stanza);
        }
        return Mono.defer(() -> {
            XmlElement element = capabilities.outbound(stanza).element();
            return s.acked(element, outbound.send(element));
        });
    }

    @Override
    public StreamManagementStatus streamManagement() {
        SmSession s = sm;
        return s == null ? StreamManagementStatus.off() : s.status();
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
    public Mono<Iq> request(Iq request) {
        return request(request, settings.requestTimeout());
    }

    @Override
    public Mono<Iq> request(Iq request, Duration timeout) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(timeout, "timeout");
        return Mono.defer(() -> pending.register(request, timeout, iq -> outbound.send(iq.element())));
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
            boolean first;
            BoundConnection on;
            synchronized (this) {
                first = !closing && !finished;
                closing = true;
                on = live ? current : null;
            }
            if (first) {
                reconnecting.dispose();
                if (on != null) {
                    states.emit(ConnectionState.DISCONNECTING);
                    XmlElement unavailable = Presence.builder().type(Presence.Type.UNAVAILABLE).build().element();
                    on.transport().close(unavailable)
                        .subscribe(null, error -> log.debug("[{}] close failed", on.logId(), error));
                } else {
                    finish(null);
                }
            }
            return closed.asMono();
        });
    }

    @Override
    public Mono<Void> onClose() {
        return closed.asMono();
    }

    @Override
    public Mono<SessionHandover> detach() {
        return Mono.defer(() -> {
            BoundConnection on;
            synchronized (this) {
                if (closing || finished || !live || current == null) {
                    return Mono.error(new SessionHandoverException(SessionHandoverException.Reason.NOT_CONNECTED,
                        "only a connected session can be handed over (closing: " + closing + ", ended: " + finished + ")"));
                }
                SmSession s = sm;
                if (s != null && s.status().enabled()) {
                    return Mono.error(new SessionHandoverException(SessionHandoverException.Reason.STREAM_MANAGEMENT,
                        "stream management is enabled on this session: its counters cannot be handed over"
                            + " (hand over sessions of clients without stream management)"));
                }
                on = current;
                closing = true;
                detaching = true;
            }
            BoundConnection from = on;
            return from.transport().detach()
                .doOnError(error -> {
                    synchronized (this) {
                        if (!finished) { // the transport refused (e.g. UNSUPPORTED): the session goes on
                            closing = false;
                            detaching = false;
                        }
                    }
                })
                .map(state -> {
                    log.debug("[{}] session detached: handed over", from.logId());
                    reconnecting.dispose();
                    finish(null);
                    return SessionHandover.of(from.jid(), from.transport().details().kind().name(), from.features(),
                        state);
                });
        });
    }

    @Override
    public Flux<SessionHandover> checkpoints() {
        return connectionChanges.asFlux()
            .switchMap(c -> c.transport().checkpoints()
                .map(state -> SessionHandover.of(c.jid(), c.transport().details().kind().name(), c.features(), state)))
            .onBackpressureLatest();
    }

    @Override
    public Mono<Void> writeAheadCheckpoints(
            java.util.function.Function<SessionHandover, ? extends org.reactivestreams.Publisher<Void>> store) {
        return connectionChanges.asFlux()
            .switchMap(c -> c.transport().writeAheadCheckpoints(state -> store.apply(
                SessionHandover.of(c.jid(), c.transport().details().kind().name(), c.features(), state))))
            .then();
    }

    // inbound, serialized by the connection's ElementQueue

    private void received(BoundConnection connection, XmlElement element) {
        SmSession s = sm;
        if (s != null && s.inbound(connection.transport(), element)) {
            return;
        }
        if (!Stanza.NAMESPACE.equals(element.namespace())) {
            log.debug("[{}] ignoring non-stanza element {}", connection.logId(), element.name());
            return;
        }
        Stanza stanza;
        try {
            stanza = Stanza.of(element);
        } catch (InvalidStanzaException e) {
            log.debug("[{}] ignoring {}", connection.logId(), e.getMessage());
            return;
        }
        if (stanza instanceof Iq) {
            Iq iq = (Iq) stanza;
            if (iq.isRequest()) {
                answer(connection, iq);
            } else {
                pending.complete(iq);
            }
        }
        inbound.emit(stanza);
    }

    private void answer(BoundConnection connection, Iq request) {
        if (request.id() == null) {
            log.debug("[{}] ignoring {} IQ without id", connection.logId(), request.type());
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
        // the answer belongs to the connection the request came on: a lost connection takes it along
        reply.flatMap(iq -> connection.transport().send(iq.element()))
            .subscribe(null, error -> log.debug("[{}] could not answer iq '{}'", connection.logId(), request.id(), error));
    }

    // test access

    /** @return the credentials the session keeps for reconnects, else those of the last attempt */
    @Nullable SaslCredentials credentials() {
        return kept != null ? kept : lastCredentials;
    }

    @Nullable BoundConnection current() {
        return current;
    }

    int pendingRequests() {
        return pending.size();
    }

    int waitingCalls() {
        return outbound.waiting();
    }

    @Override
    public String toString() {
        BoundConnection c = current;
        return "XmppSession{" + (c == null ? settings.jid() : c.jid()) + ", " + settings.reconnect() + "}";
    }
}
