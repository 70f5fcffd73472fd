package org.reactorxmpp.xmpp.session.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.failover.Candidate;
import org.reactorxmpp.xmpp.jid.FullJid;
import org.reactorxmpp.xmpp.sasl.SaslCredentials;
import org.reactorxmpp.xmpp.session.ConnectPhase;
import org.reactorxmpp.xmpp.session.ConnectionState;
import org.reactorxmpp.xmpp.session.XmppConnectException;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Presence;
import org.reactorxmpp.xmpp.stream.StreamFeatures;
import org.reactorxmpp.xmpp.transport.StreamOpen;
import org.reactorxmpp.xmpp.transport.Transport;
import org.reactorxmpp.xmpp.transport.TransportException;
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
    private final SaslCredentials credentials;
    private final boolean destroyCredentialsAfterSasl;
    private final Consumer<ConnectionState> progress;
    private final @Nullable Target target;
    private final StateSink states = new StateSink();
    private final ElementQueue queue = new ElementQueue();
    private volatile @Nullable TransportConnection connection;
    private volatile @Nullable Disposable pump;
    private volatile @Nullable DefaultXmppSession created;

    /**
     * @param settings the validated settings
     * @param credentials what SASL authenticates with
     * @param destroyCredentialsAfterSasl whether this attempt owns the credentials and zeroes them
     *     once SASL is over (success or not); {@code false} when a reconnecting session keeps them
     * @param progress told of each state this attempt goes through, as it is emitted
     */
    Negotiation(SessionSettings settings, SaslCredentials credentials, boolean destroyCredentialsAfterSasl,
                Consumer<ConnectionState> progress) {
        this(settings, credentials, destroyCredentialsAfterSasl, progress, null);
    }

    /**
     * @param target the candidate URL to use instead of the settings' single transport, or {@code null}
     */
    Negotiation(SessionSettings settings, SaslCredentials credentials, boolean destroyCredentialsAfterSasl,
                Consumer<ConnectionState> progress, @Nullable Target target) {
        this.settings = settings;
        this.credentials = credentials;
        this.destroyCredentialsAfterSasl = destroyCredentialsAfterSasl;
        this.progress = progress;
        this.target = target;
    }

    /**
     * A candidate URL, its transport, and a check of the first stream features that may end the
     * attempt before authenticating (CUP: the home node is elsewhere).
     *
     * @param candidate the candidate
     * @param transport its transport
     * @param check runs on the first stream features; an error ends the attempt
     */
    record Target(Candidate candidate, Transport transport, Function<StreamFeatures, Mono<Void>> check) {
    }

    /**
     * Negotiates a session and, when the settings enable reconnect, wraps it in a session that
     * survives transient drops.
     *
     * <p>The password lives in the session only as long as needed: without reconnect the attempt's
     * copy is zeroed as soon as SASL is over; with reconnect the session keeps one copy for the
     * next negotiations and zeroes it when it ends (close, give-up, or a failed first connect).
     *
     * @param settings the validated settings
     * @return the session the user holds
     */
    public static Mono<XmppSession> connect(SessionSettings settings) {
        FailoverSettings failover = settings.failover();
        if (failover != null) {
            return connectWithFailover(settings, failover);
        }
        if (!settings.reconnect().isEnabled()) {
            return Mono.defer(() -> new Negotiation(settings, credentials(settings), true, state -> { }).run());
        }
        return Mono.defer(() -> {
            SaslCredentials credentials = credentials(settings);
            return new Negotiation(settings, credentials, false, state -> { }).run()
                .doOnError(error -> credentials.destroy())
                .doOnCancel(credentials::destroy)
                .map(session -> (XmppSession) new ReconnectingSession(settings, credentials, session));
        });
    }

    private static Mono<XmppSession> connectWithFailover(SessionSettings settings, FailoverSettings failover) {
        FailoverConnector connector = new FailoverConnector(settings, failover);
        if (!settings.reconnect().isEnabled()) {
            return connector.firstWalk().flatMap(walk -> connector.walk(walk, c -> Mono.empty(),
                () -> credentials(settings), true, state -> { }));
        }
        return Mono.defer(() -> {
            SaslCredentials credentials = credentials(settings);
            return connector.firstWalk()
                .flatMap(walk -> connector.walk(walk, c -> Mono.empty(), () -> credentials, false, state -> { }))
                .doOnError(error -> credentials.destroy())
                .doOnCancel(credentials::destroy)
                .map(session -> (XmppSession) new ReconnectingSession(settings, credentials, session, connector));
        });
    }

    /** @return a fresh copy of the account's credentials, owned by the caller */
    static SaslCredentials credentials(SessionSettings settings) {
        return SaslCredentials.builder()
            .username(settings.jid().localpart().orElseThrow())
            .password(settings.password())
            .host(settings.jid().domainpart())
            .build();
    }

    /** The bound JID with the features of the authenticated stream it was bound on. */
    private record Bound(FullJid jid, StreamFeatures features) {
    }

    /** @return the session once negotiated */
    Mono<XmppSession> run() {
        emit(ConnectionState.CONNECTING);
        StreamOpen open = StreamOpen.to(settings.jid().domainpart())
            .withFrom(settings.jid().toString()).withLang(settings.lang());
        Transport transport = target == null ? java.util.Objects.requireNonNull(settings.transport(), "transport")
            : target.transport();
        Mono<StreamFeatures> transportPhase = transport.connect(open)
            .doOnNext(this::attach)
            .then(Mono.defer(() -> queue.next(StreamFeatures::isFeatures)))
            .map(StreamFeatures::from);
        if (target != null) {
            Target t = target;
            transportPhase = transportPhase.flatMap(features -> t.check().apply(features).thenReturn(features));
        }
        return phase(ConnectPhase.TRANSPORT, settings.connectTimeout(), transportPhase)
            .flatMap(features -> {
                emit(ConnectionState.AUTHENTICATING);
                return phase(ConnectPhase.SASL, settings.connectTimeout(), authenticate(features));
            })
            .flatMap(features -> {
                emit(ConnectionState.BINDING);
                return phase(ConnectPhase.BIND, settings.bindTimeout(),
                    new BindFlow(connection(), queue).bind(features, settings.resource()))
                    .map(jid -> new Bound(jid, features));
            })
            .map(bound -> {
                FullJid jid = bound.jid();
                DefaultXmppSession session = new DefaultXmppSession(connection(), jid, bound.features(), settings,
                    states, Clock.systemDefaultZone(), credentials);
                session.candidate(target == null ? null : target.candidate());
                emit(ConnectionState.CONNECTED);
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
        return new SaslFlow(c, queue, settings.selector(), settings.saslScheduler())
            .authenticate(features, credentials)
            .doFinally(signal -> {
                if (destroyCredentialsAfterSasl) {
                    credentials.destroy();
                }
            })
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

    private void emit(ConnectionState state) {
        ConnectionState s = target == null ? state : state.withUrl(target.candidate().url());
        states.emit(s);
        progress.accept(s);
    }

    private <T> Mono<T> phase(ConnectPhase phase, Duration timeout, Mono<T> work) {
        Mono<T> timed = work.timeout(timeout, Mono.error(() -> new XmppConnectException(phase,
            "no progress within " + timeout, true, null)));
        if (phase != ConnectPhase.TRANSPORT) {
            return timed;
        }
        // the transport never connected (refused, unknown host, TLS, HTTP status...): connect() failed in this
        // phase; the transport's exception stays the cause (failover signals are read from causes too)
        return timed.onErrorMap(e -> e instanceof TransportException && connection == null,
            e -> new XmppConnectException(phase, String.valueOf(e.getMessage()), false, e));
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
        if (destroyCredentialsAfterSasl) {
            credentials.destroy();
        }
        states.emit(ConnectionState.disconnected(cause));
        states.complete();
    }
}
