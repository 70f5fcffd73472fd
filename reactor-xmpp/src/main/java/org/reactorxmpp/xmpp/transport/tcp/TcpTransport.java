package org.reactorxmpp.xmpp.transport.tcp;

import java.net.URI;
import java.net.UnknownHostException;
import java.util.Objects;

import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.SslContext;
import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.transport.StreamOpen;
import org.reactorxmpp.xmpp.transport.Transport;
import org.reactorxmpp.xmpp.transport.TransportConnection;
import org.reactorxmpp.xmpp.transport.TransportException;
import org.reactorxmpp.xmpp.transport.internal.SocketSettings;
import org.reactorxmpp.xmpp.transport.internal.SocketTransportBuilder;
import org.reactorxmpp.xmpp.transport.internal.Tls;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.netty.tcp.TcpClient;

/**
 * The XMPP client-to-server stream over TCP (RFC 6120), on Reactor Netty's {@link TcpClient}: STARTTLS
 * (TLS negotiated in place after {@code <proceed/>}) or direct TLS (XEP-0368), the certificate chain and the
 * server's name (the XMPP domain, unless {@link Builder#serverName} says otherwise) checked by default, the
 * stream parsed incrementally without blocking (Aalto) into the same elements and limits as every transport.
 * Immutable and thread-safe; connections share Reactor Netty's event loops.
 *
 * <p>By default TLS is required ({@link Security#STARTTLS_REQUIRED}): a server that does not offer STARTTLS is
 * refused with a {@link org.reactorxmpp.xmpp.transport.TransportTlsException}, nothing is sent in the clear
 * past the stream header. Give the host and port, or opt in to DNS SRV lookup of the XMPP domain
 * ({@link Builder#srv}: {@code _xmpps-client._tcp} and {@code _xmpp-client._tcp}, tried in order).
 *
 * <pre>{@code
 * XmppClient client = XmppClient.builder()
 *     .jid("alice@example.com").password(secret)
 *     .transport(TcpTransport.builder().host("xmpp.example.com").build())          // port 5222, STARTTLS
 *     .build();
 * // direct TLS (XEP-0368) with a private CA:
 * TcpTransport.builder().host("xmpp.example.com").port(5223).security(TcpTransport.Security.DIRECT_TLS)
 *     .trustManagerFactory(myCaTrust).build();
 * }</pre>
 */
public final class TcpTransport implements Transport {

    /** How the connection is protected. */
    public enum Security {
        /** STARTTLS, and refuse to go on when the server does not offer it (the default). */
        STARTTLS_REQUIRED,
        /** STARTTLS when the server offers it, else the stream stays in the clear. */
        STARTTLS_IF_OFFERED,
        /** TLS from the first byte (XEP-0368 direct TLS), usually on port 5223. */
        DIRECT_TLS,
        /** Never TLS: for loopback tests only; a server that requires STARTTLS is refused. */
        NONE
    }

    private final Settings settings;
    /** With {@link Builder#srv} and no host: where to connect comes from the XMPP domain's SRV records. */
    private final @Nullable SrvResolver srv;

    /** Immutable settings. */
    record Settings(String host, int port, Security security, @Nullable String serverName, SocketSettings socket) {
        /** @return {@code xmpp://host:port}, how this transport names its server in details and logs */
        URI uri() {
            return URI.create("xmpp://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port);
        }
    }

    private TcpTransport(Settings settings, @Nullable SrvResolver srv) {
        this.settings = settings;
        this.srv = srv;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Mono<TransportConnection> connect(StreamOpen open) {
        Objects.requireNonNull(open, "open");
        SrvResolver resolver = srv;
        if (resolver == null) {
            return connect(settings, open);
        }
        return SrvCandidates.of(resolver, open.to(), settings.port()).flatMap(candidates -> {
            Mono<TransportConnection> attempt = null;
            for (SrvCandidates.Candidate c : candidates) {
                if (c.directTls() && settings.security() == Security.NONE) {
                    continue; // never TLS
                }
                Security security = c.directTls() ? Security.DIRECT_TLS
                    : settings.security() == Security.DIRECT_TLS ? Security.STARTTLS_REQUIRED : settings.security();
                Mono<TransportConnection> next = connect(new Settings(c.host(), c.port(), security,
                    settings.serverName(), settings.socket()), open);
                // the next record only when this one could not be reached; a TLS failure is final
                attempt = attempt == null ? next : attempt.onErrorResume(
                    e -> !(e instanceof org.reactorxmpp.xmpp.transport.TransportTlsException), e -> next);
            }
            return attempt != null ? attempt : Mono.error(new TransportException(
                "no SRV record of " + open.to() + " can be used without TLS", false));
        });
    }

    private Mono<TransportConnection> connect(Settings settings, StreamOpen open) {
        Mono<SslContext> tls = settings.security() == Security.NONE ? Mono.empty() : settings.socket().tls();
        return tls.map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty())
            .flatMap(context -> Mono.create(sink -> {
                TcpConnection connection = new TcpConnection(settings, open, context.orElse(null), sink);
                TcpClient client = TcpClient.create()
                    .host(settings.host())
                    .port(settings.port())
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.socket().connectTimeout().toMillis())
                    .option(ChannelOption.TCP_NODELAY, true)
                    .doOnChannelInit((observer, channel, address) -> connection.init(channel))
                    .doOnConnected(connection::start);
                Disposable attempt = client.connect()
                    .subscribe(c -> { }, error -> sink.error(connectFailure(settings, error)));
                sink.onCancel(() -> {
                    attempt.dispose();
                    connection.abort();
                });
            }));
    }

    private static TransportException connectFailure(Settings settings, Throwable error) {
        if (error instanceof TransportException e) {
            return e;
        }
        if (Tls.isTls(error)) {
            return Tls.map(error, settings.host());
        }
        boolean unknownHost = error instanceof UnknownHostException || error.getCause() instanceof UnknownHostException;
        return new TransportException("cannot connect to " + settings.uri() + ": " + error.getMessage(),
            !unknownHost, error);
    }

    @Override
    public String toString() {
        return "TcpTransport[" + (srv != null ? "SRV of the XMPP domain" : settings.uri()) + ", " + settings.security() + "]";
    }

    /** Builds a {@link TcpTransport}; shared options (capacities, limits, timeouts, trust) are inherited. */
    public static final class Builder extends SocketTransportBuilder<Builder> {

        private @Nullable String host;
        private int port;
        private Security security = Security.STARTTLS_REQUIRED;
        private @Nullable String serverName;
        private @Nullable SrvResolver srv;

        private Builder() {
        }

        /**
         * Opt in to DNS SRV lookup when no {@link #host} is given: the XMPP domain's {@code _xmpps-client._tcp}
         * (direct TLS) and {@code _xmpp-client._tcp} (STARTTLS) records are tried in order of priority and weight
         * until one connects; without records, the domain itself on the {@link #port}. The certificate must still
         * be issued for the XMPP domain (RFC 6125), not for the SRV target.
         *
         * <pre>{@code
         * TcpTransport.builder().srv(SrvResolver.jndi()).build();
         * }</pre>
         *
         * @param resolver how to look the records up, without blocking ({@link SrvResolver#jndi()})
         * @return this builder
         */
        public Builder srv(SrvResolver resolver) {
            this.srv = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /** @param host the server's host name or address; required @return this builder */
        public Builder host(String host) {
            if (Objects.requireNonNull(host, "host").isBlank()) {
                throw new IllegalArgumentException("host must not be blank");
            }
            this.host = host;
            return this;
        }

        /**
         * The host and port from a URI, so that one candidate list can mix transports (see
         * {@code XmppClient.Builder.transports}): {@code xmpp://host[:port]} or {@code tcp://host[:port]} for
         * STARTTLS, {@code xmpps://host[:port]} for direct TLS.
         *
         * @param url the URI
         * @return this builder
         */
        public Builder url(URI url) {
            String scheme = String.valueOf(Objects.requireNonNull(url, "url").getScheme()).toLowerCase(java.util.Locale.ROOT);
            if (!scheme.equals("xmpp") && !scheme.equals("tcp") && !scheme.equals("xmpps")) {
                throw new IllegalArgumentException("an xmpp://, tcp:// or xmpps:// URI is needed: " + url);
            }
            host(Objects.requireNonNull(url.getHost(), "the URI has no host: " + url));
            if (scheme.equals("xmpps")) {
                security(Security.DIRECT_TLS);
            }
            if (url.getPort() > 0) {
                port(url.getPort());
            }
            return this;
        }

        /** @param port the port (default 5222, or 5223 with {@link Security#DIRECT_TLS}) @return this builder */
        public Builder port(int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.port = port;
            return this;
        }

        /** @param security how the connection is protected (default {@link Security#STARTTLS_REQUIRED}) @return this builder */
        public Builder security(Security security) {
            this.security = Objects.requireNonNull(security, "security");
            return this;
        }

        /**
         * @param name the name the server's certificate must be issued for, and the SNI; default the XMPP domain
         *     of the stream (RFC 6125), not the host connected to
         * @return this builder
         */
        public Builder serverName(String name) {
            this.serverName = Objects.requireNonNull(name, "name");
            return this;
        }

        /** @return the transport */
        public TcpTransport build() {
            if (host == null && srv == null) {
                throw new NullPointerException("host is required (or srv, to look it up)");
            }
            int p = port != 0 ? port : security == Security.DIRECT_TLS ? 5223 : 5222;
            // with SRV and no host, each attempt's host comes from a record: the placeholder is never connected to
            String h = host != null ? host : "srv.invalid";
            return new TcpTransport(new Settings(h, p, security, serverName, socketSettings()), host == null ? srv : null);
        }
    }
}
