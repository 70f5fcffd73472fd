package org.reactorxmpp.bosh;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlNode;
import org.reactorxmpp.xmpp.xml.XmlReader;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A scriptable BOSH connection manager on 127.0.0.1, port 0. Each request is parsed and handed to a
 * {@link Handler}, which decides when and how to answer: a body, an HTTP status, or a dropped
 * connection. It counts the requests it holds at once, so tests can check the client's limits.
 */
final class FakeConnectionManager implements AutoCloseable {

    static final String HTTPBIND = "http://jabber.org/protocol/httpbind";

    /** Decides the reply to one request; the reply is sent when the Mono emits. */
    @FunctionalInterface
    interface Handler {
        Mono<Reply> handle(Received request);
    }

    /** A request as received. */
    record Received(int index, XmlElement body, byte[] raw, io.netty.handler.codec.http.HttpHeaders headers) {
        long rid() {
            return Long.parseLong(body.attribute("rid"));
        }

        boolean isCreation() {
            return body.attribute("sid") == null;
        }

        List<XmlElement> payload() {
            List<XmlElement> out = new ArrayList<>();
            for (XmlNode n : body.children()) {
                if (n instanceof XmlElement e) {
                    out.add(e);
                }
            }
            return out;
        }

        boolean carries(String id) {
            return payload().stream().anyMatch(e -> id.equals(e.attribute("id")));
        }

        String text() {
            return new String(raw, StandardCharsets.UTF_8);
        }
    }

    /** What to answer. */
    record Reply(int status, String xml, boolean dropped, long streamed) {
        static Reply xml(String xml) {
            return new Reply(200, xml, false, 0);
        }

        static Reply status(int status) {
            return new Reply(status, "", false, 0);
        }

        static Reply drop() {
            return new Reply(0, "", true, 0);
        }

        /** A body of about this many bytes, generated chunk by chunk (chunked transfer, no Content-Length). */
        static Reply streamed(long bytes) {
            return new Reply(200, "", false, bytes);
        }
    }

    private final DisposableServer server;
    private final Handler handler;
    private final List<Received> received = new ArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final Sinks.Many<Received> arrivals = Sinks.many().replay().all();

    private final io.netty.handler.ssl.@org.jspecify.annotations.Nullable SslContext tls;
    private final boolean gzip;
    private final AtomicInteger gzipped = new AtomicInteger();
    private final AtomicInteger gzippedRequests = new AtomicInteger();
    /** Models a busy acceptor: the first request on each new connection is handed over this much later. */
    private volatile Duration firstRequestDelay = Duration.ZERO;
    private final AtomicInteger connections = new AtomicInteger();
    /** Connections that carried a request and are still open. */
    private final AtomicInteger open = new AtomicInteger();
    private static final io.netty.util.AttributeKey<Boolean> SERVED = io.netty.util.AttributeKey.valueOf("fake-cm-served");

    private FakeConnectionManager(Handler handler, io.netty.handler.ssl.@org.jspecify.annotations.Nullable SslContext tls,
                                  boolean gzip) {
        this.handler = handler;
        this.tls = tls;
        this.gzip = gzip;
        XmlReader reader = XmlReader.create();
        HttpServer base = HttpServer.create();
        if (tls != null) {
            base = base.secure(spec -> spec.sslContext(tls));
        }
        this.server = base
            // its own (unpooled) buffers: tests measure the client's use of the shared pooled allocator
            .childOption(io.netty.channel.ChannelOption.ALLOCATOR, io.netty.buffer.UnpooledByteBufAllocator.DEFAULT)
            .host("127.0.0.1")
            .port(0)
            .route(routes -> routes.post("/http-bind", (req, res) -> req.receive().aggregate().asByteArray()
                .delayUntil(wire -> {
                    boolean[] fresh = new boolean[1];
                    req.withConnection(c -> {
                        fresh[0] = c.channel().attr(SERVED).setIfAbsent(Boolean.TRUE) == null;
                        if (fresh[0]) {
                            open.incrementAndGet();
                            c.channel().closeFuture().addListener(f -> open.decrementAndGet());
                        }
                    });
                    if (fresh[0]) {
                        connections.incrementAndGet();
                    }
                    return fresh[0] && !firstRequestDelay.isZero() ? Mono.delay(firstRequestDelay) : Mono.empty();
                })
                .flatMap(wire -> {
                    String encoding = req.requestHeaders().get("Content-Encoding");
                    byte[] bytes = wire;
                    if (encoding != null && encoding.equalsIgnoreCase("gzip")) {
                        bytes = gunzip(wire); // like a connection manager that listed gzip in accept
                        gzippedRequests.incrementAndGet();
                    }
                    Received r;
                    synchronized (received) {
                        r = new Received(received.size(), reader.read(bytes), bytes, req.requestHeaders().copy());
                        received.add(r);
                    }
                    int now = inFlight.incrementAndGet();
                    maxInFlight.accumulateAndGet(now, Math::max);
                    Mono<Reply> answer = handler.handle(r); // the handler has seen it before anyone awaiting it wakes up
                    synchronized (arrivals) {
                        arrivals.tryEmitNext(r);
                    }
                    AtomicBoolean done = new AtomicBoolean();
                    Runnable finish = () -> {
                        if (done.compareAndSet(false, true)) {
                            inFlight.decrementAndGet();
                        }
                    };
                    return answer
                        .doOnCancel(finish)
                        .flatMap(reply -> {
                            finish.run();
                            if (reply.dropped()) {
                                return res.withConnection(c -> c.channel().close()).then();
                            }
                            if (reply.status() != 200) {
                                return res.status(reply.status()).send().then();
                            }
                            res.header("Content-Type", "text/xml; charset=utf-8");
                            if (reply.streamed() > 0) {
                                return res.send(streamedBody(reply.streamed())).then();
                            }
                            String accept = req.requestHeaders().get("Accept-Encoding");
                            if (gzip && accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains("gzip")) {
                                gzipped.incrementAndGet();
                                return res.header("Content-Encoding", "gzip")
                                    .sendByteArray(Mono.just(gzip(reply.xml()))).then();
                            }
                            return res.sendString(Mono.just(reply.xml())).then();
                        });
                })))
            .bindNow();
    }

    private static reactor.core.publisher.Flux<io.netty.buffer.ByteBuf> streamedBody(long bytes) {
        byte[] open = "<body xmlns='http://jabber.org/protocol/httpbind'>".getBytes(StandardCharsets.UTF_8);
        byte[] chunk = "<message xmlns='jabber:client'><body>0123456789abcdef</body></message>".repeat(900)
            .getBytes(StandardCharsets.UTF_8);
        long chunks = Math.max(1, bytes / chunk.length);
        return reactor.core.publisher.Flux.concat(
            Mono.fromSupplier(() -> io.netty.buffer.Unpooled.wrappedBuffer(open)),
            reactor.core.publisher.Flux.range(0, (int) Math.min(Integer.MAX_VALUE, chunks))
                .map(i -> io.netty.buffer.Unpooled.wrappedBuffer(chunk)));
    }

    static FakeConnectionManager start(Handler handler) {
        return new FakeConnectionManager(handler, null, false);
    }

    /** @return a connection manager that serves https with this server context */
    static FakeConnectionManager startTls(Handler handler, io.netty.handler.ssl.SslContext tls) {
        return new FakeConnectionManager(handler, tls, false);
    }

    /** @return a connection manager that gzip-compresses its responses when the request accepts gzip */
    static FakeConnectionManager startGzip(Handler handler) {
        return new FakeConnectionManager(handler, null, true);
    }

    private static byte[] gzip(String xml) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(out)) {
            z.write(xml.getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] gunzip(byte[] data) {
        try (java.util.zip.GZIPInputStream z = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(data))) {
            return z.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("request body is not gzip data", e);
        }
    }

    /**
     * @param delay how much later the first request of each new connection is handed to the handler (like a
     *     connection manager whose acceptor is busy), zero for none
     * @return this
     */
    FakeConnectionManager firstRequestDelay(Duration delay) {
        this.firstRequestDelay = delay;
        return this;
    }

    /** @return how many request bodies arrived gzip-compressed (they are decompressed before parsing) */
    int gzippedRequests() {
        return gzippedRequests.get();
    }

    /** @return how many responses were sent gzip-compressed */
    int gzipped() {
        return gzipped.get();
    }

    URI url() {
        return URI.create((tls != null ? "https" : "http") + "://127.0.0.1:" + server.port() + "/http-bind");
    }

    int port() {
        return server.port();
    }

    List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** @return the first request (now or later) that matches */
    Mono<Received> awaitRequest(Predicate<Received> predicate) {
        return arrivals.asFlux().filter(predicate).next();
    }

    /** @return every request, past and future, in arrival order */
    reactor.core.publisher.Flux<Received> requests() {
        return arrivals.asFlux();
    }

    /**
     * Advances a client's virtual clock in steps of 100 ms until a matching request arrives (each step also gives
     * the real I/O a moment: 100 ms per step at most).
     *
     * @return the request
     */
    Received advanceUntilRequest(reactor.test.scheduler.VirtualTimeScheduler time, Predicate<Received> which) {
        for (int i = 0; i < 600; i++) {
            time.advanceTimeBy(Duration.ofMillis(100));
            Received r = awaitRequest(which).timeout(Duration.ofMillis(100), Mono.empty()).block(Duration.ofSeconds(5));
            if (r != null) {
                return r;
            }
        }
        throw new AssertionError("no matching request after 60 s of virtual time");
    }

    /** @return how many connections carried requests */
    int connections() {
        return connections.get();
    }

    /** @return how many connections that carried a request are open now (closed ones are counted off as they close) */
    int openConnections() {
        return open.get();
    }

    /**
     * Waits (polling, at most 10 s of real time: the client closes sockets on its event loops) until exactly
     * {@code expected} connections that carried a request are open.
     *
     * @throws AssertionError naming the last count when it does not happen
     */
    void awaitOpenConnections(int expected) {
        Integer last = reactor.core.publisher.Flux.interval(Duration.ZERO, Duration.ofMillis(20))
            .map(tick -> open.get())
            .filter(n -> n == expected)
            .next()
            .timeout(Duration.ofSeconds(10), Mono.fromSupplier(open::get))
            .block(Duration.ofSeconds(15));
        if (last == null || last != expected) {
            throw new AssertionError("expected " + expected + " open connections, still " + last + " after 10 s");
        }
    }

    int maxInFlight() {
        return maxInFlight.get();
    }

    @Override
    public void close() {
        server.disposeNow(Duration.ofSeconds(5));
    }
}
