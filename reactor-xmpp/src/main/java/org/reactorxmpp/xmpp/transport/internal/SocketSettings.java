package org.reactorxmpp.xmpp.transport.internal;

import java.time.Duration;

import io.netty.handler.ssl.SslContext;
import org.reactorxmpp.xmpp.xml.XmlLimits;
import reactor.core.publisher.Mono;

/**
 * What the TCP and WebSocket transports share in their settings.
 *
 * @param outboundCapacity most elements accepted and not yet written
 * @param inboundCapacity most inbound elements buffered
 * @param xmlLimits limits for parsing
 * @param connectTimeout how long opening the socket may take
 * @param closeTimeout how long close waits for the server's closing marker
 * @param tls the client TLS context, built on first use (lazy, cached)
 */
public record SocketSettings(int outboundCapacity, int inboundCapacity, XmlLimits xmlLimits, Duration connectTimeout,
                             Duration closeTimeout, Mono<SslContext> tls) {
}
