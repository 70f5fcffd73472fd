package org.reactorxmpp.xmpp.session.internal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.extension.ExtensionRegistry;
import org.reactorxmpp.xmpp.failover.Candidate;
import org.reactorxmpp.xmpp.failover.CandidateWalk;
import org.reactorxmpp.xmpp.feature.Feature;
import org.reactorxmpp.xmpp.feature.internal.CapsRegistry;
import org.reactorxmpp.xmpp.feature.internal.FeatureHost;
import org.reactorxmpp.xmpp.jid.FullJid;
import org.reactorxmpp.xmpp.sasl.SaslCredentials;
import org.reactorxmpp.xmpp.session.Capabilities;
import org.reactorxmpp.xmpp.session.ConnectionState;
import org.reactorxmpp.xmpp.session.IqHandler;
import org.reactorxmpp.xmpp.session.Reconnect;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.stanza.Stanza;
import org.reactorxmpp.xmpp.stanza.StanzaError;
import org.reactorxmpp.xmpp.stanza.StanzaErrorException;
import org.reactorxmpp.xmpp.stream.StreamFeatures;
import org.reactorxmpp.xmpp.transport.TransportClosedException;
import org.reactorxmpp.xmpp.transport.TransportOverflowException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

/**
 * The session the user holds when reconnect is enabled: one object over a succession of
 * connection-bound sessions. Inbound stanzas of each are forwarded to one fanout that outlives
 * them, user IQ handlers are registered again on each, and when one drops for a transient cause a
 * new one is negotiated with the same settings after the policy's delay.
 *
 * <p>Between connections, {@link #send(Stanza)} and {@link #request(Iq, Duration)} do not go to the
 * dead connection: they wait in a bounded queue ({@code offlineQueueSize}; a full queue fails the
 * call with a {@link TransportOverflowException}) and run in order on the next connection before
 * any later call. A queued request's timeout runs from its subscription. When the session ends
 * instead, the queued calls fail with its cause. The credentials are kept for the next
 * negotiations and zeroed when the session ends.
 */
final class ReconnectingSession implements XmppSession {

    private static final Logger log = LoggerFactory.getLogger(ReconnectingSession.class);

    private final SessionSettings settings;
    private final SaslCredentials credentials;
    private final Reconnect policy;
    private final Scheduler scheduler;
    private final StateSink states = new StateSink();
    private final InboundFanout inbound;
    private final Map<String, IqHandler> userHandlers = new ConcurrentHashMap<>();
    private final Map<String, Disposable> registrations = new ConcurrentHashMap<>();
    private final Sinks.Empty<Void> closed = Sinks.empty();
    private final Disposable.Swap attachment = Disposables.swap();
    private final Disposable.Swap reconnecting = Disposables.swap();
    private final ArrayDeque<Deferred<?>> offline = new ArrayDeque<>();
    private final @Nullable FailoverConnector failover;
    // extension model seam (issue 11): one registry and feature host for all connections
    private final CapsRegistry capabilities;
    private final FeatureHost featureHost;
    private int attempts;
    private volatile XmppSession current;
    private volatile boolean live;
    private volatile boolean closing;
    private boolean finished;
    private @Nullable Throwable finishCause;

    ReconnectingSession(SessionSettings settings, SaslCredentials credentials, XmppSession first) {
        this(settings, credentials, first, null);
    }

    /**
     * @param failover when not {@code null}, a drop is recovered by walking candidate URLs: rounds of
     *     candidates, each round after the policy's delay for that round number
     */
    ReconnectingSession(SessionSettings settings, SaslCredentials credentials, XmppSession first,
                        @Nullable FailoverConnector failover) {
        this.failover = failover;
        this.settings = settings;
        this.credentials = credentials;
        this.policy = settings.reconnect();
        this.scheduler = settings.reconnectScheduler();
        this.inbound = new InboundFanout(settings.inboundBufferSize());
        this.current = first;
        this.capabilities = SessionExtensions.capabilities(settings);
        this.capabilities.resender(this::send);
        this.featureHost = new FeatureHost(this, capabilities);
        // the first connection's connect sequence (replayed synchronously), before its CONNECTED
        first.states().takeWhile(state -> state.kind() != ConnectionState.Kind.CONNECTED).subscribe(states::emit);
        attach(first);
    }

    /** Follows a new connection-bound session: forwards its stanzas, registers the user handlers. */
    private synchronized void attach(XmppSession session) {
        current = session;
        if (session instanceof DefaultXmppSession d) {
            d.capabilities(capabilities); // extension model seam: advertise from the shared registry
        }
        registrations.clear();
        userHandlers.forEach((namespace, handler) -> registrations.put(namespace, session.handle(namespace, handler)));
        Disposable forward = session.inbound().subscribe(inbound::emit,
            error -> { }, () -> { });
        Candidate on = session instanceof DefaultXmppSession d ? d.candidate() : null;
        states.emit(on == null ? ConnectionState.CONNECTED : ConnectionState.CONNECTED.withUrl(on.url()));
        // what waited for this connection goes first, in order, before any call made from now on
        List<Deferred<?>> waiting = new ArrayList<>(offline);
        offline.clear();
        if (!waiting.isEmpty()) {
            log.debug("{}: sending {} queued call(s) after reconnect", session.jid(), waiting.size());
        }
        for (Deferred<?> d : waiting) {
            d.start(session);
        }
        live = true;
        attachment.update(Disposables.composite(forward,
            session.onClose().subscribe(null, error -> ended(session, error), () -> ended(session, null))));
    }

    private void ended(XmppSession session, @Nullable Throwable cause) {
        synchronized (this) {
            if (session != current || finished) {
                return;
            }
            live = false;
        }
        if (closing || cause == null || !policy.shouldReconnect(cause, 1)) {
            finish(closing ? null : cause);
            return;
        }
        log.debug("session {} dropped ({}), reconnecting", session.jid(), cause.toString());
        FailoverConnector f = failover;
        if (f != null) {
            Candidate on = session instanceof DefaultXmppSession d ? d.candidate() : null;
            attempts = 0;
            reconnecting.update(round(f, cause, 1, f.walkAfterDrop(cause, on)).subscribe(this::reattached, this::finish));
            return;
        }
        reconnecting.update(attempt(cause, 1).subscribe(this::reattached, this::finish));
    }

    /**
     * One round of candidates: RECONNECTING (with the URL) before each attempt; the policy's delay for
     * this round before its first attempt. A round that ends without a session starts the next one
     * from the restart candidates, while the policy allows (its attempt count counts rounds).
     */
    private Mono<XmppSession> round(FailoverConnector f, Throwable cause, long round, Mono<CandidateWalk> walks) {
        return Mono.defer(() -> {
            if (closing) {
                return Mono.error(new CancellationException("closed while reconnecting"));
            }
            if (!policy.shouldReconnect(cause, round)) {
                return Mono.error(cause);
            }
            AtomicBoolean first = new AtomicBoolean(true);
            return walks.flatMap(walk -> f.walk(walk, candidate -> {
                    if (closing) {
                        return Mono.error(new CancellationException("closed while reconnecting"));
                    }
                    attempts++;
                    states.emit(ConnectionState.reconnecting(attempts).withUrl(candidate.url()));
                    return first.getAndSet(false) ? Mono.delay(policy.delay(round), scheduler).then() : Mono.empty();
                }, () -> credentials, false, this::progress))
                .onErrorResume(error -> !closing && !(error instanceof CancellationException), error -> {
                    log.debug("reconnect round {} failed: {}", round, error.toString());
                    return round(f, error, round + 1, f.restartWalk());
                });
        });
    }

    private Mono<XmppSession> attempt(Throwable cause, long n) {
        return Mono.defer(() -> {
            if (closing) {
                return Mono.error(new CancellationException("closed while reconnecting"));
            }
            if (!policy.shouldReconnect(cause, n)) {
                return Mono.error(cause);
            }
            states.emit(ConnectionState.reconnecting((int) Math.min(n, Integer.MAX_VALUE)));
            return Mono.delay(policy.delay(n), scheduler)
                .then(Mono.defer(() -> new Negotiation(settings, credentials, false, this::progress).run()))
                .onErrorResume(error -> !closing, error -> {
                    log.debug("reconnect attempt {} failed: {}", n, error.toString());
                    return attempt(error, n + 1);
                });
        });
    }

    /** A reconnect attempt's CONNECTING, AUTHENTICATING, BINDING (CONNECTED comes with the attach). */
    private void progress(ConnectionState state) {
        if (state.kind() != ConnectionState.Kind.CONNECTED && !closing) {
            states.emit(state);
        }
    }

    private void reattached(XmppSession session) {
        if (closing) {
            session.close().subscribe(null, error -> log.debug("close after reconnect failed", error));
            return;
        }
        attach(session);
    }

    private void finish(@Nullable Throwable cause) {
        if (cause instanceof CancellationException && closing) {
            cause = null;
        }
        List<Deferred<?>> waiting;
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
            finishCause = cause;
            live = false;
            waiting = new ArrayList<>(offline);
            offline.clear();
        }
        credentials.destroy();
        for (Deferred<?> d : waiting) {
            d.fail(endedError(cause));
        }
        attachment.dispose();
        inbound.terminate(cause);
        states.emit(ConnectionState.disconnected(cause));
        states.complete();
        if (cause == null) {
            closed.tryEmitEmpty();
        } else {
            closed.tryEmitError(cause);
        }
    }

    private static Throwable endedError(@Nullable Throwable cause) {
        return cause != null ? cause
            : new TransportClosedException("the session was closed while waiting for a reconnect", null);
    }

    /** @return the connection-bound session in use (or the last one while reconnecting) */
    XmppSession current() {
        return current;
    }

    SaslCredentials credentials() {
        return credentials;
    }

    synchronized int queuedCalls() {
        return offline.size();
    }

    /** @return the session to call directly, or {@code null} between connections */
    private synchronized @Nullable XmppSession liveOrFinished() {
        return live || finished ? current : null;
    }

    /** Runs the operation on the next connection; queued while there is none. */
    private <T> Mono<T> queued(Function<XmppSession, Mono<T>> operation) {
        return Mono.create(sink -> {
            Deferred<T> d = new Deferred<>(sink, operation);
            XmppSession target = null;
            Throwable rejected = null;
            synchronized (this) {
                if (live) {
                    target = current;
                } else if (finished) {
                    rejected = endedError(finishCause);
                } else if (offline.size() >= settings.offlineQueueSize()) {
                    rejected = new TransportOverflowException(TransportOverflowException.Direction.OUTBOUND,
                        settings.offlineQueueSize());
                } else {
                    offline.add(d);
                }
            }
            sink.onCancel(() -> {
                synchronized (this) {
                    offline.remove(d);
                }
                d.dispose();
            });
            if (rejected != null) {
                sink.error(rejected);
            } else if (target != null) {
                d.start(target);
            }
        });
    }

    @Override
    public FullJid jid() {
        return current.jid();
    }

    /** @return the latest connection's features: set before that connection's {@code CONNECTED} is emitted */
    @Override
    public StreamFeatures features() {
        return current.features();
    }

    @Override
    public Flux<Stanza> inbound() {
        return inbound.flux();
    }

    @Override
    public Mono<Void> send(Stanza stanza) {
        Objects.requireNonNull(stanza, "stanza");
        return Mono.defer(() -> {
            XmppSession target = liveOrFinished();
            return target != null ? target.send(stanza) : queued(session -> session.send(stanza));
        });
    }

    @Override
    public Mono<Iq> request(Iq request) {
        return request(request, settings.requestTimeout());
    }

    @Override
    public Mono<Iq> request(Iq request, Duration timeout) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(timeout, "timeout");
        return Mono.defer(() -> {
            XmppSession target = liveOrFinished();
            if (target != null) {
                return target.request(request, timeout);
            }
            // the timeout runs while queued too; once sent, the connection-bound one also runs
            return queued(session -> session.request(request, timeout))
                .timeout(timeout, Mono.error(() -> new StanzaErrorException(StanzaError.of(
                    StanzaError.Condition.REMOTE_SERVER_TIMEOUT, "no reply to iq '" + request.id() + "' from "
                        + (request.to() == null ? "the server" : request.to()) + " within " + timeout
                        + " (the session was reconnecting)"), null)), scheduler);
        });
    }

    @Override
    public synchronized Disposable handle(String namespace, IqHandler handler) {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(handler, "handler");
        if (userHandlers.containsKey(namespace)) {
            throw new IllegalStateException("an IQ handler for namespace '" + namespace + "' is already registered");
        }
        registrations.put(namespace, current.handle(namespace, handler));
        userHandlers.put(namespace, handler);
        return () -> {
            synchronized (this) {
                if (userHandlers.remove(namespace, handler)) {
                    Disposable d = registrations.remove(namespace);
                    if (d != null) {
                        d.dispose();
                    }
                }
            }
        };
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
            synchronized (this) {
                first = !closing && !finished;
                closing = true;
            }
            if (first) {
                reconnecting.dispose();
                if (live) {
                    states.emit(ConnectionState.DISCONNECTING);
                    current.close().subscribe(null, error -> log.debug("close of {} failed", current.jid(), error));
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
    public String toString() {
        return "XmppSession{" + current.jid() + ", " + policy + "}";
    }

    /** A call waiting for the next connection. */
    private static final class Deferred<T> {
        private final MonoSink<T> sink;
        private final Function<XmppSession, Mono<T>> operation;
        private final Disposable.Swap running = Disposables.swap();

        Deferred(MonoSink<T> sink, Function<XmppSession, Mono<T>> operation) {
            this.sink = sink;
            this.operation = operation;
        }

        void start(XmppSession session) {
            Mono<T> call;
            try {
                call = operation.apply(session);
            } catch (RuntimeException e) {
                sink.error(e);
                return;
            }
            running.update(call.subscribe(sink::success, sink::error, sink::success));
        }

        void fail(Throwable error) {
            sink.error(error);
        }

        void dispose() {
            running.dispose();
        }
    }
}
