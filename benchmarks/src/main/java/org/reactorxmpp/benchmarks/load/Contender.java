package org.reactorxmpp.benchmarks.load;

import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * One client library under load: this library or Smack. Each mode returns its figures as a flat
 * map (JSON-ready); failures are counted in the figures, never thrown, so that a run always reports.
 */
interface Contender {

    /** @return the name used in the output, {@code ours} or {@code smack} */
    String name();

    /**
     * @param transport the run's transport
     * @return the transport this contender really uses in that run (Smack 4.4.8 has no WebSocket: TCP)
     */
    default TransportKind wire(TransportKind transport) {
        return transport;
    }

    /**
     * N accounts {@code user1..userN} log in with SCRAM-SHA-1, are held for a while, each pings the
     * server once, and all close.
     */
    Map<String, Object> login(Target target, int n);

    /** Ping-pong A to B to A, M times, one at a time: round-trip percentiles. */
    Map<String, Object> rtt(Target target, int m);

    /** A sends M messages as fast as allowed, B counts them. */
    Map<String, Object> flood(Target target, int m);

    /**
     * Session {@code user1} logs in and hands {@code phase} a sender of bursts of chat messages to {@code to} (a
     * raw client that counts them); {@code phase} meters the bursts (see {@link FloodSplit}), and the session
     * closes: the client CPU of sending only.
     *
     * @return the phase's figures, with senderError when the session failed
     */
    default Map<String, Object> floodTo(Target target, String to,
                                        Function<FloodSplit.Sender, Map<String, Object>> phase) {
        throw new UnsupportedOperationException(name() + " has no floodTo");
    }

    /**
     * Session {@code user2} logs in and passes the body of every chat message it receives to {@code bodies};
     * {@code drive} is then called with its JID (it meters, sends from a raw client and waits for the count),
     * and the session closes: the client CPU of receiving only.
     *
     * @return receiverError when the session failed
     */
    default Map<String, Object> floodFrom(Target target, Consumer<String> bodies, Consumer<String> drive) {
        throw new UnsupportedOperationException(name() + " has no floodFrom");
    }

    /**
     * Logs in N sessions {@code user1..userN} for the fan-out and soak scenarios.
     *
     * @param listener null for idle sessions; otherwise every session answers each chat message
     * @return the sessions, logged in
     */
    default Population population(Target target, int n, Population.@Nullable Listener listener) {
        throw new UnsupportedOperationException(name() + " has no population");
    }
}
