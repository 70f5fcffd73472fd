package org.reactorxmpp.xmpp.transport.websocket;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

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
import reactor.netty.http.client.HttpClient;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import reactor.netty.http.client.WebsocketClientSpec;

/**
 * XMPP over WebSocket (RFC 7395) on Reactor Netty's WebSocket client: subprotocol {@code xmpp}, the
 * {@code <open/>}/{@code <close/>} framing, one element per message, the close handshake ({@code <close/>},
 * then the close frame). With {@code wss://} the server's certificate and host name are checked (on by default;
 * a private CA through {@link Builder#trustManagerFactory}). Immutable and thread-safe.
 *
 * <pre>{@code
 * XmppClient client = XmppClient.builder()
 *     .jid("alice@example.com").password(secret)
 *     .transport(WebSocketTransport.builder().url(URI.create("wss://example.com/xmpp-websocket")).build())
 *     .build();
 * }</pre>
 */
public final class WebSocketTransport implements Transport {

    /** The subprotocol RFC 7395 registers (Prosody refuses an upgrade without it). */
    public static final String SUBPROTOCOL = "xmpp";

    /** Immutable settings. */
    record Settings(URI url, SocketSettings socket) {
        boolean secure() {
            return "wss".equalsIgnoreCase(url.getScheme());
        }
    }

    private final Settings settings;

    private WebSocketTransport(Settings settings) {
        this.settings = settings;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Mono<TransportConnection> connect(StreamOpen open) {
        Objects.requireNonNull(open, "open");
        Mono<Optional<SslContext>> tls = settings.secure() ? settings.socket().tls().map(Optional::of)
            : Mono.just(Optional.empty());
        return tls.flatMap(context -> Mono.create(sink -> {
            WebSocketConnection connection = new WebSocketConnection(settings, open, sink);
            Disposable socket = client(context.orElse(null))
                .websocket(WebsocketClientSpec.builder().protocols(SUBPROTOCOL).handlePing(false)
                    .maxFramePayloadLength(Math.toIntExact(Math.min(Integer.MAX_VALUE,
                        settings.socket().xmlLimits().maxDocumentSize())))
                    .build())
                .uri(settings.url())
                .handle(connection::run)
                .subscribe(null, error -> connection.failed(failure(error)));
            sink.onCancel(() -> {
                connection.abort();
                socket.dispose();
            });
        }));
    }

    private HttpClient client(@Nullable SslContext context) {
        // a WebSocket keeps its connection for its whole life: a pool has nothing to reuse
        HttpClient client = HttpClient.newConnection()
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.socket().connectTimeout().toMillis())
            // each message is flushed when it is due (a batch per flush): no Nagle delay on top (Netty's default
            // on Linux too, said here as TcpTransport says it)
            .option(ChannelOption.TCP_NODELAY, true);
        if (context == null) {
            return client;
        }
        return client.secure(spec -> spec.sslContext(context).handlerConfigurator(handler -> {
            SSLEngine engine = handler.engine();
            SSLParameters params = engine.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            engine.setSSLParameters(params);
        }));
    }

    private TransportException failure(Throwable error) {
        if (error instanceof TransportException e) {
            return e;
        }
        if (Tls.isTls(error)) {
            return Tls.map(error, String.valueOf(settings.url().getHost()));
        }
        if (error instanceof WebSocketClientHandshakeException h) {
            int status = h.response().status().code();
            return new TransportException("WebSocket upgrade at " + settings.url() + " refused: HTTP " + status,
                status >= 500, error);
        }
        return new TransportException("WebSocket to " + settings.url() + " failed: " + error, true, error);
    }

    @Override
    public String toString() {
        return "WebSocketTransport[" + settings.url() + "]";
    }

    /** Builds a {@link WebSocketTransport}; shared options (capacities, limits, timeouts, trust) are inherited. */
    public static final class Builder extends SocketTransportBuilder<Builder> {

        private @Nullable URI url;

        private Builder() {
        }

        /** @param url {@code ws://} or {@code wss://} URL of the endpoint; required @return this builder */
        public Builder url(URI url) {
            String scheme = Objects.requireNonNull(url, "url").getScheme();
            if (!"ws".equalsIgnoreCase(scheme) && !"wss".equalsIgnoreCase(scheme)) {
                throw new IllegalArgumentException("a ws:// or wss:// URL is needed: " + url);
            }
            this.url = url;
            return this;
        }

        /** @return the transport */
        public WebSocketTransport build() {
            return new WebSocketTransport(new Settings(Objects.requireNonNull(url, "url is required"), socketSettings()));
        }
    }
}
