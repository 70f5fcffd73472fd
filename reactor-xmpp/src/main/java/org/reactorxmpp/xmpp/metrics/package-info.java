/**
 * Micrometer metrics of sessions and transports: {@link org.reactorxmpp.xmpp.metrics.XmppMetrics}, enabled with one
 * builder call ({@code XmppClient.builder().observer(XmppMetrics.of(registry))}). Needs
 * {@code io.micrometer:micrometer-core} on the class path (an optional dependency of reactor-xmpp).
 */
@NullMarked
package org.reactorxmpp.xmpp.metrics;

import org.jspecify.annotations.NullMarked;
