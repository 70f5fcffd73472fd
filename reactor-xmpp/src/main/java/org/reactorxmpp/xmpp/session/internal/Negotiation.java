package org.reactorxmpp.xmpp.session.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.session.SessionLog;
import org.reactorxmpp.xmpp.failover.Candidate;
import org.reactorxmpp.xmpp.sasl.SaslCredentials;
import org.reactorxmpp.xmpp.session.ConnectPhase;
import org.reactorxmpp.xmpp.session.ConnectionState;
import org.reactorxmpp.xmpp.session.XmppConnectException;
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
 * timeout that names it. A failure or a cancel closes the half-open connection. The result is a
 * {@link BoundConnection} that the one {@link DefaultXmppSession} then runs on.
 */
final class Negotiation {

    private static final Logger log = LoggerFactory.getLogger(Negotiation.class);

    private final SessionSettings settings;
    private final SaslCredentials credentials;
    private final boolean destroyCredentialsAfterSasl;
    private final Consumer<ConnectionState> progress;
    private final @Nullable Target target;
    private final ElementQueue queue = new ElementQueue();
    private volatile @Nullable TransportConnection connection;
    private volatile @Nullable Disposable pump;
    /** Set when the subscriber cancelled, before the half-open connection is closed and the credentials destroyed. */
    private volatile boolean cancelled;
    private Supplier<SmSession.@Nullable Ticket> resumption = () -> null;

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
     * @param tickets what to resume with after authentication (asked once per attempt), or {@code null} inside
     *     for a new session
     * @return this attempt
     */
    Negotiation resuming(Supplier<SmSession.@Nullable Ticket> tickets) {
        this.resumption = tickets;
        return this;
    }

    /** @return the bound connection once negotiated; its queue buffers what arrives until activated */
    Mono<BoundConnection> run() {
        return Mono.defer(() -> {
            emit(ConnectionState.CONNECTING);
            StreamOpen open = StreamOpen.to(settings.jid().domainpart())
                .withFrom(settings.jid().toString()).withLang(settings.lang());
            Transport transport = target == null ? Objects.requireNonNull(settings.transport(), "transport")
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
                    SmSession.Ticket ticket = resumption.get();
                    if (ticket == null) {
                        return bind(features, BoundConnection.Resumption.NONE);
                    }
                    if (!SmElements.offered(features)) {
                        log.debug("[{}] the server no longer offers stream management: a new session", logId());
                        return bind(features, BoundConnection.Resumption.NONE);
                    }
                    // resume before binding (XEP-0198 section 5): binding first would start a new session
                    return phase(ConnectPhase.BIND, settings.bindTimeout(),
                        new ResumeFlow(connection(), queue).resume(ticket))
                        .doOnError(XmppConnectException.class, e -> ticket.unanswered().run())
                        .doOnNext(outcome -> log.debug("[{}] resume of {} {}", logId(), ticket.id(),
                            outcome.resumed() ? "accepted, h=" + outcome.h()
                                : "refused (" + (outcome.h() == null ? "no h" : "h=" + outcome.h()) + "): binding a new session"))
                        .flatMap(outcome -> outcome.resumed()
                            ? Mono.just(new BoundConnection(connection(), ticket.jid(), features,
                                target == null ? null : target.candidate(), queue, credentials, outcome))
                            : bind(features, outcome));
                })
                .doOnNext(bound -> log.debug("[{}] connection bound", bound.logId()))
                .doOnError(this::abort)
                .doOnCancel(() -> {
                    cancelled = true;
                    abort(new CancellationException("connect cancelled"));
                });
        });
    }

    private Mono<BoundConnection> bind(StreamFeatures features, BoundConnection.Resumption resumption) {
        return phase(ConnectPhase.BIND, settings.bindTimeout(),
            new BindFlow(connection(), queue).bind(features, settings.resource()))
            .map(jid -> new BoundConnection(connection(), jid, features,
                target == null ? null : target.candidate(), queue, credentials, resumption));
    }

    private Mono<StreamFeatures> authenticate(StreamFeatures features) {
        TransportConnection c = connection();
        return new SaslFlow(c, queue, settings.selector(), settings.saslScheduler(), logId())
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

    private void emit(ConnectionState state) {
        progress.accept(target == null ? state : state.withUrl(target.candidate().url()));
    }

    private <T> Mono<T> phase(ConnectPhase phase, Duration timeout, Mono<T> work) {
        // A step that already runs when the subscriber cancels (a SASL step on its scheduler, say) cannot be
        // stopped; it then fails because the cancel closed the connection and destroyed the credentials. Nobody
        // waits for that outcome: without this, the cancelled timeout would hand it to Hooks.onErrorDropped.
        Mono<T> timed = work.onErrorResume(e -> cancelled, e -> {
                log.debug("[{}] after the connect was cancelled: {}", logId(), e.toString());
                return Mono.empty();
            })
            .timeout(timeout, Mono.error(() -> new XmppConnectException(phase,
            "no progress within " + timeout, true, null)), settings.timer());
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

    /** @return the prefix of its log lines: the account and the transport session id once there is one */
    private Object logId() {
        return SessionLog.id(settings.jid(), () -> {
            TransportConnection c = connection;
            return c == null ? null : c.sessionId().orElse(null);
        });
    }

    private TransportConnection connection() {
        TransportConnection c = connection;
        if (c == null) {
            throw new IllegalStateException("no transport connection yet");
        }
        return c;
    }

    private void abort(Throwable cause) {
        log.debug("[{}] connect failed: {}", logId(), cause.toString());
        Disposable p = pump;
        if (p != null) {
            p.dispose();
        }
        TransportConnection c = connection;
        if (c != null) {
            c.close(null).subscribe(null, error -> log.debug("[{}] closing after a failed connect failed", logId(), error));
        }
        if (destroyCredentialsAfterSasl) {
            credentials.destroy();
        }
    }
}
