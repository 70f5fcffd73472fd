/**
 * Stream management (XEP-0198): acknowledgements of stanzas in both directions and resumption of a
 * session after its connection was lost, over any transport (BOSH, WebSocket, TCP). Off by default;
 * enabled per client with {@link org.reactorxmpp.xmpp.session.XmppClient.Builder#streamManagement}.
 *
 * <pre>{@code
 * XmppClient client = XmppClient.builder()...
 *     .reconnect(Reconnect.backoff(Duration.ofSeconds(30)))
 *     .streamManagement(StreamManagement.enabled())
 *     .build();
 * client.connect().flatMap(session -> session.sendAcked(message)).subscribe();   // completes when acked
 * }</pre>
 */
@NullMarked
package org.reactorxmpp.xmpp.sm;

import org.jspecify.annotations.NullMarked;
