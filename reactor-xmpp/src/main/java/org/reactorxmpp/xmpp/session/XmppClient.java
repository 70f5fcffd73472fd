package org.reactorxmpp.xmpp.session;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.extension.ExtensionCodec;
import org.reactorxmpp.xmpp.failover.CandidateSource;
import org.reactorxmpp.xmpp.failover.CupServiceDiscovery;
import org.reactorxmpp.xmpp.failover.FailoverSignals;
import org.reactorxmpp.xmpp.feature.Feature;
import org.reactorxmpp.xmpp.feature.FeatureKey;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.sasl.SaslMechanismSelector;
import org.reactorxmpp.xmpp.sasl.SaslMechanisms;
import org.reactorxmpp.xmpp.session.internal.FailoverSettings;
import org.reactorxmpp.xmpp.session.internal.SessionConnector;
import org.reactorxmpp.xmpp.session.internal.SessionSettings;
import org.reactorxmpp.xmpp.sm.StreamManagement;
import org.reactorxmpp.xmpp.transport.Transport;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Connects one XMPP account over a {@link Transport}. Immutable and thread-safe: every
 * {@link #connect()} subscription opens a new, independent session.
 *
 * <p>Connecting runs: transport connect and stream features, SASL (the first of
 * {@code enabledMechanisms} that the server offers and the transport allows; PLAIN is refused over
 * an unencrypted transport unless {@code unsecureAllowed}), stream restart, resource binding, the
 * legacy session IQ only when the server requires it, then (by default) initial presence, sent
 * right <em>after</em> the session was handed to the subscriber so that a subscriber attaching to
 * {@link XmppSession#inbound()} in its callback misses none of the replies.
 *
 * <p>With a {@link Reconnect} policy ({@link Builder#reconnect(Reconnect)}), a session that drops
 * for a transient cause negotiates again by itself: the same {@link XmppSession} object keeps
 * delivering inbound stanzas and sending, and its {@link XmppSession#states()} go through
 * {@link ConnectionState.Kind#RECONNECTING} back to {@link ConnectionState.Kind#CONNECTED}.
 *
 * <pre>{@code
 * XmppClient client = XmppClient.builder()
 *     .jid("alice@example.com").password(secret)
 *     .transport(BoshTransport.builder().url(URI.create("https://example.com/http-bind")).build())
 *     .enabledMechanisms(List.of("SCRAM-SHA-256", "SCRAM-SHA-1"))
 *     .build();
 * client.connect()
 *     .flatMapMany(session -> session.messages())
 *     .subscribe(message -> System.out.println(message.body()));
 * }</pre>
 *
 * <p><b>Failover.</b> Instead of one transport, a client may be given a transport factory and
 * candidate URLs ({@link Builder#urls}, {@link Builder#candidates}) or Cisco Unified Presence service
 * discovery ({@link Builder#serviceDiscovery}). Connecting then walks the candidates in order (a
 * failed attempt, including a bind that does not answer within {@code bindRetryCountdown}, moves to
 * the next one; an authentication failure stops) and fails with a
 * {@link org.reactorxmpp.xmpp.failover.FailoverExhaustedException} naming every URL tried. With a
 * {@link Reconnect} policy, a dropped session goes to a redirect target first ({@code see-other-host},
 * or what {@link Builder#failoverSignals} reads), to the next candidate after {@code system-shutdown},
 * else to the same node, then on down the list; when every candidate failed it starts again from the
 * start (CUP: the service-discovery nodes) after the policy's delay for that round (the policy's
 * {@code maxAttempts} counts rounds; within a round candidates follow each other without delay).
 * {@link ConnectionState}s name the URL they are about.
 *
 * <pre>{@code
 * XmppClient client = XmppClient.builder()
 *     .jid("alice@example.com").password(secret)
 *     .transports(url -> BoshTransport.builder().url(url).build())
 *     .serviceDiscovery(CupServiceDiscovery.builder()
 *         .primary(URI.create("https://sd1.example.com:7335/httpbinding"))
 *         .secondary(URI.create("https://sd2.example.com:7335/httpbinding"))
 *         .store(NodeStore.jsonFile(Path.of("cup-nodes.json"), Duration.ofDays(7)))
 *         .build())
 *     .reconnect(Reconnect.countdown(Duration.ofSeconds(30)))
 *     .build();
 * }</pre>
 */
public final class XmppClient {

    private final SessionSettings settings;
    private final ClientExtensions extensions;

    private XmppClient(SessionSettings settings, ClientExtensions extensions) {
        this.settings = settings;
        this.extensions = extensions;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Opens a session. Lazy: nothing goes on the wire until subscribed. Cancelling before the
     * session is emitted closes the half-open connection.
     *
     * @return the session; or an error: {@link org.reactorxmpp.xmpp.sasl.SaslException} when
     *     authentication fails, {@link XmppConnectException} naming the phase on a timeout or a
     *     refused bind, {@link org.reactorxmpp.xmpp.transport.TransportException} when the transport fails
     */
    public Mono<XmppSession> connect() {
        return extensions.installOn(SessionConnector.connect(settings));
    }

    /**
     * Connects, runs {@code work} with the session, and closes the session when the work completes,
     * fails or is cancelled (the close is awaited before the result is emitted): the common
     * "do this, then close". Lazy.
     *
     * <pre>{@code
     * Mono<Iq> version = client.withSession(session -> session.request(
     *     Iq.get(Jid.domain("example.com"), XmlElement.empty("jabber:iq:version", "query"))));
     * }</pre>
     *
     * @param work what to do with the session
     * @param <T> the result type
     * @return the work's result, after the session was closed
     */
    public <T> Mono<T> withSession(Function<? super XmppSession, ? extends Mono<? extends T>> work) {
        Objects.requireNonNull(work, "work");
        return Mono.usingWhen(connect(), work, XmppSession::close);
    }

    /**
     * Goes on with a session another owner handed over ({@link XmppSession#detach()}, or the last of its
     * {@link XmppSession#checkpoints()} when that owner died): a session of this client's configuration on the
     * same full JID, without SASL, bind or initial presence (the account is online already), with the client's
     * features and codecs installed as on {@link #connect()}. Lazy: each subscription attaches once. Application
     * handlers and {@link XmppSession#inbound()} subscribers are the caller's to set up again: subscribe inside
     * the callback, and every stanza the server sends from the handover on arrives once, in order. Afterwards the
     * session behaves like a connected one: its {@link Reconnect} policy applies when the connection is lost (a
     * reconnect logs in again).
     *
     * <pre>{@code
     * XmppClient client = XmppClient.builder()
     *     .jid("alice@example.com").password(secret)
     *     .transport(BoshTransport.builder().url(URI.create("https://example.com/http-bind")).build())
     *     .build();
     * client.attach(SessionHandover.fromBytes(stored))
     *     .onErrorResume(SessionHandoverException.class, e -> e.reason() == SessionHandoverException.Reason.REJECTED
     *         ? client.connect()                               // too late: the server dropped it, log in again
     *         : Mono.error(e))
     *     .flatMapMany(XmppSession::messages)
     *     .subscribe(message -> handle(message));
     * }</pre>
     *
     * @param handover the handed-over session
     * @return the session once the server accepted it; or a {@link SessionHandoverException}: {@code JID_MISMATCH}
     *     when it is another account's, {@code UNSUPPORTED} when this client's transport cannot attach (only BOSH
     *     can; nor can a client with candidate URLs), {@code CORRUPT} or {@code UNKNOWN_VERSION} when the
     *     transport state is unreadable, {@code REJECTED} when the server no longer has the session (log in again)
     */
    public Mono<XmppSession> attach(SessionHandover handover) {
        Objects.requireNonNull(handover, "handover");
        return Mono.defer(() -> {
            if (!handover.jid().asBare().equals(settings.jid())) {
                return Mono.error(new SessionHandoverException(SessionHandoverException.Reason.JID_MISMATCH,
                    "the handover is for " + handover.jid().asBare() + ", this client is " + settings.jid()));
            }
            return extensions.installOn(SessionConnector.attach(settings, handover));
        });
    }

    /** @return the account */
    public BareJid jid() {
        return settings.jid();
    }

    /** @return the single transport, or {@code null} when the client walks candidate URLs */
    public @Nullable Transport transport() {
        return settings.failover() == null ? settings.transport() : null;
    }

    @Override
    public String toString() {
        return "XmppClient{" + settings.jid() + " via "
            + (settings.failover() == null ? settings.transport() : settings.failover()) + "}";
    }

    /** Builds an {@link XmppClient}. Not thread-safe. */
    public static final class Builder {

        private @Nullable BareJid jid;
        private char @Nullable [] password;
        private @Nullable String resource;
        private @Nullable Transport transport;
        private List<String> enabledMechanisms = SaslMechanisms.DEFAULT_PREFERENCE;
        private boolean unsecureAllowed;
        private Duration requestTimeout = Duration.ofSeconds(30);
        private Duration connectTimeout = Duration.ofSeconds(30);
        private Duration bindRetryCountdown = Duration.ofSeconds(30);
        private boolean sendInitialPresence = true;
        private DiscoIdentity identity = DiscoIdentity.of("client", "pc", "reactor-xmpp");
        private List<String> capabilityFeatures = List.of();
        private String capsNode = "https://github.com/reactor-xmpp/reactor-xmpp";
        private String softwareName = "reactor-xmpp";
        private String softwareVersion = defaultVersion();
        private Set<BuiltInResponder> responders = EnumSet.allOf(BuiltInResponder.class);
        private int inboundBufferSize = 512;
        private Scheduler saslScheduler = Schedulers.boundedElastic();
        private ClientObserver observer = ClientObserver.NONE;
        private @Nullable String lang;
        private Reconnect reconnect = Reconnect.disabled();
        private @Nullable Scheduler timerScheduler;
        private int offlineQueueSize = 256;
        private @Nullable Function<URI, Transport> transports;
        private @Nullable CandidateSource candidates;
        private @Nullable CupServiceDiscovery serviceDiscovery;
        private FailoverSignals failoverSignals = FailoverSignals.defaults();
        private StreamManagement streamManagement = StreamManagement.disabled();
        private final List<Feature<?>> features = new ArrayList<>();
        private final List<ExtensionCodec<?>> codecs = new ArrayList<>();

        private Builder() {
        }

        private static String defaultVersion() {
            String v = XmppClient.class.getPackage().getImplementationVersion();
            return v == null ? "0.1.0-SNAPSHOT" : v;
        }

        /**
         * @param jid the account's bare JID; required
         * @return this builder
         */
        public Builder jid(BareJid jid) {
            this.jid = Objects.requireNonNull(jid, "jid");
            return this;
        }

        /**
         * @param jid the account, for example {@code alice@example.com}; a resource part is used as
         *     the requested resource
         * @return this builder
         * @throws org.reactorxmpp.xmpp.jid.JidFormatException when it is not a valid JID
         */
        public Builder jid(String jid) {
            Jid parsed = Jid.parse(jid);
            this.jid = parsed.asBare();
            parsed.resourcepart().ifPresent(r -> this.resource = r);
            return this;
        }

        /**
         * @param password the password; copied, so the caller may zero its array
         * @return this builder
         */
        public Builder password(char[] password) {
            this.password = Objects.requireNonNull(password, "password").clone();
            return this;
        }

        /**
         * @param password the password
         * @return this builder
         */
        public Builder password(String password) {
            return password(Objects.requireNonNull(password, "password").toCharArray());
        }

        /**
         * @param resource the resource to request, or {@code null} (default) to let the server assign one
         * @return this builder
         */
        public Builder resource(@Nullable String resource) {
            if (resource != null && resource.isBlank()) {
                throw new IllegalArgumentException("resource must not be blank (use null for a server-assigned one)");
            }
            this.resource = resource;
            return this;
        }

        /**
         * @param transport how to reach the server; required
         * @return this builder
         */
        public Builder transport(Transport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        /**
         * @param factory makes the transport of a candidate URL (called once per URL); required with
         *     {@link #urls}, {@link #candidates} or {@link #serviceDiscovery}
         * @return this builder
         */
        public Builder transports(Function<URI, Transport> factory) {
            this.transports = Objects.requireNonNull(factory, "transports");
            return this;
        }

        /**
         * Plain failover for any server: the URLs in order (CAXL {@code httpBindingURL}, then
         * {@code httpBindingURL_secondary}, then more).
         *
         * @param primary the first URL
         * @param more fallback URLs
         * @return this builder
         */
        public Builder urls(URI primary, URI... more) {
            return candidates(CandidateSource.of(primary, more));
        }

        /**
         * @param source the candidate URLs (replaces {@link #serviceDiscovery})
         * @return this builder
         */
        public Builder candidates(CandidateSource source) {
            this.candidates = Objects.requireNonNull(source, "candidates");
            this.serviceDiscovery = null;
            return this;
        }

        /**
         * @param discovery Cisco Unified Presence service discovery and home/backup failover (CAXL
         *     {@code serviceDiscoveryEnabled}); replaces {@link #candidates}
         * @return this builder
         */
        public Builder serviceDiscovery(CupServiceDiscovery discovery) {
            this.serviceDiscovery = Objects.requireNonNull(discovery, "serviceDiscovery");
            this.candidates = null;
            return this;
        }

        /**
         * @param signals how errors steer the failover; default {@link FailoverSignals#defaults()}
         *     (combine with {@link FailoverSignals#or} for a transport's own redirect errors)
         * @return this builder
         */
        public Builder failoverSignals(FailoverSignals signals) {
            this.failoverSignals = Objects.requireNonNull(signals, "failoverSignals");
            return this;
        }

        /**
         * @param mechanisms SASL mechanism names, most preferred first (CAXL {@code enabledMechanisms});
         *     default {@link SaslMechanisms#DEFAULT_PREFERENCE}
         * @return this builder
         */
        public Builder enabledMechanisms(List<String> mechanisms) {
            this.enabledMechanisms = List.copyOf(mechanisms);
            return this;
        }

        /**
         * @param unsecureAllowed whether mechanisms sending the password in clear (PLAIN) may be used
         *     over a transport that is not secure; default {@code false}
         * @return this builder
         */
        public Builder unsecureAllowed(boolean unsecureAllowed) {
            this.unsecureAllowed = unsecureAllowed;
            return this;
        }

        /**
         * @param timeout the default timeout of {@link XmppSession#request(org.reactorxmpp.xmpp.stanza.Iq)}; default 30 s
         * @return this builder
         */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive(timeout, "requestTimeout");
            return this;
        }

        /**
         * @param timeout the limit of the transport phase and, separately, of the SASL phase; default 30 s
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /**
         * @param timeout the limit of the bind phase (CAXL {@code bindRetryCountdown}); default 30 s
         * @return this builder
         */
        public Builder bindRetryCountdown(Duration timeout) {
            this.bindRetryCountdown = positive(timeout, "bindRetryCountdown");
            return this;
        }

        /**
         * @param send whether to send available presence (with entity caps) once the session is
         *     handed out; default {@code true}
         * @return this builder
         */
        public Builder sendInitialPresence(boolean send) {
            this.sendInitialPresence = send;
            return this;
        }

        /**
         * @param identity the disco identity (CAXL {@code capabilityIdentity}); default client/pc/reactor-xmpp
         * @return this builder
         */
        public Builder identity(DiscoIdentity identity) {
            this.identity = Objects.requireNonNull(identity, "identity");
            return this;
        }

        /**
         * @param features extra features advertised in disco#info and caps (CAXL {@code capabilityFeatures})
         * @return this builder
         */
        public Builder capabilityFeatures(List<String> features) {
            List<String> copy = new ArrayList<>(features.size());
            for (String f : features) {
                if (f == null || f.isBlank()) {
                    throw new IllegalArgumentException("capability feature must not be blank");
                }
                copy.add(f);
            }
            this.capabilityFeatures = List.copyOf(copy);
            return this;
        }

        /**
         * @param node the entity caps node, a URI naming the software
         * @return this builder
         */
        public Builder capsNode(String node) {
            this.capsNode = nonBlank(node, "capsNode");
            return this;
        }

        /**
         * @param name the software name answered to XEP-0092 version requests
         * @param version the software version
         * @return this builder
         */
        public Builder software(String name, String version) {
            this.softwareName = nonBlank(name, "software name");
            this.softwareVersion = nonBlank(version, "software version");
            return this;
        }

        /**
         * @param enabled the built-in responders to register; default all
         * @return this builder
         */
        public Builder responders(Set<BuiltInResponder> enabled) {
            this.responders = enabled.isEmpty() ? EnumSet.noneOf(BuiltInResponder.class) : EnumSet.copyOf(enabled);
            return this;
        }

        /**
         * @param stanzas the buffer of each {@link XmppSession#inbound()} subscriber; default 512
         * @return this builder
         */
        public Builder inboundBufferSize(int stanzas) {
            if (stanzas < 1) {
                throw new IllegalArgumentException("inboundBufferSize must be >= 1, was " + stanzas);
            }
            this.inboundBufferSize = stanzas;
            return this;
        }

        /**
         * @param scheduler where SASL steps run: SCRAM derives its key with thousands of HMAC
         *     iterations, kept off the transport's event loop; default {@link Schedulers#boundedElastic()}
         * @return this builder
         */
        public Builder saslScheduler(Scheduler scheduler) {
            this.saslScheduler = Objects.requireNonNull(scheduler, "saslScheduler");
            return this;
        }

        /**
         * @param lang the stream's default language ({@code xml:lang}), or {@code null}
         * @return this builder
         */
        public Builder lang(@Nullable String lang) {
            this.lang = lang;
            return this;
        }

        /**
         * @param policy whether and when a session that dropped for a transient cause reconnects
         *     by itself (the {@link XmppSession} stays the same object); default {@link Reconnect#disabled()}
         * @return this builder
         */
        public Builder reconnect(Reconnect policy) {
            this.reconnect = Objects.requireNonNull(policy, "reconnect");
            return this;
        }

        /**
         * Where the session's timers run: reconnect delays, request timeouts and the connect phases'
         * timeouts. The default, {@link Schedulers#parallel()}, is looked up each time a timer starts,
         * so {@code StepVerifier.withVirtualTime} applies to a session built without this setting.
         *
         * <pre>{@code
         * VirtualTimeScheduler time = VirtualTimeScheduler.create();
         * XmppClient client = XmppClient.builder()...timerScheduler(time).build();
         * }</pre>
         *
         * @param scheduler the scheduler
         * @return this builder
         */
        public Builder timerScheduler(Scheduler scheduler) {
            this.timerScheduler = Objects.requireNonNull(scheduler, "timerScheduler");
            return this;
        }

        /**
         * The same as {@link #timerScheduler(Scheduler)} (named after its first use).
         *
         * @param scheduler where the session's timers run, reconnect delays included
         * @return this builder
         */
        public Builder reconnectScheduler(Scheduler scheduler) {
            return timerScheduler(scheduler);
        }

        /**
         * @param calls how many {@link XmppSession#send} and {@link XmppSession#request} calls a
         *     session with reconnect enabled keeps while it is between connections, to run them in
         *     order once connected again; one more fails with a
         *     {@link org.reactorxmpp.xmpp.transport.TransportOverflowException}; default 256. Calls the
         *     lost connection had not written are moved to the next one as well: they count here but
         *     are never rejected
         * @return this builder
         */
        public Builder offlineQueueSize(int calls) {
            if (calls < 1) {
                throw new IllegalArgumentException("offlineQueueSize must be >= 1, was " + calls);
            }
            this.offlineQueueSize = calls;
            return this;
        }

        /**
         * Stream management (XEP-0198): acknowledgements and, with a {@link #reconnect(Reconnect)} policy,
         * resumption of the session after its connection was lost, with nothing lost and nothing sent twice.
         * Used when the server offers it; default {@link StreamManagement#disabled()} (see
         * {@link StreamManagement} for why).
         *
         * <pre>{@code
         * XmppClient client = XmppClient.builder()...
         *     .reconnect(Reconnect.backoff(Duration.ofSeconds(30)))
         *     .streamManagement(StreamManagement.enabled())
         *     .build();
         * }</pre>
         *
         * @param sm the stream-management settings
         * @return this builder
         */
        public Builder streamManagement(StreamManagement sm) {
            this.streamManagement = Objects.requireNonNull(sm, "streamManagement");
            return this;
        }

        /**
         * Declares a feature that every session of this client installs before it is handed out,
         * hence before initial presence: its capabilities (for example PEP {@code +notify}
         * interests) are in the first presence, and its handlers exist before any stanza arrives.
         * Features obtained later with {@link XmppSession#feature} work too; their capabilities then
         * change the {@code ver} and presence is re-sent.
         *
         * <pre>{@code
         * XmppClient client = XmppClient.builder()...feature(Roster.KEY).feature(PresenceService.KEY).build();
         * client.connect().map(session -> Roster.of(session));   // the installed instance
         * }</pre>
         *
         * @param feature a feature or its key
         * @return this builder
         */
        public Builder feature(Feature<?> feature) {
            features.add(Objects.requireNonNull(feature, "feature"));
            return this;
        }

        /**
         * Watches the client's sessions and wraps its transports, for example with metrics:
         *
         * <pre>{@code
         * XmppClient client = XmppClient.builder()...observer(XmppMetrics.of(meterRegistry)).build();
         * }</pre>
         *
         * @param observer the observer; default {@link ClientObserver#NONE}
         * @return this builder
         */
        public Builder observer(ClientObserver observer) {
            this.observer = Objects.requireNonNull(observer, "observer");
            return this;
        }

        /**
         * Adds a codec to every session's {@link XmppSession#codecs()} (per client: there is no global registry).
         *
         * <pre>{@code
         * XmppClient client = XmppClient.builder()...codec(Delay.CODEC).build();
         * }</pre>
         *
         * @param codec the codec
         * @return this builder
         */
        public Builder codec(ExtensionCodec<?> codec) {
            codecs.add(Objects.requireNonNull(codec, "codec"));
            return this;
        }

        /**
         * @return the client
         * @throws IllegalStateException when jid, password or transport (or, with candidate URLs, the
         *     transport factory) is missing, or both a transport and candidate URLs are set
         * @throws IllegalArgumentException for an unknown SASL mechanism name
         */
        public XmppClient build() {
            if (jid == null) {
                throw new IllegalStateException("jid is required");
            }
            if (jid.localpart().isEmpty()) {
                throw new IllegalStateException("jid " + jid + " has no localpart: a client account is user@domain");
            }
            if (password == null) {
                throw new IllegalStateException("password is required");
            }
            FailoverSettings failover = null;
            if (candidates != null || serviceDiscovery != null) {
                if (transports == null) {
                    throw new IllegalStateException("transports(url -> transport) is required with candidate URLs");
                }
                if (transport != null) {
                    throw new IllegalStateException("set either transport(...) or candidate URLs, not both");
                }
                CandidateSource source = serviceDiscovery != null ? serviceDiscovery.candidates(jid) : candidates;
                Function<URI, Transport> factory = transports;
                ClientObserver watching = observer;
                failover = new FailoverSettings(url -> {
                    Transport made = factory.apply(url);
                    return made == null ? null : watching.transport(made);
                }, source, serviceDiscovery, failoverSignals);
            } else if (transport == null) {
                throw new IllegalStateException("transport is required");
            }
            SaslMechanismSelector selector = SaslMechanismSelector.builder()
                .enabledMechanisms(enabledMechanisms).unsecureAllowed(unsecureAllowed).build();
            List<Feature<?>> declared = new ArrayList<>(features);
            if (observer != ClientObserver.NONE) {
                ClientObserver watching = observer;
                declared.add(0, FeatureKey.of("client-observer", ctx -> {
                    watching.sessionStarted(ctx.session());
                    return watching;
                }));
            }
            return new XmppClient(new SessionSettings(jid, password.clone(), resource,
                transport == null ? null : observer.transport(transport), selector,
                requestTimeout, connectTimeout, bindRetryCountdown, sendInitialPresence, identity,
                capabilityFeatures, capsNode, softwareName, softwareVersion, Set.copyOf(responders),
                inboundBufferSize, saslScheduler, lang, reconnect,
                timerScheduler, offlineQueueSize, failover, streamManagement),
                new ClientExtensions(declared, codecs));
        }

        private static Duration positive(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, was " + d);
            }
            return d;
        }

        private static String nonBlank(String s, String what) {
            Objects.requireNonNull(s, what);
            if (s.isBlank()) {
                throw new IllegalArgumentException(what + " must not be blank");
            }
            return s;
        }
    }
}
