package org.reactorxmpp.xmpp.transport.tcp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.stanza.Stanza;
import org.reactorxmpp.xmpp.stream.Namespaces;
import org.reactorxmpp.xmpp.transport.StreamOpen;
import org.reactorxmpp.xmpp.transport.TransportClosedException;
import org.reactorxmpp.xmpp.transport.TransportConnection;
import org.reactorxmpp.xmpp.transport.TransportDetails;
import org.reactorxmpp.xmpp.transport.TransportException;
import org.reactorxmpp.xmpp.transport.TransportTlsException;
import org.reactorxmpp.xmpp.transport.internal.StreamConnection;
import org.reactorxmpp.xmpp.transport.internal.Tls;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlException;
import org.reactorxmpp.xmpp.xml.XmlStreamParser;
import org.reactorxmpp.xmpp.xml.XmlWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.MonoSink;
import reactor.netty.Connection;

/**
 * One RFC 6120 stream over TCP. Before handing itself out it runs TLS: direct TLS from the first byte, or
 * STARTTLS after the first features ({@code <starttls/>}, {@code <proceed/>}, the handshake in place, a new
 * stream); the features the session sees are those of the (protected) stream after that.
 */
final class TcpConnection extends StreamConnection implements XmlStreamParser.Handler {

    private static final Logger LOG = LoggerFactory.getLogger(TcpConnection.class);
    private static final String TLS_HANDLER = "xmpp-tls";
    private static final byte[] CLOSE = "</stream:stream>".getBytes(StandardCharsets.UTF_8);

    private final TcpTransport.Settings settings;
    private final StreamOpen open;
    private final @Nullable SslContext tls;
    private final XmlStreamParser parser;
    private volatile boolean secure;
    /** Confined to the event loop: the first features are being waited for (and STARTTLS may follow). */
    private boolean awaitingProceed;

    TcpConnection(TcpTransport.Settings settings, StreamOpen open, @Nullable SslContext tls,
                  MonoSink<TransportConnection> sink) {
        super(settings.socket().outboundCapacity(), settings.socket().inboundCapacity(),
            settings.socket().closeTimeout(), sink);
        this.settings = settings;
        this.open = open;
        this.tls = tls;
        this.parser = XmlStreamParser.create(settings.socket().xmlLimits());
    }

    private String serverName() {
        String name = settings.serverName();
        return name != null ? name : open.to();
    }

    /** Before connecting: direct TLS starts with the channel. */
    void init(Channel channel) {
        if (settings.security() == TcpTransport.Security.DIRECT_TLS && tls != null) {
            channel.pipeline().addFirst(TLS_HANDLER, Tls.handler(tls, channel.alloc(), serverName(), settings.port()));
        }
    }

    /** Connected: reads the stream, opens it (after the direct TLS handshake). On the event loop. */
    void start(Connection connection) {
        Channel channel = connection.channel();
        attach(channel);
        connection.inbound().receive().subscribe(this::read, error -> onLoop(() -> fail(readFailure(error))));
        SslHandler direct = (SslHandler) channel.pipeline().get(TLS_HANDLER);
        if (direct == null) {
            open();
            return;
        }
        direct.handshakeFuture().addListener(f -> onLoop(() -> {
            if (f.isSuccess()) {
                secure = true;
                open();
            } else {
                fail(Tls.map(f.cause(), serverName()));
            }
        }));
    }

    /** The connect subscriber cancelled before the stream was open. */
    void abort() {
        onLoop(() -> {
            if (state() == State.OPENING) {
                fail(new TransportClosedException("connect cancelled", null));
            }
            Channel ch = channel();
            if (ch != null) {
                ch.close();
            }
        });
    }

    private void read(ByteBuf bytes) {
        if (state() == State.CLOSED) {
            return;
        }
        try {
            parser.feed(bytes.nioBuffer(), this);
        } catch (XmlException e) {
            fail(new TransportException("the server sent XML that cannot be accepted: " + e.getMessage(), false, e));
        }
    }

    private TransportException readFailure(Throwable error) {
        if (Tls.isTls(error)) {
            return Tls.map(error, serverName());
        }
        return new TransportException("reading from the server failed: " + error, true, error);
    }

    // ------------------------------------------------------------------ parser events (event loop)

    @Override
    public void streamOpened(XmlElement header) {
        LOG.trace("stream opened: {}", header);
    }

    @Override
    public void element(XmlElement element) {
        if (state() != State.OPENING || element.is(Namespaces.STREAMS, "error")) {
            deliver(element);
            return;
        }
        if (awaitingProceed) {
            awaitingProceed = false;
            if (element.is(Namespaces.TLS, "proceed")) {
                startTls();
            } else {
                fail(new TransportTlsException(TransportTlsException.Reason.REFUSED_BY_SERVER,
                    "the server answered STARTTLS with " + element.localName(), null));
            }
            return;
        }
        if (!element.is(Namespaces.STREAMS, "features")) {
            deliver(element);
            return;
        }
        XmlElement starttls = element.element(Namespaces.TLS, "starttls");
        TcpTransport.Security security = settings.security();
        if (secure || security == TcpTransport.Security.DIRECT_TLS) {
            ready(element);
        } else if (starttls != null && security != TcpTransport.Security.NONE) {
            awaitingProceed = true;
            send(XmlElement.empty(Namespaces.TLS, "starttls")).subscribe(null, e -> onLoop(() -> fail(e)));
        } else if (starttls != null && starttls.element(Namespaces.TLS, "required") != null) {
            fail(new TransportTlsException(TransportTlsException.Reason.REQUIRED_BY_SERVER,
                "the server requires STARTTLS, but this transport is configured without TLS", null));
        } else if (security == TcpTransport.Security.STARTTLS_REQUIRED) {
            fail(new TransportTlsException(TransportTlsException.Reason.NOT_OFFERED,
                "TLS is required, but " + settings.host() + " does not offer STARTTLS", null));
        } else {
            ready(element);
        }
    }

    private void ready(XmlElement features) {
        opened();
        deliver(features);
    }

    private void startTls() {
        Channel ch = channel();
        SslContext context = tls;
        if (ch == null || context == null) {
            fail(new TransportTlsException(TransportTlsException.Reason.HANDSHAKE_FAILED, "no TLS context", null));
            return;
        }
        SslHandler handler = Tls.handler(context, ch.alloc(), serverName(), settings.port());
        ch.pipeline().addFirst(TLS_HANDLER, handler);
        handler.handshakeFuture().addListener(f -> onLoop(() -> {
            if (f.isSuccess()) {
                secure = true;
                LOG.debug("STARTTLS with {} done: {}", serverName(), handler.engine().getSession().getProtocol());
                open();
            } else {
                fail(Tls.map(f.cause(), serverName()));
            }
        }));
    }

    @Override
    public void streamClosed() {
        remoteClosed();
    }

    // ------------------------------------------------------------------ framing

    @Override
    protected byte[] encode(XmlElement element) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        XmlWriter.write(element, Stanza.NAMESPACE, out);
        return out.toByteArray();
    }

    @Override
    protected byte[] openMarker() {
        StringBuilder b = new StringBuilder(256).append("<?xml version='1.0'?><stream:stream xmlns='")
            .append(Stanza.NAMESPACE).append("' xmlns:stream='").append(Namespaces.STREAMS)
            .append("' version='1.0' to='").append(escape(open.to())).append('\'');
        // RFC 6120 section 4.7.1: the account only once the stream is protected
        open.from().filter(from -> secure).ifPresent(from -> b.append(" from='").append(escape(from)).append('\''));
        open.lang().ifPresent(lang -> b.append(" xml:lang='").append(escape(lang)).append('\''));
        return b.append('>').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String escape(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace("'", "&apos;").replace("\"", "&quot;");
    }

    @Override
    protected byte[] closeMarker() {
        return CLOSE;
    }

    @Override
    protected Object frame(byte[] bytes) {
        return Unpooled.wrappedBuffer(bytes);
    }

    /** A byte stream: the elements queued together go out as one buffer, one write and one flush. */
    @Override
    protected boolean mergesWrites() {
        return true;
    }

    @Override
    protected void beforeOpen() {
        parser.restart();
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public TransportDetails details() {
        return TransportDetails.of(TransportDetails.Kind.TCP, settings.uri(), null, secure);
    }
}
