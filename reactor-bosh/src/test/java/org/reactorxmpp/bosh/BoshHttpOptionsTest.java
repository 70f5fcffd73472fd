package org.reactorxmpp.bosh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reactorxmpp.xmpp.transport.StreamOpen;
import org.reactorxmpp.xmpp.transport.TransportConnection;
import org.reactorxmpp.xmpp.xml.XmlElement;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** HTTP-level options: custom headers, gzip, TLS verification and trust, HTTP proxy, delivery scheduler. */
class BoshHttpOptionsTest {

    static final Duration TIMEOUT = Duration.ofSeconds(20);
    static final String STREAMS = "http://etherx.jabber.org/streams";
    static final char[] PASSWORD = "changeit".toCharArray();

    private FakeConnectionManager cm;

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        if (cm != null) {
            cm.close();
        }
    }

    private static BoshTransport.Builder transport(FakeConnectionManager cm) {
        return BoshTransport.builder().url(cm.url()).retryBackoff(Duration.ofMillis(10), Duration.ofMillis(50));
    }

    private static TransportConnection connect(BoshTransport transport) {
        return transport.connect(StreamOpen.to("localhost")).block(TIMEOUT);
    }

    /** Connects, checks that the features arrive, that a message gets through and that the session terminates. */
    private static void exchange(TransportConnection c, ProsodyLikeHandler server) {
        assertThat(c.inbound().next().block(TIMEOUT).is(STREAMS, "features")).isTrue();
        StepVerifier.create(c.inbound().filter(e -> "m1".equals(e.attribute("id"))).next())
            .then(() -> c.send(BoshTransportTest.message("m1")).subscribe())
            .assertNext(e -> assertThat(e).isEqualTo(BoshTransportTest.message("m1")))
            .expectComplete()
            .verify(TIMEOUT);
        StepVerifier.create(c.close(null)).expectComplete().verify(TIMEOUT);
        assertThat(server.delivered()).containsExactly(BoshTransportTest.message("m1"));
    }

    @Test
    void customHeadersAreSentWithEveryRequest() {
        ProsodyLikeHandler server = new ProsodyLikeHandler();
        server.echo = true;
        cm = FakeConnectionManager.start(server);
        exchange(connect(transport(cm).header("X-Tenant", "acme").header("Authorization", "Bearer t0k3n").build()), server);
        assertThat(cm.received()).hasSizeGreaterThan(2).allSatisfy(r -> {
            assertThat(r.headers().get("X-Tenant")).isEqualTo("acme");
            assertThat(r.headers().get("Authorization")).isEqualTo("Bearer t0k3n");
            assertThat(r.headers().get("Content-Type")).isEqualTo("text/xml; charset=utf-8");
        });
    }

    @Test
    void aNegativeRequestOrderGuardIsRefusedAndZeroIsAllowed() {
        assertThatThrownBy(() -> BoshTransport.builder().url(java.net.URI.create("http://example.com/b"))
            .requestOrderGuard(Duration.ofMillis(-1)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("requestOrderGuard");
        assertThat(BoshTransport.builder().url(java.net.URI.create("http://example.com/b"))
            .requestOrderGuard(Duration.ZERO).build()).isNotNull();
    }

    @Test
    void anIdleConnectionTimeoutThatIsNotPositiveIsRefusedWithItsName() {
        java.net.URI url = java.net.URI.create("http://example.com/b");
        for (Duration bad : List.of(Duration.ZERO, Duration.ofSeconds(-1), Duration.ofNanos(-1))) {
            assertThatThrownBy(() -> BoshTransport.builder().url(url).idleConnectionTimeout(bad))
                .as("idleConnectionTimeout(%s)", bad)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("idleConnectionTimeout must be positive")
                .hasMessageContaining(bad.toString());
        }
        assertThatThrownBy(() -> BoshTransport.builder().url(url).idleConnectionTimeout(null))
            .isInstanceOf(NullPointerException.class).hasMessageContaining("idleConnectionTimeout");
        assertThatThrownBy(() -> new org.reactorxmpp.bosh.internal.HttpOptions(java.util.Map.of(), false, null, 0, null,
            null, null, Duration.ZERO))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("idleConnectionTimeout");
        assertThat(org.reactorxmpp.bosh.internal.HttpOptions.NONE.idleConnectionTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(BoshTransport.builder().url(url).idleConnectionTimeout(Duration.ofNanos(1)).build()).isNotNull();
        assertThat(BoshTransport.builder().url(url).idleConnectionTimeout(Duration.ofDays(365_000)).build()).isNotNull();
    }

    @Test
    void headersTheTransportOwnsOrWithLineBreaksAreRefused() {
        assertThatThrownBy(() -> BoshTransport.builder().url(java.net.URI.create("http://example.com/b"))
            .header("Content-Type", "text/plain").build())
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Content-Type");
        assertThatThrownBy(() -> BoshTransport.builder().url(java.net.URI.create("http://example.com/b"))
            .header("X-A", "a\r\nX-Injected: 1").build())
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line break");
    }

    @Test
    void gzipResponsesAreDecompressedWhenCompressionIsOn() {
        ProsodyLikeHandler server = new ProsodyLikeHandler();
        server.echo = true;
        cm = FakeConnectionManager.startGzip(server);
        exchange(connect(transport(cm).compress(true).build()), server);
        assertThat(cm.received()).allSatisfy(r -> assertThat(r.headers().get("Accept-Encoding")).contains("gzip"));
        assertThat(cm.gzipped()).isGreaterThanOrEqualTo(cm.received().size() - 1); // a lost race may leave one unsent
        assertThat(cm.gzipped()).isPositive();
    }

    @Test
    void withoutCompressionNothingIsAskedOrCompressed() {
        ProsodyLikeHandler server = new ProsodyLikeHandler();
        server.echo = true;
        cm = FakeConnectionManager.startGzip(server);
        exchange(connect(transport(cm).build()), server);
        assertThat(cm.received()).allSatisfy(r -> assertThat(r.headers().get("Accept-Encoding")).isNull());
        assertThat(cm.gzipped()).isZero();
    }

    @Test
    void requestBodiesAreGzippedWhenTheConnectionManagerAcceptsGzip() {
        ProsodyLikeHandler server = new ProsodyLikeHandler();
        server.echo = true;
        server.extraCreationAttributes = "accept='deflate,gzip'";
        cm = FakeConnectionManager.start(server);
        exchange(connect(transport(cm).compress(true).build()), server);
        List<FakeConnectionManager.Received> received = cm.received();
        // never the creation request (accept is not known yet); every later one
        assertThat(received.get(0).headers().get("Content-Encoding")).isNull();
        assertThat(received.subList(1, received.size())).isNotEmpty()
            .allSatisfy(r -> assertThat(r.headers().get("Content-Encoding")).isEqualTo("gzip"));
        assertThat(cm.gzippedRequests()).isEqualTo(received.size() - 1);
    }

    @Test
    void requestBodiesAreNotCompressedWhenTheConnectionManagerDidNotListGzip() {
        ProsodyLikeHandler server = new ProsodyLikeHandler();
        server.echo = true;
        server.extraCreationAttributes = "accept='deflate'";
        cm = FakeConnectionManager.start(server);
        exchange(connect(transport(cm).compress(true).build()), server);
        assertThat(cm.received()).allSatisfy(r -> assertThat(r.headers().get("Content-Encoding")).isNull());
        assertThat(cm.gzippedRequests()).isZero();
    }

    @Test
    void requestBodiesAreNotCompressedWithoutCompressionEvenIfAccepted() {
        ProsodyLikeHandler server = new ProsodyLikeHandler();
        server.echo = true;
        server.extraCreationAttributes = "accept='gzip'";
        cm = FakeConnectionManager.start(server);
        exchange(connect(transport(cm).build()), server);
        assertThat(cm.gzippedRequests()).isZero();
    }

    @Test
    void bodiesStayUtf8WhateverCharsetsTheConnectionManagerOffers() {
        ProsodyLikeHandler server = new ProsodyLikeHandler();
        server.extraCreationAttributes = "charsets='ISO_8859-1 ISO-2022-JP'";
        cm = FakeConnectionManager.start(server);
        TransportConnection c = connect(transport(cm).build());
        XmlElement m = XmlElement.builder("jabber:client", "message").attribute("id", "u1")
            .textChild("jabber:client", "body", "h\u00e9 \u65e5\u672c \ud83d\ude00").build();
        StepVerifier.create(c.send(m)).expectComplete().verify(TIMEOUT);
        FakeConnectionManager.Received r = cm.awaitRequest(x -> x.carries("u1")).block(TIMEOUT);
        assertThat(r.headers().get("Content-Type")).isEqualTo("text/xml; charset=utf-8");
        assertThat(r.text()).contains("h\u00e9 \u65e5\u672c \ud83d\ude00"); // the raw bytes decode as UTF-8
        assertThat(r.raw()).containsSequence("\u65e5".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        StepVerifier.create(c.close(null)).expectComplete().verify(TIMEOUT);
        assertThat(server.delivered()).containsExactly(m);
    }

    // ------------------------------------------------------------------ TLS

    /** A key pair and self-signed certificate made by the JDK's keytool, with these subject alternative names. */
    private KeyStore selfSigned(String name, String san) throws Exception {
        Path store = dir.resolve(name + ".p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
            "-genkeypair", "-alias", "cm", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
            "-ext", "SAN=" + san, "-validity", "2", "-keystore", store.toString(), "-storetype", "PKCS12",
            "-storepass", "changeit", "-keypass", "changeit")
            .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, PASSWORD);
        }
        return ks;
    }

    private static SslContext serverContext(KeyStore ks) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD);
        return SslContextBuilder.forServer(kmf).build();
    }

    private static TrustManagerFactory trusting(KeyStore ks) throws Exception {
        Certificate cert = ks.getCertificate("cm");
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("cm", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        return tmf;
    }

    private static void assertTlsFailure(Throwable e) {
        assertThat(e).isInstanceOf(BoshException.class);
        BoshException b = (BoshException) e;
        assertThat(b.condition()).isEqualTo(BoshCondition.TLS_FAILURE);
        assertThat(b.isTransient()).isFalse();
        assertThat(b.getMessage()).contains("certificate").contains("127.0.0.1");
    }

    @Test
    void aSelfSignedCertificateIsRejectedByDefault() throws Exception {
        KeyStore ks = selfSigned("localhost", "ip:127.0.0.1,dns:localhost");
        ProsodyLikeHandler server = new ProsodyLikeHandler();
        cm = FakeConnectionManager.startTls(server, serverContext(ks));
        assertThat(cm.url().getScheme()).isEqualTo("https");
        StepVerifier.create(transport(cm).build().connect(StreamOpen.to("localhost")))
            .expectErrorSatisfies(BoshHttpOptionsTest::assertTlsFailure)
            .verify(TIMEOUT);
        assertThat(cm.received()).isEmpty(); // not retried, nothing got through
    }

    @Test
    void aSelfSignedCertificateIsAcceptedWithATrustManagerThatTrustsIt() throws Exception {
        KeyStore ks = selfSigned("localhost", "ip:127.0.0.1,dns:localhost");
        ProsodyLikeHandler server = new ProsodyLikeHandler();
        server.echo = true;
        cm = FakeConnectionManager.startTls(server, serverContext(ks));
        TransportConnection c = connect(transport(cm).trustManager(trusting(ks)).build());
        assertThat(c.isSecure()).isTrue();
        exchange(c, server);
    }

    @Test
    void aTrustedCertificateForAnotherHostNameIsRejected() throws Exception {
        KeyStore ks = selfSigned("other", "dns:other.example");
        cm = FakeConnectionManager.startTls(new ProsodyLikeHandler(), serverContext(ks));
        StepVerifier.create(transport(cm).trustManager(trusting(ks)).build().connect(StreamOpen.to("localhost")))
            .expectErrorSatisfies(BoshHttpOptionsTest::assertTlsFailure)
            .verify(TIMEOUT);
    }

    @Test
    void aClientSslContextIsUsedAsGiven() throws Exception {
        KeyStore ks = selfSigned("localhost", "ip:127.0.0.1,dns:localhost");
        ProsodyLikeHandler server = new ProsodyLikeHandler();
        server.echo = true;
        cm = FakeConnectionManager.startTls(server, serverContext(ks));
        SslContext client = SslContextBuilder.forClient().trustManager(trusting(ks)).build();
        exchange(connect(transport(cm).sslContext(client).build()), server);
    }

    // ------------------------------------------------------------------ proxy, scheduler

    @Test
    void requestsGoThroughTheHttpProxy() throws Exception {
        ProsodyLikeHandler server = new ProsodyLikeHandler();
        server.echo = true;
        cm = FakeConnectionManager.start(server);
        try (TinyConnectProxy proxy = new TinyConnectProxy()) {
            exchange(connect(transport(cm).proxy("127.0.0.1", proxy.port()).build()), server);
            List<String> lines = proxy.requestLines();
            assertThat(lines).isNotEmpty().allSatisfy(l -> assertThat(l).startsWith("CONNECT 127.0.0.1:" + cm.port() + " "));
        }
    }

    @Test
    void inboundElementsArriveOnTheDeliveryScheduler() {
        ProsodyLikeHandler server = new ProsodyLikeHandler();
        server.echo = true;
        cm = FakeConnectionManager.start(server);
        Scheduler delivery = Schedulers.newSingle("bosh-delivery");
        try {
            TransportConnection c = connect(transport(cm).deliveryScheduler(delivery).build());
            AtomicReference<String> thread = new AtomicReference<>();
            XmlElement features = c.inbound().doOnNext(e -> thread.set(Thread.currentThread().getName())).next().block(TIMEOUT);
            assertThat(features.is(STREAMS, "features")).isTrue();
            assertThat(thread.get()).startsWith("bosh-delivery");
            StepVerifier.create(c.inbound().filter(e -> "m1".equals(e.attribute("id"))).next()
                    .map(e -> Thread.currentThread().getName()))
                .then(() -> c.send(BoshTransportTest.message("m1")).subscribe())
                .assertNext(name -> assertThat(name).startsWith("bosh-delivery"))
                .expectComplete()
                .verify(TIMEOUT);
            StepVerifier.create(c.close(null)).expectComplete().verify(TIMEOUT);
        } finally {
            delivery.dispose();
        }
    }
}
