package org.reactorxmpp.xmpp.transport;

import reactor.core.publisher.Mono;

/**
 * A way to reach an XMPP server: BOSH, WebSocket or TCP. Implementations are immutable, thread-safe
 * and reusable: one transport may open any number of connections, which share its resources (event
 * loops, connection pool).
 *
 * <pre>{@code
 * Transport transport = BoshTransport.builder().url(URI.create("https://example.com/http-bind")).build();
 * transport.connect(StreamOpen.to("example.com"))
 *     .flatMapMany(connection -> connection.inbound())
 *     .subscribe(element -> System.out.println(element));
 * }</pre>
 */
public interface Transport {

    /**
     * Opens an XMPP stream. Lazy: nothing happens until the returned {@code Mono} is subscribed, and
     * each subscription opens a new connection. Cancelling the subscription before it emits abandons
     * the attempt.
     *
     * @param open the stream header values
     * @return a {@code Mono} emitting the open connection, whose {@link TransportConnection#inbound()}
     *     starts with the stream features; or an error, typically a {@link TransportException}
     */
    Mono<TransportConnection> connect(StreamOpen open);

    /**
     * Takes over a live session that a connection of this kind of transport handed over
     * ({@link TransportConnection#detach()} or one of its {@link TransportConnection#checkpoints()}), possibly in
     * another process: no new session, no stream header, the requests that were in flight resent unchanged. Lazy.
     * The returned connection goes on where the old one stopped: its {@link TransportConnection#inbound()} carries
     * what the server sends from there on, in order. Most code uses
     * {@code XmppClient.attach(SessionHandover)} instead.
     *
     * <pre>{@code
     * transport.attach(handover.transportState(), StreamOpen.to("example.com").withFrom("alice@example.com"))
     *     .flatMapMany(TransportConnection::inbound)
     *     .subscribe(element -> handle(element));
     * }</pre>
     *
     * @param state the opaque state the transport exported
     * @param open the stream header values of the account (the transport may take the domain and language from
     *     the state instead)
     * @return the connection once the server accepted the taken-over session; errors with a
     *     {@link org.reactorxmpp.xmpp.session.SessionHandoverException}: {@code UNSUPPORTED} by default (TCP,
     *     WebSocket), {@code CORRUPT} or {@code UNKNOWN_VERSION} for a state it cannot read, {@code REJECTED}
     *     when the server no longer has the session
     */
    default Mono<TransportConnection> attach(byte[] state, StreamOpen open) {
        return Mono.error(new org.reactorxmpp.xmpp.session.SessionHandoverException(
            org.reactorxmpp.xmpp.session.SessionHandoverException.Reason.UNSUPPORTED,
            this + " cannot take over a session: only BOSH sessions can be handed over"));
    }

    /**
     * This transport with the metrics of the network library under it switched on (for BOSH, Reactor Netty's
     * HTTP client metrics, recorded in Micrometer's global registry). Used by metrics observers such as
     * {@code XmppMetrics}; needs Micrometer on the class path when it does anything.
     *
     * @return a transport like this one recording its network metrics; by default this transport unchanged
     */
    default Transport withNetworkMetrics() {
        return this;
    }
}
