package org.reactorxmpp.xmpp.session.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CancellationException;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.jid.FullJid;
import org.reactorxmpp.xmpp.session.ConnectionState;
import org.reactorxmpp.xmpp.session.IqHandler;
import org.reactorxmpp.xmpp.session.Reconnect;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.stanza.Stanza;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

/**
 * The session the user holds when reconnect is enabled: one object over a succession of
 * connection-bound sessions. Inbound stanzas of each are forwarded to one fanout that outlives
 * them, user IQ handlers are registered again on each, and when one drops for a transient cause a
 * new one is negotiated with the same settings after the policy's delay.
 */
final class ReconnectingSession implements XmppSession {

    private static final Logger log = LoggerFactory.getLogger(ReconnectingSession.class);

    private final SessionSettings settings;
    private final Reconnect policy;
    private final Scheduler scheduler;
    private final StateSink states = new StateSink();
    private final InboundFanout inbound;
    private final Map<String, IqHandler> userHandlers = new ConcurrentHashMap<>();
    private final Map<String, Disposable> registrations = new ConcurrentHashMap<>();
    private final Sinks.Empty<Void> closed = Sinks.empty();
    private final Disposable.Swap attachment = Disposables.swap();
    private final Disposable.Swap reconnecting = Disposables.swap();
    private volatile XmppSession current;
    private volatile boolean live;
    private volatile boolean closing;
    private boolean finished;

    ReconnectingSession(SessionSettings settings, Reconnect policy, Scheduler scheduler, XmppSession first) {
        this.settings = settings;
        this.policy = policy;
        this.scheduler = scheduler;
        this.inbound = new InboundFanout(settings.inboundBufferSize());
        this.current = first;
        attach(first);
    }

    /** Follows a new connection-bound session: forwards its stanzas, registers the user handlers. */
    private synchronized void attach(XmppSession session) {
        current = session;
        live = true;
        registrations.clear();
        userHandlers.forEach((namespace, handler) -> registrations.put(namespace, session.handle(namespace, handler)));
        Disposable forward = session.inbound().subscribe(inbound::emit,
            error -> { }, () -> { });
        states.emit(ConnectionState.CONNECTED);
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
        reconnecting.update(attempt(cause, 1).subscribe(this::reattached, this::finish));
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
                .then(Mono.defer(() -> new Negotiation(settings).run()))
                .onErrorResume(error -> !closing, error -> {
                    log.debug("reconnect attempt {} failed: {}", n, error.toString());
                    return attempt(error, n + 1);
                });
        });
    }

    private void reattached(XmppSession session) {
        if (closing) {
            session.close().subscribe(null, error -> log.debug("close after reconnect failed", error));
            return;
        }
        attach(session);
    }

    private void finish(@Nullable Throwable cause) {
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
            live = false;
        }
        if (cause instanceof CancellationException && closing) {
            cause = null;
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

    /** @return the connection-bound session in use (or the last one while reconnecting) */
    XmppSession current() {
        return current;
    }

    @Override
    public FullJid jid() {
        return current.jid();
    }

    @Override
    public Flux<Stanza> inbound() {
        return inbound.flux();
    }

    @Override
    public Mono<Void> send(Stanza stanza) {
        Objects.requireNonNull(stanza, "stanza");
        return Mono.defer(() -> current.send(stanza));
    }

    @Override
    public Mono<Iq> request(Iq request) {
        return request(request, settings.requestTimeout());
    }

    @Override
    public Mono<Iq> request(Iq request, Duration timeout) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(timeout, "timeout");
        return Mono.defer(() -> current.request(request, timeout));
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
    public Flux<ConnectionState> states() {
        return states.flux();
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
}
