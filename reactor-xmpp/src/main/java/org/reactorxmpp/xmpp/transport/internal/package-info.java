/**
 * What the socket transports (TCP, WebSocket) share: the connection life cycle on a Reactor Netty channel (outbound
 * queue, bounded inbound buffer, close handshake, failure), and TLS set-up and error mapping. Not API.
 */
@NullMarked
package org.reactorxmpp.xmpp.transport.internal;

import org.jspecify.annotations.NullMarked;
