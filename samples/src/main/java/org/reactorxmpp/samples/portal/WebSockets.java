package org.reactorxmpp.samples.portal;

import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;

/** The one way both pages talk to the portal: JSON commands in, JSON events out, one socket each. */
final class WebSockets {

    private WebSockets() {
    }

    /**
     * @param in the socket's inbound side
     * @param out the socket's outbound side
     * @param channel the events for the page
     * @param commands handles one command (in arrival order)
     * @param closed runs once when the page goes
     * @return the socket's life
     */
    static Publisher<Void> relay(WebsocketInbound in, WebsocketOutbound out, Channel channel,
            Function<JsonNode, Mono<Void>> commands, Runnable closed) {
        Mono<Void> reading = in.aggregateFrames().receive().asString()
            .map(Channel::parse)
            .concatMap(command -> commands.apply(command).onErrorResume(e -> {
                channel.send(Channel.event("error").put("text", String.valueOf(e.getMessage())));
                return Mono.empty();
            }))
            .then()
            .doFinally(signal -> {
                closed.run();
                channel.close();
            });
        return Mono.when(reading, out.sendString(channel.outbound()).then());
    }
}
