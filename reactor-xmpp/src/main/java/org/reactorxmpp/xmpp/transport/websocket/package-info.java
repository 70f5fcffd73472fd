/**
 * The WebSocket transport (RFC 7395): {@link org.reactorxmpp.xmpp.transport.websocket.WebSocketTransport}.
 */
@NullMarked
package org.reactorxmpp.xmpp.transport.websocket;

import org.jspecify.annotations.NullMarked;
