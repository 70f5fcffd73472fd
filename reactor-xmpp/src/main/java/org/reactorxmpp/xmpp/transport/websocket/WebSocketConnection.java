package org.reactorxmpp.xmpp.transport.websocket;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.reactorxmpp.xmpp.transport.StreamOpen;
import org.reactorxmpp.xmpp.transport.TransportConnection;
import org.reactorxmpp.xmpp.transport.TransportDetails;
import org.reactorxmpp.xmpp.transport.TransportException;
import org.reactorxmpp.xmpp.transport.internal.StreamConnection;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlException;
import org.reactorxmpp.xmpp.xml.XmlName;
import org.reactorxmpp.xmpp.xml.XmlStreamParser;
import org.reactorxmpp.xmpp.xml.XmlWriter;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;

/**
 * One RFC 7395 stream over a WebSocket: {@code <open/>} and {@code <close/>} in the framing namespace, one
 * element per text message, every stanza with its {@code xmlns='jabber:client'} (there is no stream element to
 * inherit it from; Prosody ends the session for a stanza without it). The messages are parsed by one incremental
 * reader per connection ({@link XmlStreamParser#forMessages}), not by a new document parser per message.
 */
final class WebSocketConnection extends StreamConnection {

    /** RFC 7395 section 3.3.1. */
    static final String FRAMING = "urn:ietf:params:xml:ns:xmpp-framing";
    private static final byte[] CLOSE = ("<close xmlns='" + FRAMING + "'/>").getBytes(StandardCharsets.UTF_8);

    private final WebSocketTransport.Settings settings;
    private final StreamOpen open;
    /** One incremental reader for all the messages of this connection; confined to its event loop. */
    private final XmlStreamParser parser;
    private volatile WebsocketOutbound outbound;

    WebSocketConnection(WebSocketTransport.Settings settings, StreamOpen open, MonoSink<TransportConnection> sink) {
        super(settings.socket().outboundCapacity(), settings.socket().inboundCapacity(),
            settings.socket().closeTimeout(), sink);
        this.settings = settings;
        this.open = open;
        this.parser = XmlStreamParser.forMessages(settings.socket().xmlLimits());
    }

    /**
     * The upgrade succeeded: reads one element per frame, opens the stream. Returns what keeps the WebSocket open:
     * until the server's frames end.
     */
    Mono<Void> run(WebsocketInbound in, WebsocketOutbound out) {
        outbound = out;
        in.withConnection(c -> onLoop(() -> {
            attach(c.channel());
            open();
        }));
        return in.aggregateFrames(Math.toIntExact(Math.min(Integer.MAX_VALUE, settings.socket().xmlLimits().maxDocumentSize())))
            .receiveFrames()
            .doOnNext(this::read)
            .doOnError(error -> onLoop(() -> fail(new TransportException("reading from the server failed: " + error,
                true, error))))
            .then();
    }

    private void read(WebSocketFrame frame) {
        if (!(frame instanceof TextWebSocketFrame) || state() == State.CLOSED) {
            return;
        }
        XmlElement element;
        try {
            element = parser.readMessage(frame.content().nioBuffer());
        } catch (XmlException e) {
            fail(new TransportException("the server sent XML that cannot be accepted: " + e.getMessage(), false, e));
            return;
        }
        if (element.is(FRAMING, "open")) {
            opened();
        } else if (element.is(FRAMING, "close")) {
            remoteClosed();
        } else {
            deliver(element);
        }
    }

    @Override
    protected byte[] encode(XmlElement element) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        // as the child of nothing: every top-level element carries its namespace (jabber:client for stanzas)
        XmlWriter.write(element, "", out);
        return out.toByteArray();
    }

    @Override
    protected byte[] openMarker() {
        XmlElement.Builder b = XmlElement.builder(FRAMING, "open").attribute("to", open.to()).attribute("version", "1.0");
        open.from().filter(from -> isSecure()).ifPresent(from -> b.attribute("from", from));
        open.lang().ifPresent(lang -> b.attribute(XmlName.XML_LANG, lang));
        return XmlWriter.toBytes(b.build());
    }

    @Override
    protected byte[] closeMarker() {
        return CLOSE;
    }

    @Override
    protected Object frame(byte[] bytes) {
        return new TextWebSocketFrame(Unpooled.wrappedBuffer(bytes));
    }

    @Override
    protected void terminate(Channel ch) {
        WebsocketOutbound out = outbound;
        if (out == null || !ch.isActive()) {
            ch.close();
            return;
        }
        // the close frame after <close/> (RFC 7395 section 3.6); Reactor Netty closes the socket once answered
        out.sendClose(1000, "").subscribe(null, e -> ch.close());
    }

    @Override
    public boolean isSecure() {
        return settings.secure();
    }

    @Override
    public TransportDetails details() {
        return TransportDetails.of(TransportDetails.Kind.WEBSOCKET, settings.url(), null, isSecure());
    }

    /** The upgrade, or the WebSocket under an open stream, failed. */
    void failed(Throwable error) {
        onLoop(() -> fail(error));
    }

    /** The connect subscriber cancelled: ends an attempt that has not opened yet. */
    void abort() {
        onLoop(() -> {
            if (state() == State.OPENING) {
                fail(new org.reactorxmpp.xmpp.transport.TransportClosedException("connect cancelled", null));
            }
        });
    }
}
