package org.reactorxmpp.bosh;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.bosh.internal.BoshSessions;
import org.reactorxmpp.bosh.internal.BoshSettings;
import org.reactorxmpp.bosh.internal.HttpOptions;
import org.reactorxmpp.xmpp.session.SessionLog;
import org.reactorxmpp.xmpp.transport.StreamOpen;
import org.reactorxmpp.xmpp.transport.Transport;
import org.reactorxmpp.xmpp.transport.TransportConnection;
import org.reactorxmpp.xmpp.transport.TransportObserver;
import org.reactorxmpp.xmpp.xml.XmlLimits;

import javax.net.ssl.TrustManagerFactory;

import io.netty.handler.ssl.SslContext;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.netty.http.client.HttpClient;

/**
 * XMPP over BOSH (XEP-0124, XEP-0206) on Reactor Netty's {@link HttpClient}.
 *
 * <p>Immutable and thread-safe. Every session of every {@code BoshTransport} in a JVM shares Reactor
 * Netty's event loops and one connection pool (unless given its own {@link Builder#httpClient}):
 * there is no thread per session and nothing blocks. Each session keeps at most the {@code requests}
 * the connection manager allows in flight, keeps one held for inbound traffic, batches queued
 * elements into one body whenever a request slot frees, delivers responses in rid order even when
 * they complete out of order, and resends a lost request (timeout, HTTP 5xx, dropped connection)
 * with the same rid and the same bytes, with jittered backoff, before giving up with a
 * {@link BoshException}.
 *
 * <pre>{@code
 * BoshTransport transport = BoshTransport.builder()
 *     .url(URI.create("https://example.com/http-bind"))
 *     .wait(Duration.ofSeconds(30))
 *     .build();
 * transport.connect(StreamOpen.to("example.com"))
 *     .flatMapMany(TransportConnection::inbound)
 *     .subscribe(element -> System.out.println(element));
 * }</pre>
 */
public final class BoshTransport implements Transport {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BoshTransport.class);

    private final BoshSettings settings;
    private final BoshSessions sessions;

    private BoshTransport(BoshSettings settings) {
        this.settings = settings;
        this.sessions = BoshSessions.of(settings);
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Creates a session. When the connection manager answers the creation request with
     * {@code see-other-uri} and {@link Builder#followSeeOtherUri(boolean)} is on (the default), a fresh
     * session is created at the new URI if {@link SeeOtherUri} accepts it, at most
     * {@link Builder#maxSeeOtherUriHops(int)} times and never twice at one URI; otherwise the connect fails
     * with a {@link BoshException} of condition {@link BoshCondition#SEE_OTHER_URI} that says why.
     */
    @Override
    public Mono<TransportConnection> connect(StreamOpen open) {
        Objects.requireNonNull(open, "open");
        return connect(settings, sessions, open, new java.util.ArrayList<>(List.of(normalize(settings.url()))));
    }

    private static Mono<TransportConnection> connect(BoshSettings at, BoshSessions atSessions, StreamOpen open,
                                                     List<URI> visited) {
        Mono<TransportConnection> attempt = atSessions.connect(open);
        if (!at.followSeeOtherUri()) {
            return attempt;
        }
        return attempt.onErrorResume(e -> e instanceof BoshException b && b.condition() == BoshCondition.SEE_OTHER_URI
            && b.conditionValue() != null, e -> {
                BoshException b = (BoshException) e;
                URI target = b.seeOtherUri().orElse(null);
                if (target == null) {
                    return Mono.error(BoshException.seeOtherUriRejected(null, "the answer has no valid <uri/>"));
                }
                java.util.Optional<String> why = SeeOtherUri.rejection(at.url(), target, at.seeOtherUriSameSite());
                if (why.isPresent()) {
                    return Mono.error(BoshException.seeOtherUriRejected(target, why.get()));
                }
                if (visited.contains(normalize(target))) {
                    return Mono.error(BoshException.seeOtherUriRejected(target, "loop: already tried " + visited));
                }
                if (visited.size() > at.maxSeeOtherUriHops()) {
                    return Mono.error(BoshException.seeOtherUriRejected(target, "more than " + at.maxSeeOtherUriHops()
                        + " see-other-uri answers in a row: " + visited));
                }
                BoshSettings next;
                try {
                    next = at.withUrl(target);
                } catch (IllegalArgumentException invalid) {
                    return Mono.error(BoshException.seeOtherUriRejected(target, invalid.getMessage()));
                }
                List<URI> seen = new java.util.ArrayList<>(visited);
                seen.add(normalize(target));
                SessionLog.of(LOG, open.from().orElse(null), () -> null)
                    .debug("BOSH session creation at {} answered see-other-uri: following to {}", at.url(), target);
                return connect(next, BoshSessions.of(next), open, seen);
            });
    }

    private static URI normalize(URI uri) {
        return uri.normalize();
    }

    /**
     * Takes over a live session exported by {@link #detach(TransportConnection)}, possibly in another
     * process. Lazy. The requests that were in flight are resent unchanged first. When the state carries
     * key sequence keys (XEP-0124 section 15) the session goes on with them whatever this transport's
     * {@link Builder#keySequences(boolean)} says; a session created without keys cannot start using them.
     *
     * @param state the exported session
     * @return the connection, emitted at once (a dead session surfaces as an error on its inbound); an
     *     {@link IllegalArgumentException} when the state's keys are not a SHA-1 chain
     */
    public Mono<TransportConnection> attach(BoshSessionState state) {
        Objects.requireNonNull(state, "state");
        StreamOpen open = StreamOpen.to(state.to()).withLang(state.lang());
        return sessions.attach(state, open);
    }

    /**
     * Takes over a session from the opaque state of {@link TransportConnection#detach()} or
     * {@link TransportConnection#checkpoints()} (see {@link BoshSessionState#toBytes()}): what
     * {@code XmppClient.attach(SessionHandover)} uses. Unlike {@link #attach(BoshSessionState)}, the connection is
     * emitted only once the connection manager answered the taken-over session (an empty request follows the resent
     * ones so that it answers at once), so a session it no longer has fails here. Lazy.
     *
     * @param state the encoded {@link BoshSessionState}
     * @param open the account's stream header values (the domain and language come from the state)
     * @return the connection; or a {@link org.reactorxmpp.xmpp.session.SessionHandoverException} ({@code CORRUPT},
     *     {@code UNKNOWN_VERSION}) for unreadable state, a {@link BoshException} (typically
     *     {@link BoshCondition#ITEM_NOT_FOUND}: unknown session, or a rid out of the connection manager's window)
     *     when the connection manager refuses the session
     */
    @Override
    public Mono<TransportConnection> attach(byte[] state, StreamOpen open) {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(open, "open");
        return Mono.defer(() -> {
            BoshSessionState decoded = BoshSessionState.fromBytes(state);
            StreamOpen stream = StreamOpen.to(decoded.to()).withLang(decoded.lang()).withFrom(open.from().orElse(null));
            return sessions.attachConfirmed(decoded, stream);
        });
    }

    /**
     * Hands a BOSH session over: stops using it (without terminating it on the server) and exports its
     * state for {@link #attach(BoshSessionState)}. The connection's inbound completes. A response that arrived
     * while an earlier request was still unanswered is not delivered here: its request is exported with the
     * unanswered ones, and the new owner receives it, in rid order, when it resends them.
     *
     * @param connection a connection opened by a {@code BoshTransport}
     * @return the state
     * @throws IllegalArgumentException when the connection is not a BOSH connection
     */
    public static Mono<BoshSessionState> detach(TransportConnection connection) {
        return BoshSessions.detach(connection);
    }

    /**
     * Pauses a BOSH session (XEP-0124 section 10), for example before a web page reloads: the connection
     * manager answers the requests it holds and keeps the session for up to {@code duration} without any
     * request. The session resumes with {@link #resume(TransportConnection)}, with the next element sent, or
     * in another process after {@link #detach(TransportConnection)} and {@link #attach(BoshSessionState)}
     * within the pause.
     *
     * <pre>{@code
     * BoshTransport.pause(connection, Duration.ofSeconds(60))
     *     .then(BoshTransport.detach(connection))
     *     .subscribe(state -> store(state));   // attach from the reloaded page
     * }</pre>
     *
     * @param connection a connection opened by a {@code BoshTransport}
     * @param duration whole seconds, from 1 to the connection manager's {@code maxpause}
     * @return completes once the pause request is written; errors with {@link BoshPauseUnsupportedException}
     *     when the connection manager did not advertise {@code maxpause}, {@link IllegalArgumentException}
     *     when the duration exceeds it
     * @throws IllegalArgumentException when the connection is not a BOSH connection
     */
    public static Mono<Void> pause(TransportConnection connection, Duration duration) {
        Objects.requireNonNull(duration, "duration");
        return BoshSessions.pause(connection, duration);
    }

    /**
     * Ends a {@link #pause(TransportConnection, Duration)}: the client makes requests again.
     *
     * @param connection a connection opened by a {@code BoshTransport}
     * @return completes once resumed
     * @throws IllegalArgumentException when the connection is not a BOSH connection
     */
    public static Mono<Void> resume(TransportConnection connection) {
        return BoshSessions.resume(connection);
    }

    /**
     * @param connection a connection opened by a {@code BoshTransport}
     * @return the connection manager's {@code maxpause}, or empty when it does not support pausing
     * @throws IllegalArgumentException when the connection is not a BOSH connection
     */
    public static java.util.Optional<Duration> maxPause(TransportConnection connection) {
        return BoshSessions.maxPause(connection);
    }

    /**
     * Reactor Netty's HTTP client metrics ({@code reactor.netty.http.client.*}: request and response times, data
     * sent and received, connection pool) for this transport's requests, tagged with the connection manager's
     * URI. They are recorded in Micrometer's global registry ({@code Metrics.globalRegistry}); {@code XmppMetrics}
     * switches them on and adds its registry there.
     *
     * @return a transport like this one, with metrics on its HTTP client (the same connection pool)
     */
    @Override
    public BoshTransport withNetworkMetrics() {
        return new BoshTransport(settings.withHttpClient(settings.httpClient().metrics(true, java.util.function.Function.identity())));
    }

    /**
     * Reports every HTTP exchange (its outcome and latency), every resend (with its reason), every stall and each
     * session's request count to {@code observer}; {@code XmppMetrics} passes one. Reporting costs one call per
     * event and allocates nothing.
     *
     * @param observer where the sessions of the returned transport report
     * @return a transport like this one (same settings, same connection pool) that reports to {@code observer}
     */
    @Override
    public BoshTransport withObserver(TransportObserver observer) {
        return new BoshTransport(settings.withObserver(Objects.requireNonNull(observer, "observer")));
    }

    /** @return the connection manager's URL */
    public URI url() {
        return settings.url();
    }

    @Override
    public String toString() {
        return "BoshTransport{" + settings.url() + "}";
    }

    /** Builds a {@link BoshTransport}. Only {@link #url(URI)} is required. */
    public static final class Builder {
        private @Nullable URI url;
        private Duration wait = Duration.ofSeconds(60);
        private int hold = 1;
        private String version = "1.11";
        private @Nullable String content;
        private @Nullable String route;
        private int maxBodySize = 128 * 1024;
        private int maxBodyElements = 100;
        private int outboundCapacity = 16_384;
        private int inboundCapacity = 1024;
        private int maxRetries = 5;
        private Duration retryBackoff = Duration.ofMillis(250);
        private Duration maxRetryBackoff = Duration.ofSeconds(8);
        private Duration timeoutMargin = Duration.ofSeconds(10);
        private XmlLimits xmlLimits = XmlLimits.DEFAULTS;
        private @Nullable HttpClient httpClient;
        private boolean acks = true;
        private boolean keySequences;
        private int keySequenceLength = 256;
        private final Map<String, String> headers = new java.util.LinkedHashMap<>();
        private boolean compress;
        private @Nullable String proxyHost;
        private int proxyPort;
        private @Nullable TrustManagerFactory trustManager;
        private @Nullable SslContext sslContext;
        private @Nullable Duration connectTimeout;
        private Duration idleConnectionTimeout = HttpOptions.DEFAULT_IDLE_CONNECTION_TIMEOUT;
        private @Nullable Scheduler deliveryScheduler;
        private boolean followSeeOtherUri = true;
        private int maxSeeOtherUriHops = 3;
        private @Nullable Scheduler timer;
        private Duration stallTimeout = Duration.ofSeconds(20);
        private Duration requestOrderGuard = Duration.ofMillis(100);
        private int connectRetries = 2;
        private boolean seeOtherUriSameSite;

        private Builder() {
        }

        /** @param url the connection manager's URL, {@code http} or {@code https} @return this */
        public Builder url(URI url) {
            this.url = Objects.requireNonNull(url, "url");
            return this;
        }

        /** @param wait the longest time the connection manager may hold a request (whole seconds; default 60 s) @return this */
        public Builder wait(Duration wait) {
            this.wait = Objects.requireNonNull(wait, "wait");
            return this;
        }

        /** @param hold how many requests the connection manager may hold (default 1; 0 asks for polling) @return this */
        public Builder hold(int hold) {
            this.hold = hold;
            return this;
        }

        /** @param version the BOSH version to announce, 1.6 or later (default 1.11) @return this */
        public Builder version(String version) {
            this.version = Objects.requireNonNull(version, "version");
            return this;
        }

        /** @param content the {@code content} attribute, or {@code null} to omit it (the default) @return this */
        public Builder content(@Nullable String content) {
            this.content = content;
            return this;
        }

        /** @param route the {@code route} attribute ({@code xmpp:host:port}), or {@code null} @return this */
        public Builder route(@Nullable String route) {
            this.route = route;
            return this;
        }

        /**
         * @param bytes most payload bytes batched into one request (default 128 KiB; one larger element still goes
         *     alone); what does not fit goes in the next request, in order. See also {@link #maxBodyElements(int)}
         * @return this
         */
        public Builder maxBodySize(int bytes) {
            this.maxBodySize = bytes;
            return this;
        }

        /**
         * Caps the elements batched into one request body (default 100); the rest go in the next request, in
         * order. A connection manager processes a body in one pass before it answers the request it holds: a
         * session that had 1,000 groupchat messages queued sent them in one 131 KB body, and Prosody spent seconds
         * on it (200 occupants: 200,000 stanzas routed) while every other session on it waited. With the cap a
         * flood goes out as a stream of bodies, one per request slot as it frees, so throughput stays the same
         * (a body of 100 elements already amortises the HTTP exchange) and no body monopolises the server.
         *
         * <pre>{@code
         * BoshTransport.builder().url(url).maxBodyElements(20).build();
         * }</pre>
         *
         * @param elements at least 1
         * @return this
         */
        public Builder maxBodyElements(int elements) {
            this.maxBodyElements = elements;
            return this;
        }

        /** @param elements most elements queued for sending per session (default 16384) @return this */
        public Builder outboundCapacity(int elements) {
            this.outboundCapacity = elements;
            return this;
        }

        /** @param elements most inbound elements buffered for slow subscribers per session (default 1024) @return this */
        public Builder inboundCapacity(int elements) {
            this.inboundCapacity = elements;
            return this;
        }

        /** @param retries most resends of one request before the session fails (default 5) @return this */
        public Builder maxRetries(int retries) {
            this.maxRetries = retries;
            return this;
        }

        /**
         * @param first the first retry delay (default 250 ms), doubled per attempt and jittered by 25 %
         * @param max the longest retry delay (default 8 s)
         * @return this
         */
        public Builder retryBackoff(Duration first, Duration max) {
            this.retryBackoff = Objects.requireNonNull(first, "first");
            this.maxRetryBackoff = Objects.requireNonNull(max, "max");
            return this;
        }

        /** @param margin added to the negotiated wait before a response counts as lost (default 10 s) @return this */
        public Builder timeoutMargin(Duration margin) {
            this.timeoutMargin = Objects.requireNonNull(margin, "margin");
            return this;
        }

        /** @param limits limits for parsing response bodies @return this */
        public Builder xmlLimits(XmlLimits limits) {
            this.xmlLimits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * @param client the HTTP client to use (proxy, TLS, metrics...); by default a client shared by all
         *     transports, with a connection pool sized for long-held requests
         * @return this
         */
        public Builder httpClient(HttpClient client) {
            this.httpClient = Objects.requireNonNull(client, "client");
            return this;
        }

        /**
         * @param enabled whether to acknowledge responses (XEP-0124 section 9: {@code ack='1'} at creation,
         *     then the highest in-order response received while some are missing) so that the connection
         *     manager can {@code report} a response we missed, whose request is then resent at once; default
         *     on, ignored by servers without support. Independently of this setting, when the connection
         *     manager acknowledges requests, a written request it has not acknowledged by the time a later
         *     response shows it should have is resent after the {@link #timeoutMargin(Duration)} instead of
         *     after its full HTTP timeout, and one below the {@code ack} of a response to a later request at once
         * @return this
         */
        public Builder acks(boolean enabled) {
            this.acks = enabled;
            return this;
        }

        /**
         * @param enabled whether to protect the session with key sequences (XEP-0124 section 15): the
         *     creation request announces {@code newkey}, every later request reveals the previous key of a
         *     SHA-1 chain (a resend carries the same key), and a new chain is announced before one runs
         *     out, so that someone who sees a request over plain HTTP cannot inject requests into the
         *     session. Default off: it is meant for {@code http://} connection managers that check keys
         *     (Prosody, for one, ignores them) and adds nothing over {@code https://}. Detaching a session
         *     with keys exports the keys not yet revealed in {@link BoshSessionState#keys()}, so treat that
         *     state as a secret.
         * @return this
         */
        public Builder keySequences(boolean enabled) {
            this.keySequences = enabled;
            return this;
        }

        /**
         * @param keys the number of keys per sequence when {@link #keySequences(boolean)} is on (default
         *     256, at least 2); a new sequence is announced every {@code keys - 1} requests
         * @return this
         */
        public Builder keySequenceLength(int keys) {
            this.keySequenceLength = keys;
            return this;
        }

        /**
         * @param name an HTTP header to send with every request (not one the transport sets itself:
         *     {@code Content-Type}, {@code Content-Length}, {@code Host}...)
         * @param value its value; a second call with the same name replaces it
         * @return this
         */
        public Builder header(String name, String value) {
            headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * @param enabled whether to use gzip (default off: BOSH bodies are small and often already held on a
         *     compressing proxy). On: responses are asked for gzip-compressed ({@code Accept-Encoding: gzip}) and
         *     decompressed before parsing, and request bodies after session creation are gzip-compressed with
         *     {@code Content-Encoding: gzip} when, and only when, the connection manager listed {@code gzip} in
         *     the {@code accept} attribute of its session creation response (XEP-0124 section 7.2). Bodies are
         *     always UTF-8, which every connection manager accepts; a {@code charsets} attribute is ignored.
         * @return this
         */
        public Builder compress(boolean enabled) {
            this.compress = enabled;
            return this;
        }

        /**
         * @param host an HTTP proxy to reach the connection manager through ({@code CONNECT} tunnel)
         * @param port its port
         * @return this
         */
        public Builder proxy(String host, int port) {
            this.proxyHost = Objects.requireNonNull(host, "host");
            this.proxyPort = port;
            return this;
        }

        /**
         * @param trust the trust material for an {@code https} connection manager, for example a private CA or a
         *     self-signed certificate; by default the JDK's trust store. Certificate and host name verification
         *     are always on.
         * @return this
         */
        public Builder trustManager(TrustManagerFactory trust) {
            this.trustManager = Objects.requireNonNull(trust, "trust");
            return this;
        }

        /**
         * @param context a complete client TLS context for an {@code https} connection manager (client
         *     certificates, protocols, ciphers); wins over {@link #trustManager(TrustManagerFactory)}. Host name
         *     verification stays on.
         * @return this
         */
        public Builder sslContext(SslContext context) {
            this.sslContext = Objects.requireNonNull(context, "context");
            return this;
        }

        /** @param timeout the TCP connect timeout (default: the HTTP client's, 30 s) @return this */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * How long a request slot's connection may stay open without a request. Each session has {@code hold + 1}
         * request slots with a keep-alive connection each; when one has carried no request for this long, the
         * session closes its connection (a timer of the session, no pool maintenance), so an idle session keeps
         * only its held request's socket: 10,000 idle sessions need about 10,000 open files, not 20,000. A busy
         * session keeps both; a closed slot connects again when it is needed. Only for the default HTTP client (a
         * client given to {@link #httpClient(HttpClient)} keeps its own pool's settings).
         *
         * <pre>{@code
         * BoshTransport.builder().url(url).idleConnectionTimeout(Duration.ofSeconds(30)).build();
         * }</pre>
         *
         * @param timeout positive (default 10 s)
         * @return this
         * @throws IllegalArgumentException when {@code timeout} is zero or negative
         */
        public Builder idleConnectionTimeout(Duration timeout) {
            this.idleConnectionTimeout = HttpOptions.requirePositiveIdleTimeout(timeout);
            return this;
        }

        /**
         * @param scheduler where inbound elements are emitted ({@code publishOn}); by default on one of the HTTP
         *     client's event loops per session (no thread is created), never on an application thread that
         *     happened to call {@code send}, {@code close} or {@code request(n)}. Event-loop subscribers must
         *     never block.
         * @return this
         */
        public Builder deliveryScheduler(Scheduler scheduler) {
            this.deliveryScheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /**
         * @param follow whether {@link BoshTransport#connect(StreamOpen)} creates the session at the URI of a
         *     {@code see-other-uri} answer when {@link SeeOtherUri} accepts it (default on)
         * @return this
         */
        public Builder followSeeOtherUri(boolean follow) {
            this.followSeeOtherUri = follow;
            return this;
        }

        /** @param hops most {@code see-other-uri} answers followed for one connect (default 3, 1 to 10) @return this */
        public Builder maxSeeOtherUriHops(int hops) {
            this.maxSeeOtherUriHops = hops;
            return this;
        }

        /**
         * @param scheduler the scheduler of every delay of the sessions (retry backoff, poll and keep-alive timers,
         *     throttling) and the clock they read; default Reactor's parallel scheduler and {@link System#nanoTime()}.
         *     Meant for tests with virtual time ({@code VirtualTimeScheduler}); HTTP timeouts stay in real time
         * @return this
         */
        public Builder timer(Scheduler scheduler) {
            this.timer = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /**
         * How long after an unanswered request was written the next request (the next rid, which goes on the
         * other HTTP connection) may follow it. Requests always leave in rid order, but two connections can
         * still reach a connection manager in the other order; ejabberd 23.01 then parks the later rid and
         * holds the earlier one without processing it (a stall until {@code wait}), or crashes the session on
         * a resend ({@code key_exists}). With 20 ms, 21 of 1,000 concurrent ejabberd logins on a loaded 2-core
         * machine still crashed; with 100 ms (the default) none did. The guard delays only a request that
         * follows another unanswered one within that time: what the application sends in reaction to a
         * response rides the lingering keep-alive request instead. Connection managers that reorder requests
         * themselves (Prosody holds rid + 2 until rid + 1 arrives) can take {@code Duration.ZERO} for the
         * lowest latency. The guard also paces a flood: the bodies of a session that sends faster than its requests
         * are answered ({@link #maxBodyElements(int)} elements each) follow each other a fifth of the guard apart,
         * about 5,000 stanzas/s per session with the defaults, against 11,000 with {@code Duration.ZERO} on
         * Prosody (benchmarks/RESULTS.md, flood).
         *
         * <pre>{@code
         * BoshTransport.builder().url(prosodyUrl).requestOrderGuard(Duration.ZERO).build();
         * }</pre>
         *
         * @param guard zero or more
         * @return this builder
         */
        public Builder requestOrderGuard(Duration guard) {
            Objects.requireNonNull(guard, "guard");
            if (guard.isNegative()) {
                throw new IllegalArgumentException("requestOrderGuard must not be negative: " + guard);
            }
            this.requestOrderGuard = guard;
            return this;
        }

        /**
         * @param timeout how long a request beyond the connection manager's {@code hold} may stay unanswered while the
         *     held request is not released either, before the stall is reported (a DEBUG log line and
         *     {@code TransportObserver#stalled}, the {@code xmpp.bosh.stalls} meter of {@code XmppMetrics}); default
         *     20 s. Nothing is resent on a stall: the request reached the connection manager (its connection is
         *     open), which either is busy or read it ahead of its predecessor. Prosody then processes it once the
         *     predecessor arrives; ejabberd 23.01 parks it until it pushes data to the session, and crashed the
         *     session ({@code key_exists}) when the parked rid was resent. The request's HTTP timeout ({@code wait}
         *     plus the {@link #timeoutMargin(Duration) margin}) or failure still resends it
         * @return this
         */
        public Builder stallTimeout(Duration timeout) {
            this.stallTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * The retry budget of session creation: when the session creation request fails to reach the connection
         * manager (connection refused or reset, unknown host, TLS or HTTP 5xx), it is resent at most {@code retries}
         * times (default 2, at most 10) after the {@link #retryBackoff(Duration, Duration) backoff} (250 ms, then
         * 500 ms by default), and then {@code connect()} fails: with the defaults a refused connection or an unknown
         * host fails within about a second (an unknown host is not retried: the resolver already did). (Each attempt may last up to the {@link #connectTimeout(Duration)
         * connect timeout} when the host does not answer at all.) Requests of an established session keep the
         * {@link #maxRetries(int)} budget.
         *
         * @param retries resends of the creation request, 0 to 10
         * @return this
         */
        public Builder connectRetries(int retries) {
            this.connectRetries = retries;
            return this;
        }

        /**
         * @param allow whether {@code see-other-uri} may also move a session to another host of the same
         *     registrable domain (for example {@code www.example.co.uk -> chat.example.co.uk}), computed from the
         *     public suffix list; default off: only the same host. See {@link SeeOtherUri}. Needs Guava
         *     ({@code com.google.guava:guava}, an optional dependency of this module) on the class path
         * @return this
         */
        public Builder seeOtherUriSameSite(boolean allow) {
            this.seeOtherUriSameSite = allow;
            return this;
        }

        /** @return the transport @throws IllegalArgumentException when a setting is invalid */
        public BoshTransport build() {
            if (url == null) {
                throw new IllegalArgumentException("BOSH url is required");
            }
            if (seeOtherUriSameSite && !org.reactorxmpp.bosh.internal.RegistrableDomain.available()) {
                throw new IllegalStateException("seeOtherUriSameSite(true) needs com.google.guava:guava on the class"
                    + " path: the public suffix list comes from its InternetDomainName");
            }
            HttpClient client = httpClient != null ? httpClient : BoshSessions.sharedClient();
            return new BoshTransport(new BoshSettings(url, wait, hold, version, content, route, maxBodySize,
                outboundCapacity, inboundCapacity, maxRetries, retryBackoff, maxRetryBackoff, timeoutMargin,
                xmlLimits, client, acks, keySequences, keySequenceLength,
                new HttpOptions(headers, compress, proxyHost, proxyPort, trustManager, sslContext, connectTimeout,
                    idleConnectionTimeout),
                deliveryScheduler, followSeeOtherUri, maxSeeOtherUriHops, timer, stallTimeout, connectRetries,
                seeOtherUriSameSite, requestOrderGuard, maxBodyElements, TransportObserver.NONE));
        }
    }
}
