package org.reactorxmpp.samples.portal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * One browser's WebSocket, seen from the portal: JSON events out (from any thread, serialised here),
 * JSON commands in. Events queue without bound per browser (a page that stops reading is closed by its
 * socket, which completes the channel).
 */
final class Channel {

    static final ObjectMapper JSON = new ObjectMapper();

    private final Sinks.Many<String> out = Sinks.many().unicast().onBackpressureBuffer();

    /** @param type the event type @return a new event object with its {@code type} set */
    static ObjectNode event(String type) {
        return JSON.createObjectNode().put("type", type);
    }

    /**
     * @param text a command frame from the browser
     * @return the parsed command (an empty object when it is not JSON)
     */
    static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return JSON.createObjectNode();
        }
    }

    /** @param event the event for the browser; dropped when the page has gone */
    void send(ObjectNode event) {
        String text = event.toString();
        synchronized (out) {
            out.tryEmitNext(text);
        }
    }

    /** @return the frames for the socket */
    Flux<String> outbound() {
        return out.asFlux();
    }

    /** Ends the outbound frames. */
    void close() {
        synchronized (out) {
            out.tryEmitComplete();
        }
    }
}
