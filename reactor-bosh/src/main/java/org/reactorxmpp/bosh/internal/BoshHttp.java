package org.reactorxmpp.bosh.internal;

import java.io.IOException;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.bosh.BoshCondition;
import org.reactorxmpp.bosh.BoshException;
import org.reactorxmpp.xmpp.transport.TransportObserver;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlReader;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManagerFactory;

import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.ssl.SslContext;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.transport.ProxyProvider;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.NettyOutbound;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientRequest;
import reactor.netty.resources.ConnectionProvider;

/**
 * One BOSH HTTP exchange: POST a body, parse the answer once from the aggregated Netty buffer.
 */
final class BoshHttp {

    private static final String CONTENT_TYPE = "text/xml; charset=utf-8";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BoshHttp.class);

    private final HttpClient client;
    private final BoshSettings settings;
    private final String url;
    private final String endpoint;
    private final XmlReader reader;
    private final long maxSize;
    /** Whether each session gets its own connections (the transport uses the shared default client). */
    private final boolean perSession;
    /**
     * A session's request slots, each with its own pool of one keep-alive connection, made when the slot is first
     * used and closed when it goes idle ({@link #closeSlot(int)}); null: no pool (no connection) now. Empty when
     * shared. Confined to the session's task loop.
     */
    private final @Nullable HttpClient[] slots;
    private final @Nullable ConnectionProvider[] pools;
    private boolean released;
    /**
     * The client TLS context made once for the transport (from the options' context or trust manager), or null: a
     * slot's client is configured on an event loop, where making one (reading trust material) must not happen.
     */
    private final @Nullable SslContext tls;

    /**
     * @param client the HTTP client (shared)
     * @param settings the transport settings
     */
    BoshHttp(HttpClient client, BoshSettings settings) {
        this(client, settings, tlsContext(settings.httpOptions(), settings.tls()));
    }

    private BoshHttp(HttpClient client, BoshSettings settings, @Nullable SslContext tls) {
        this(configure(client, settings.httpOptions(), tls), settings, client == Shared.CLIENT, 0, tls,
            XmlReader.create(settings.xmlLimits()));
    }

    private BoshHttp(HttpClient configured, BoshSettings settings, boolean perSession, int slotCount,
                     @Nullable SslContext tls, XmlReader reader) {
        this.client = configured;
        this.tls = tls;
        this.settings = settings;
        this.url = settings.url().toString();
        this.endpoint = settings.url().getHost() + ":" + settings.url().getPort();
        // immutable and thread-safe: one per transport, shared by its sessions (a Woodstox factory each cost heap)
        this.reader = reader;
        this.maxSize = settings.xmlLimits().maxDocumentSize();
        this.perSession = perSession;
        this.pools = new ConnectionProvider[slotCount];
        this.slots = new HttpClient[slotCount];
    }

    /**
     * The exchange one session uses. With the default client, each session gets {@code hold + 1} request slots
     * (at least two), each with its own keep-alive connection reused request after request, as a browser does. A
     * pool shared by all sessions hands a request whichever connection is idle, or opens a new one: rid N,
     * sent as the response that freed a connection was still being released, went out on a new connection
     * that the connection manager had not accepted yet, and rid N+1, sent a moment later, on the warm one. N+1
     * arrived first, and ejabberd 23.01 then holds N and leaves N+1 unprocessed until something is pushed to the
     * session: a stall of up to {@code wait}. With a client given to the builder, its own pool is used as
     * configured (requests are still written one at a time, in rid order).
     *
     * <p>A slot's pool (a {@link ConnectionProvider} of one connection, no background eviction) is made when the
     * slot carries its first request, and disposed, which closes its connection, when the slot goes idle
     * ({@link #closeSlot(int)}) or the session ends ({@link #release()}): a session has at most {@code hold + 1}
     * pools at a time, none once it is over.
     *
     * @return the exchange for one session; {@link #release()} it when the session ends
     */
    BoshHttp forSession() {
        if (!perSession) {
            return this;
        }
        return new BoshHttp(client, settings, false, Math.max(2, settings.hold() + 1), tls, reader);
    }

    /** @return the number of request slots with their own connection (0: any connection of the client's pool) */
    int slots() {
        return slots.length;
    }

    /** @return whether a slot has its pool now (it may hold a connection) */
    boolean isOpen(int slot) {
        return pools[slot] != null;
    }

    /**
     * Closes a slot's connection: disposes its pool (a new one is made when the slot is used again). Only for a
     * slot that carries no request.
     *
     * @return whether the slot had a pool
     */
    boolean closeSlot(int slot) {
        ConnectionProvider pool = pools[slot];
        if (pool == null) {
            return false;
        }
        pools[slot] = null;
        slots[slot] = null;
        pool.disposeLater().subscribe(null, e -> LOG.debug("closing a BOSH request slot's connection failed: {}",
            e.toString()));
        return true;
    }

    /** Closes the session's own connections, if it has any; its slots are not used again. */
    void release() {
        released = true;
        for (int i = 0; i < pools.length; i++) {
            closeSlot(i);
        }
    }

    private HttpClient openSlot(int slot) {
        ConnectionProvider pool = ConnectionProvider.builder("reactor-xmpp-bosh-slot")
            .maxConnections(1)
            .pendingAcquireMaxCount(-1)
            .pendingAcquireTimeout(Duration.ofSeconds(45))
            .build();
        HttpClient c = configure(HttpClient.create(pool).keepAlive(true), settings.httpOptions(), tls);
        pools[slot] = pool;
        slots[slot] = c;
        return c;
    }

    /**
     * @return the client TLS context of an {@code https} transport with its own context or trust manager, made now
     *     (on the thread that builds the transport), or {@code null}: the client's default
     */
    private static @Nullable SslContext tlsContext(HttpOptions o, boolean tls) {
        SslContext ssl = o.sslContext();
        TrustManagerFactory trust = o.trustManager();
        if (!tls || ssl != null) {
            return tls ? ssl : null;
        }
        if (trust == null) {
            return null;
        }
        try {
            return Http11SslContextSpec.forClient().configure(b -> b.trustManager(trust)).sslContext();
        } catch (javax.net.ssl.SSLException e) {
            throw new IllegalArgumentException("the BOSH transport's TLS trust material is not usable: " + e.getMessage(), e);
        }
    }

    private static HttpClient configure(HttpClient client, HttpOptions o, @Nullable SslContext tls) {
        HttpClient c = client.headers(h -> {
            o.headers().forEach(h::set);
            h.set(HttpHeaderNames.CONTENT_TYPE, CONTENT_TYPE);
        });
        if (o.compress()) {
            c = c.compress(true); // Accept-Encoding: gzip, and responses are decompressed before parsing
        }
        String proxyHost = o.proxyHost();
        if (proxyHost != null) {
            int proxyPort = o.proxyPort();
            c = c.proxy(spec -> spec.type(ProxyProvider.Proxy.HTTP).host(proxyHost).port(proxyPort));
        }
        Duration connectTimeout = o.connectTimeout();
        if (connectTimeout != null) {
            c = c.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
        }
        // https: certificate and host name verification stay on (Reactor Netty's defaults); only the trust
        // material can change
        if (tls != null) {
            c = c.secure(spec -> spec.sslContext(tls));
        }
        return c;
    }

    /**
     * The HTTP client shared by every BOSH transport that is not given one: Reactor Netty's global event
     * loops and a dedicated connection pool sized for long-held requests (thousands of sessions hold
     * one or two connections each).
     *
     * @return the shared client
     */
    static HttpClient sharedClient() {
        return Shared.CLIENT;
    }

    private static final class Shared {
        static final HttpClient CLIENT = HttpClient.create(ConnectionProvider.builder("reactor-xmpp-bosh")
                .maxConnections(20_000)
                .pendingAcquireMaxCount(-1)
                .pendingAcquireTimeout(Duration.ofSeconds(45))
                .maxIdleTime(Duration.ofSeconds(30))
                .build())
            .keepAlive(true);
    }

    /**
     * POSTs a body. Lazy. Errors: {@link BoshException} for a terminal HTTP status or a malformed body,
     * {@link RetryableException} for a 5xx status; anything else (timeouts, I/O) is the raw failure.
     *
     * @param body the request bytes
     * @param timeout how long to wait for the response
     * @param onWritten run once the request has been written to the connection
     * @return the parsed response {@code <body/>}
     */
    Mono<XmlElement> post(byte[] body, Duration timeout, Runnable onWritten) {
        return post(-1, body, false, timeout, onWritten);
    }

    /**
     * POSTs a body, possibly compressed. Lazy. Errors as {@link #post(byte[], Duration, Runnable)}.
     *
     * @param slot the request slot whose connection to use (see {@link #slots()}), or -1 for the client's pool; a
     *     slot without a pool gets one now (on the session's task loop, like every call with a slot)
     * @param body the request bytes, already compressed when {@code gzipped}
     * @param gzipped whether {@code body} is gzip data ({@code Content-Encoding: gzip} is then sent)
     * @param timeout how long to wait for the response
     * @param onWritten run once the request has been written to the connection
     * @return the parsed response {@code <body/>}
     */
    Mono<XmlElement> post(int slot, byte[] body, boolean gzipped, Duration timeout, Runnable onWritten) {
        HttpClient c = client;
        if (slot >= 0 && slot < slots.length) {
            HttpClient own = slots[slot];
            if (own == null) {
                if (released) {
                    return Mono.error(new IllegalStateException("the BOSH session is over: its connections are closed"));
                }
                own = openSlot(slot);
            }
            c = own;
        }
        RequestBytes request = new RequestBytes(body, gzipped, onWritten);
        return c.post()
            .uri(url)
            .send(request::send)
            .response((res, content) -> {
                int status = res.status().code();
                if (status >= 500) {
                    return Mono.error(new RetryableException("HTTP " + status, TransportObserver.ResendReason.HTTP_5XX));
                }
                if (status != 200) {
                    return Mono.error(BoshException.httpStatus(status));
                }
                long declared = contentLength(res.responseHeaders().get(HttpHeaderNames.CONTENT_LENGTH));
                if (declared > maxSize) {
                    return Mono.error(tooLarge("declares Content-Length " + declared));
                }
                // counted as the bytes arrive: never more than the limit (plus one network read) is kept
                return Mono.using(() -> new BoundedBody(maxSize),
                    acc -> content.doOnNext(acc::add).then(Mono.fromCallable(() -> parse(acc))),
                    BoundedBody::release);
            })
            // waits for the exchange to complete (no cancel after the body): the connection goes back to its pool
            .singleOrEmpty()
            .timeout(timeout, Mono.error(() -> new RetryableException("no response within " + timeout,
                TransportObserver.ResendReason.TIMEOUT)))
            .onErrorMap(BoshHttp::isTlsFailure, e -> BoshException.client(BoshCondition.TLS_FAILURE,
                "TLS handshake with the BOSH connection manager " + endpoint + " failed, its certificate was"
                    + " rejected (untrusted, expired or issued for another host name): " + rootMessage(e), e))
            .doFinally(signal -> request.clear());
    }

    /**
     * What one POST writes, let go of when its exchange ends. Reactor Netty's pool keeps the configuration of the
     * request that opened its connection (with this send function) for as long as the pool lives: a slot's pool
     * lives as long as its connection, so without the clearing every session pinned its first request on each slot,
     * the bytes and, through the written callback, the request's exchange, what it carried and whoever waited for
     * it (the negotiation's subscribers), for the whole session. A request whose exchange ended before its
     * connection was ready is still written as it was before (the references go once it is).
     */
    private static final class RequestBytes {
        private volatile byte @Nullable [] body;
        private final boolean gzipped;
        private volatile @Nullable Runnable onWritten;
        /** The send function ran (it may run again if Reactor Netty retries on a new connection). */
        private volatile boolean sending;
        private volatile boolean ended;

        RequestBytes(byte[] body, boolean gzipped, Runnable onWritten) {
            this.body = body;
            this.gzipped = gzipped;
            this.onWritten = onWritten;
        }

        Publisher<Void> send(HttpClientRequest req, NettyOutbound out) {
            sending = true;
            byte[] b = body;
            Runnable written = onWritten;
            if (ended) {
                drop();
            }
            if (b == null || written == null) {
                // only a retry after the exchange ended: nobody waits for it
                return Mono.error(new IllegalStateException("the BOSH request's exchange is over"));
            }
            if (gzipped) {
                req.header(HttpHeaderNames.CONTENT_ENCODING, "gzip");
            }
            req.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(b.length));
            return out.sendByteArray(Mono.just(b)).then(Mono.fromRunnable(written));
        }

        /** The exchange ended: the references go now, or once the send function ran if it has not yet. */
        void clear() {
            ended = true;
            if (sending) {
                drop();
            }
        }

        private void drop() {
            body = null;
            onWritten = null;
        }
    }

    /**
     * @param body request bytes
     * @return them gzip-compressed (in memory: nothing blocks)
     */
    static byte[] gzip(byte[] body) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(Math.max(64, body.length / 2));
        try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(out)) {
            z.write(body);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return out.toByteArray();
    }

    private static boolean isTlsFailure(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SSLHandshakeException || t instanceof java.security.cert.CertificateException
                || t instanceof SSLPeerUnverifiedException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }

    private static long contentLength(@Nullable String header) {
        try {
            return header == null ? -1 : Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private org.reactorxmpp.xmpp.xml.XmlException tooLarge(String what) {
        return new org.reactorxmpp.xmpp.xml.XmlException(org.reactorxmpp.xmpp.xml.XmlException.Reason.SIZE_LIMIT,
            "BOSH response from " + endpoint + " " + what + ", over the limit of " + maxSize
                + " bytes (XmlLimits.maxDocumentSize)");
    }

    /**
     * The bytes of one response body as they arrive, kept in the Netty buffers they came in (no copy) up to
     * the limit; one byte more fails the exchange, which closes its connection.
     */
    private final class BoundedBody {
        private final long limit;
        private final io.netty.buffer.CompositeByteBuf buffers = io.netty.buffer.Unpooled.compositeBuffer(Integer.MAX_VALUE);
        private long size;
        private boolean released;

        BoundedBody(long limit) {
            this.limit = limit;
        }

        synchronized void add(io.netty.buffer.ByteBuf chunk) {
            if (released) {
                return; // the exchange was cancelled meanwhile
            }
            size += chunk.readableBytes();
            if (size > limit) {
                throw tooLarge("exceeds " + limit + " bytes");
            }
            buffers.addComponent(true, chunk.retain());
        }

        synchronized void release() {
            if (!released) {
                released = true;
                buffers.release();
            }
        }
    }

    /** @return the parsed body, or {@code null} (nothing is emitted) when the exchange was cancelled meanwhile */
    private @Nullable XmlElement parse(BoundedBody body) {
        synchronized (body) {
            if (body.released) {
                return null; // cancelled (abandoned, or the session ended): nobody waits for this answer
            }
            if (body.size == 0) {
                throw BoshException.client(BoshCondition.PROTOCOL_VIOLATION, "BOSH response with an empty HTTP body", null);
            }
            try {
                // in memory already: read by the XmlReader's own scanner straight from the bytes (a stream would go
                // through Woodstox, about 2.5x the CPU per stanza received); one copy at most (nioBuffer merges)
                return parse(body.buffers.nioBuffer());
            } catch (BoshException e) {
                if (!(e.getCause() instanceof org.reactorxmpp.xmpp.xml.XmlException x)
                    || x.reason() != org.reactorxmpp.xmpp.xml.XmlException.Reason.MALFORMED) {
                    throw e;
                }
                RepeatedBodyAttributes.Repaired repaired = RepeatedBodyAttributes.repair(
                    io.netty.buffer.ByteBufUtil.getBytes(body.buffers, 0, body.buffers.writerIndex()));
                if (repaired == null) {
                    throw e;
                }
                LOG.warn("BOSH response from {} repeats the <body> attribute(s) {} with the same value (ejabberd 23.01"
                    + " does so on a stream error or the stream's end): read without the repeats", endpoint,
                    repaired.names());
                return parse(java.nio.ByteBuffer.wrap(repaired.bytes()));
            }
        }
    }

    private XmlElement parse(java.nio.ByteBuffer bytes) {
        try {
            XmlElement body = reader.read(bytes);
            if (!body.is(BoshBodies.HTTPBIND_NS, "body")) {
                throw BoshException.client(BoshCondition.PROTOCOL_VIOLATION,
                    "BOSH response is not a <body/> in " + BoshBodies.HTTPBIND_NS + " but " + body.name(), null);
            }
            return body;
        } catch (org.reactorxmpp.xmpp.xml.XmlException e) {
            if (e.reason() == org.reactorxmpp.xmpp.xml.XmlException.Reason.SIZE_LIMIT) {
                throw e;
            }
            throw BoshException.client(BoshCondition.PROTOCOL_VIOLATION, "malformed BOSH response: " + e.getMessage(), e);
        }
    }

    /** A failure worth a resend: HTTP 5xx, no response in time, an unreadable response. */
    static final class RetryableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final TransportObserver.ResendReason reason;

        RetryableException(String message, TransportObserver.ResendReason reason) {
            super(message, null, false, false);
            this.reason = reason;
        }

        /** @return the reason of the resend it causes */
        TransportObserver.ResendReason reason() {
            return reason;
        }
    }
}
