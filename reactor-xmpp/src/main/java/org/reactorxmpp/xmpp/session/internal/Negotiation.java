package org.reactorxmpp.xmpp.session.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CancellationException;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.sasl.SaslCredentials;
import org.reactorxmpp.xmpp.session.ConnectPhase;
import org.reactorxmpp.xmpp.session.ConnectionState;
import org.reactorxmpp.xmpp.session.XmppConnectException;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Presence;
import org.reactorxmpp.xmpp.stream.StreamFeatures;
import org.reactorxmpp.xmpp.transport.StreamOpen;
import org.reactorxmpp.xmpp.transport.TransportConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * One connect attempt: transport, features, SASL, restart, bind, session. Each phase has its own
 * timeout that names it. A failure or a cancel closes the half-open connection. Not API: use
 * {@code XmppClient.connect()}.
 */
public final class Negotiation {

    private static final Logger log = LoggerFactory.getLogger(Negotiation.class);

    private final SessionSettings settings;
    private final StateSink states = new StateSink();
    private final ElementQueue queue = new ElementQueue();
    private volatile @Nullable TransportConnection connection;
    private volatile @Nullable Disposable pump;
    private volatile @Nullable DefaultXmppSession created;

    /**
     * @param settings the validated settings
     */
    public Negotiation(SessionSettings settings) {
        this.settings = settings;
    }

    /**
     * Negotiates a session and, when the settings enable reconnect, wraps it in a session that
     * survives transient drops.
     *
     * @param settings the validated settings
     * @return the session the user holds
     */
    public static Mono<XmppSession> connect(SessionSettings settings) {
        Mono<XmppSession> first = Mono.defer(() -> new Negotiation(settings).run());
        if (!settings.reconnect().isEnabled()) {
            return first;
        }
        return first.map(session -> new ReconnectingSession(settings, settings.reconnect(),
            settings.reconnectScheduler(), session));
    }

    /** @return the session once negotiated */
    public Mono<XmppSession> run() {
        states.emit(ConnectionState.CONNECTING);
        StreamOpen open = StreamOpen.to(settings.jid().domainpart())
            .withFrom(settings.jid().toString()).withLang(settings.lang());
        Mono<StreamFeatures> transportPhase = settings.transport().connect(open)
            .doOnNext(this::attach)
            .then(Mono.defer(() -> queue.next(StreamFeatures::isFeatures)))
            .map(StreamFeatures::from);
        return phase(ConnectPhase.TRANSPORT, settings.connectTimeout(), transportPhase)
            .flatMap(features -> {
                states.emit(ConnectionState.AUTHENTICATING);
                return phase(ConnectPhase.SASL, settings.connectTimeout(), authenticate(features));
            })
            .flatMap(features -> {
                states.emit(ConnectionState.BINDING);
                return phase(ConnectPhase.BIND, settings.bindTimeout(),
                    new BindFlow(connection(), queue).bind(features, settings.resource()));
            })
            .map(jid -> {
                DefaultXmppSession session = new DefaultXmppSession(connection(), jid, settings, states,
                    Clock.systemDefaultZone());
                states.emit(ConnectionState.CONNECTED);
                queue.activate(session);
                log.debug("session {} ready", jid);
                return session;
            })
            .doOnError(this::abort)
            .doOnCancel(() -> abort(new CancellationException("connect cancelled")))
            .map(session -> {
                created = session;
                return (XmppSession) session;
            })
            // after the subscriber received the session (and could subscribe to its inbound)
            .doAfterTerminate(() -> {
                DefaultXmppSession session = created;
                if (session != null) {
                    initialPresence(session);
                }
            });
    }

    private Mono<StreamFeatures> authenticate(StreamFeatures features) {
        TransportConnection c = connection();
        SaslCredentials credentials = SaslCredentials.builder()
            .username(settings.jid().localpart().orElseThrow())
            .password(settings.password())
            .host(settings.jid().domainpart())
            .build();
        return new SaslFlow(c, queue, settings.selector(), settings.saslScheduler())
            .authenticate(features, credentials)
            .doFinally(signal -> credentials.destroy())
            .then(Mono.defer(c::restart))
            .then(Mono.defer(() -> queue.next(StreamFeatures::isFeatures)))
            .map(StreamFeatures::from);
    }

    private void initialPresence(DefaultXmppSession session) {
        if (settings.sendInitialPresence()) {
            session.send(Presence.builder().build())
                .subscribe(null, error -> log.debug("{}: initial presence failed", session.jid(), error));
        }
    }

    private <T> Mono<T> phase(ConnectPhase phase, Duration timeout, Mono<T> work) {
        return work.timeout(timeout, Mono.error(() -> new XmppConnectException(phase,
            "no progress within " + timeout, true, null)));
    }

    private void attach(TransportConnection c) {
        connection = c;
        pump = c.inbound().subscribe(queue::onNext, queue::onError, queue::onComplete);
    }

    private TransportConnection connection() {
        TransportConnection c = connection;
        if (c == null) {
            throw new IllegalStateException("no transport connection yet");
        }
        return c;
    }

    private void abort(Throwable cause) {
        log.debug("connect of {} failed: {}", settings.jid(), cause.toString());
        Disposable p = pump;
        if (p != null) {
            p.dispose();
        }
        TransportConnection c = connection;
        if (c != null) {
            c.close(null).subscribe(null, error -> log.debug("closing after a failed connect failed", error));
        }
        states.emit(ConnectionState.disconnected(cause));
        states.complete();
    }
}
