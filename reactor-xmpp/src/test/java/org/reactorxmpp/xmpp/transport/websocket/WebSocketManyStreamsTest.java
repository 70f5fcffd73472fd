package org.reactorxmpp.xmpp.transport.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactorxmpp.xmpp.transport.StreamOpen;
import org.reactorxmpp.xmpp.transport.TransportConnection;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.WebsocketServerSpec;

/**
 * Many WebSocket streams to one host open together: more than Reactor Netty's default pool size per host (500),
 * each keeping its connection for its whole life. (The benchmark's 1,000 WebSocket logins against Prosody stopped
 * at exactly 500 open streams; this client-side test passes with and without a pooled client, so that limit is
 * not the client's pool: still to be found on the server side.) A scripted server answers each {@code <open/>}.
 */
class WebSocketManyStreamsTest {

    private static final String OPEN = "<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' from='localhost'"
        + " id='s' version='1.0'/>";

    private DisposableServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.disposeNow(Duration.ofSeconds(10));
        }
    }

    @Test
    void sixHundredStreamsToOneHostAllOpen() {
        server = HttpServer.create().host("127.0.0.1").port(0)
            .route(routes -> routes.ws("/xmpp-websocket",
                (in, out) -> out.sendString(in.receive().asString().take(1).map(first -> OPEN)).then()
                    .then(Mono.never()),
                WebsocketServerSpec.builder().protocols(WebSocketTransport.SUBPROTOCOL).build()))
            .bindNow();
        WebSocketTransport transport = WebSocketTransport.builder()
            .url(URI.create("ws://127.0.0.1:" + server.port() + "/xmpp-websocket")).build();

        List<TransportConnection> open = Flux.range(0, 600)
            .flatMap(i -> transport.connect(StreamOpen.to("localhost")), 600)
            .collectList()
            .block(Duration.ofSeconds(60));

        assertThat(open).hasSize(600);
        Flux.fromIterable(open).flatMap(c -> c.close(null).onErrorResume(e -> Mono.empty()), 64)
            .then().block(Duration.ofSeconds(30));
    }
}
