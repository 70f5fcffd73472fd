/**
 * The TCP transport (RFC 6120): {@link org.reactorxmpp.xmpp.transport.tcp.TcpTransport}, with STARTTLS, direct
 * TLS (XEP-0368) and an incremental, non-blocking stream parser.
 */
@NullMarked
package org.reactorxmpp.xmpp.transport.tcp;

import org.jspecify.annotations.NullMarked;
