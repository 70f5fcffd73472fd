package org.reactorxmpp.bosh.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import org.reactorxmpp.bosh.BoshSessionState;
import org.reactorxmpp.xmpp.transport.StreamOpen;
import org.reactorxmpp.xmpp.transport.TransportConnection;

import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * The one way into the BOSH session machinery for {@code org.reactorxmpp.bosh.BoshTransport}: creates and attaches
 * sessions of one configuration, and reaches the BOSH-only operations of a connection it created. Everything
 * behind it (the session's parts, the HTTP exchange, the bodies) is package-private. Not an API: applications use
 * {@code BoshTransport}.
 */
public final class BoshSessions {

    private final BoshSettings settings;
    private final BoshHttp http;

    private BoshSessions(BoshSettings settings) {
        this.settings = settings;
        this.http = new BoshHttp(settings.httpClient(), settings);
    }

    /**
     * @param settings the transport settings
     * @return the sessions of that configuration (one HTTP set-up, shared by its sessions)
     */
    public static BoshSessions of(BoshSettings settings) {
        return new BoshSessions(Objects.requireNonNull(settings, "settings"));
    }

    /**
     * The HTTP client shared by every BOSH transport that is not given one: Reactor Netty's global event
     * loops and a dedicated connection pool sized for long-held requests.
     *
     * @return the shared client
     */
    public static HttpClient sharedClient() {
        return BoshHttp.sharedClient();
    }

    /**
     * Creates a session. Lazy: each subscription creates one.
     *
     * @param open the stream header values
     * @return the connection once the connection manager created the session
     */
    public Mono<TransportConnection> connect(StreamOpen open) {
        return Mono.create(sink -> new BoshConnection(settings, http, open).start(sink));
    }

    /**
     * Takes over a live session. Lazy.
     *
     * @param state the exported session
     * @param open the stream header values it was created with
     * @return the connection, at once
     */
    public Mono<TransportConnection> attach(BoshSessionState state, StreamOpen open) {
        return Mono.create(sink -> new BoshConnection(settings, http, open).attach(state, sink, false));
    }

    /**
     * Takes over a live session and waits for the connection manager to answer it. Lazy.
     *
     * @param state the exported session
     * @param open the stream header values it was created with
     * @return the connection once the first response of the taken-over session was delivered; or the terminal
     *     cause when the connection manager refused it (a {@code BoshException}, typically {@code item-not-found})
     */
    public Mono<TransportConnection> attachConfirmed(BoshSessionState state, StreamOpen open) {
        return Mono.create(sink -> new BoshConnection(settings, http, open).attach(state, sink, true));
    }

    /**
     * @param connection a connection
     * @return the state of its session, which it hands over; see {@code BoshTransport.detach}
     * @throws IllegalArgumentException when it is not a BOSH connection
     */
    public static Mono<BoshSessionState> detach(TransportConnection connection) {
        return bosh(connection).detachState();
    }

    /**
     * @param connection a connection
     * @param duration whole seconds, from 1 to the connection manager's {@code maxpause}
     * @return completes once the pause request is written
     * @throws IllegalArgumentException when it is not a BOSH connection
     */
    public static Mono<Void> pause(TransportConnection connection, Duration duration) {
        return bosh(connection).pause(duration);
    }

    /**
     * @param connection a connection
     * @return completes once the session resumed
     * @throws IllegalArgumentException when it is not a BOSH connection
     */
    public static Mono<Void> resume(TransportConnection connection) {
        return bosh(connection).resume();
    }

    /**
     * @param connection a connection
     * @return the connection manager's {@code maxpause}, or empty when it does not support pausing
     * @throws IllegalArgumentException when it is not a BOSH connection
     */
    public static Optional<Duration> maxPause(TransportConnection connection) {
        return bosh(connection).maxPause();
    }

    private static BoshConnection bosh(TransportConnection connection) {
        if (!(connection instanceof BoshConnection)) {
            throw new IllegalArgumentException("not a BOSH connection: " + connection);
        }
        return (BoshConnection) connection;
    }
}
