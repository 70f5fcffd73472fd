/**
 * XEP-0203 Delayed Delivery: the {@code <delay xmlns='urn:xmpp:delay'/>} timestamp.
 *
 * <pre>{@code
 * Optional<Delay> delay = message.extension(Delay.CODEC);
 * Instant sent = delay.map(Delay::stamp).orElse(receivedAt);
 * }</pre>
 */
@NullMarked
package org.reactorxmpp.xmpp.extension.delay;

import org.jspecify.annotations.NullMarked;
