package org.reactorxmpp.benchmarks.load;

import java.io.IOException;
import java.net.URI;
import java.util.List;

/**
 * The byte level under a {@link RawStreamClient}: a plain TCP socket carrying one RFC 6120 stream,
 * or a WebSocket carrying RFC 7395 framed elements. Blocking, one reader thread and one writer
 * thread at a time.
 */
interface StreamLink extends AutoCloseable {

    static StreamLink tcp(String host, int port) {
        return new TcpLink(host, port);
    }

    static StreamLink websocket(URI url) {
        return new WebSocketLink(url);
    }

    /** Opens the connection (and, for WebSocket, completes the upgrade). */
    void connect() throws IOException;

    /** @return the text that opens a stream to {@code domain}, also after SASL success */
    String streamHeader(String domain);

    /** @return the text that closes the stream */
    String streamClose();

    /** Writes the elements in order, in as few writes as the framing allows. */
    void write(List<String> elements) throws IOException;

    /** @return the next received text (a chunk of the stream, or one WebSocket message); blocks */
    String read() throws IOException;

    @Override
    void close();
}
