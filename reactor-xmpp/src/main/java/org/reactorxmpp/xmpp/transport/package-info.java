/**
 * The transport SPI: how an XMPP session reaches a server (BOSH, WebSocket, TCP).
 *
 * <p>A {@link org.reactorxmpp.xmpp.transport.Transport} opens an XMPP stream and hands back a
 * {@link org.reactorxmpp.xmpp.transport.TransportConnection}, which carries top-level stream
 * elements both ways and hides everything transport-specific (HTTP requests, framing, rids).
 */
@NullMarked
package org.reactorxmpp.xmpp.transport;

import org.jspecify.annotations.NullMarked;
