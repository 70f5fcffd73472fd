/**
 * Implementation of the session: negotiation flows, IQ correlation, built-in responders. Not API.
 *
 * <p>One {@code DefaultXmppSession} is the session for its whole life; a {@code Negotiation}
 * produces each {@code BoundConnection} it runs on, and the {@code Reconnector} gets a new one after
 * a loss, paced by the {@code Reconnect} policy's {@code Retry}.
 *
 * <p>The buffers, each with its reason (the session owns inbound backpressure; it reads the
 * transport without limit):
 * <ul>
 *   <li>{@code ElementQueue} (per connection, 256 elements, negotiation only): what the server sends
 *       before the session takes the connection over (for example a message right after binding);
 *       once activated it passes elements straight through, serialized.</li>
 *   <li>{@code InboundFanout} (one bounded buffer per {@code inbound()} subscriber,
 *       {@code inboundBufferSize}): lets a subscriber be slower than the wire for a while; when full,
 *       that subscriber gets an overflow error after what was buffered, nobody else is affected.</li>
 *   <li>{@code Outbound} ({@code offlineQueueSize}): the calls that have no connection to go to,
 *       between connections and those the lost connection had not written; in call order.</li>
 *   <li>{@code StateSink} (the last 16 states): so that a subscriber arriving after
 *       {@code connect()} emitted still sees the connect sequence.</li>
 * </ul>
 * The transport has its own inbound and outbound queues (BOSH: {@code inboundCapacity},
 * {@code outboundCapacity}).
 */
@NullMarked
package org.reactorxmpp.xmpp.session.internal;

import org.jspecify.annotations.NullMarked;
