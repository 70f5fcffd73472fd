package org.reactorxmpp.bosh.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.bosh.BoshTransport;
import org.reactorxmpp.xmpp.xml.XmlElement;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A request slot's pool lives as long as its connection, and Reactor Netty's pool keeps the configuration of the
 * request that opened the connection: once an exchange is over, its bytes and its written callback (which reaches
 * the session's exchange and whoever waited for it) must not stay reachable through the slot's open connection.
 */
class BoshRequestReleaseTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Test
    void anAnsweredRequestIsNotKeptByItsSlotsOpenConnection() throws Exception {
        DisposableServer server = HttpServer.create().host("127.0.0.1").port(0)
            .route(r -> r.post("/http-bind", (req, res) -> req.receive().then()
                .then(res.header("Content-Type", "text/xml; charset=utf-8")
                    .sendString(Mono.just("<body xmlns='http://jabber.org/protocol/httpbind'/>")).then())))
            .bindNow();
        BoshHttp http = null;
        try {
            BoshTransport transport = BoshTransport.builder()
                .url(URI.create("http://127.0.0.1:" + server.port() + "/http-bind")).build();
            java.lang.reflect.Field f = BoshTransport.class.getDeclaredField("settings");
            f.setAccessible(true);
            http = new BoshHttp(BoshHttp.sharedClient(), (BoshSettings) f.get(transport)).forSession();

            AtomicInteger writes = new AtomicInteger();
            Runnable written = writes::incrementAndGet; // captures: a new instance, collectable
            byte[] body = "<body rid='1' xmlns='http://jabber.org/protocol/httpbind'/>".getBytes(StandardCharsets.UTF_8);
            WeakReference<Runnable> callback = new WeakReference<>(written);
            WeakReference<byte[]> bytes = new WeakReference<>(body);
            XmlElement answer = http.post(0, body, false, TIMEOUT, written).block(TIMEOUT);
            assertThat(answer.is(BoshBodies.HTTPBIND_NS, "body")).isTrue();
            assertThat(writes.get()).isEqualTo(1);
            written = null;
            body = null;

            assertThat(http.isOpen(0)).as("the slot keeps its keep-alive connection").isTrue();
            assertThat(collected(callback) && collected(bytes))
                .as("the answered request's callback and bytes are collectable while its slot's connection is open")
                .isTrue();
        } finally {
            if (http != null) {
                http.release();
            }
            server.disposeNow(TIMEOUT);
        }
    }

    /** Asks for collections until the referent is gone, at most 50 times. */
    private static boolean collected(WeakReference<?> ref) throws InterruptedException {
        for (int i = 0; i < 50 && ref.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        return ref.get() == null;
    }
}
