package org.reactorxmpp.xmpp.transport.internal;

import java.time.Duration;
import java.util.Objects;

import javax.net.ssl.TrustManagerFactory;

import io.netty.handler.ssl.SslContext;
import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.xml.XmlLimits;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The options the TCP and WebSocket transport builders share: queue capacities, XML limits, timeouts and TLS
 * trust. Not API in itself: use it through {@code TcpTransport.builder()} or {@code WebSocketTransport.builder()}.
 *
 * @param <B> the concrete builder
 */
public abstract class SocketTransportBuilder<B extends SocketTransportBuilder<B>> {

    private int outboundCapacity = 16_384;
    private int inboundCapacity = 1024;
    private XmlLimits xmlLimits = XmlLimits.DEFAULTS;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration closeTimeout = Duration.ofSeconds(5);
    private @Nullable TrustManagerFactory trust;
    private @Nullable SslContext sslContext;

    /** For subclasses. */
    protected SocketTransportBuilder() {
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /**
     * @param elements most elements accepted by {@code send} and not yet written (default 16,384); one more
     *     fails with a {@link org.reactorxmpp.xmpp.transport.TransportOverflowException}
     * @return this builder
     */
    public B outboundCapacity(int elements) {
        this.outboundCapacity = positive(elements, "outboundCapacity");
        return self();
    }

    /**
     * @param elements most inbound elements buffered for a slow subscriber (default 1,024); one more fails the
     *     connection with a {@link org.reactorxmpp.xmpp.transport.TransportOverflowException}
     * @return this builder
     */
    public B inboundCapacity(int elements) {
        this.inboundCapacity = positive(elements, "inboundCapacity");
        return self();
    }

    /** @param limits limits for parsing what the server sends (per top-level element) @return this builder */
    public B xmlLimits(XmlLimits limits) {
        this.xmlLimits = Objects.requireNonNull(limits, "limits");
        return self();
    }

    /** @param timeout how long opening the socket may take (default 10 s) @return this builder */
    public B connectTimeout(Duration timeout) {
        this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
        return self();
    }

    /**
     * @param timeout how long {@code close} waits for the server to close the stream too before it cuts the
     *     connection (default 5 s)
     * @return this builder
     */
    public B closeTimeout(Duration timeout) {
        this.closeTimeout = Objects.requireNonNull(timeout, "timeout");
        return self();
    }

    /**
     * @param factory the trust managers that check the server's certificate chain (for example from a
     *     {@link java.security.KeyStore} with a private CA); default: the JVM's trust store
     * @return this builder
     */
    public B trustManagerFactory(TrustManagerFactory factory) {
        this.trust = Objects.requireNonNull(factory, "factory");
        return self();
    }

    /**
     * @param context a complete Netty client TLS context (trust, key material for client certificates, protocols);
     *     replaces {@link #trustManagerFactory}. The hostname check stays on.
     * @return this builder
     */
    public B sslContext(SslContext context) {
        if (!Objects.requireNonNull(context, "context").isClient()) {
            throw new IllegalArgumentException("a client SslContext is needed");
        }
        this.sslContext = context;
        return self();
    }

    /** @return the shared options, as an immutable value */
    protected final SocketSettings socketSettings() {
        SslContext context = sslContext;
        TrustManagerFactory t = trust;
        // built once, on first use and off the event loops (it reads the trust store): a plain-text transport
        // never loads one
        Mono<SslContext> tls = context != null ? Mono.just(context)
            : Mono.fromSupplier(() -> Tls.clientContext(t)).subscribeOn(Schedulers.boundedElastic()).cache();
        return new SocketSettings(outboundCapacity, inboundCapacity, xmlLimits, connectTimeout, closeTimeout, tls);
    }

    private static int positive(int value, String what) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " must be positive: " + value);
        }
        return value;
    }
}
