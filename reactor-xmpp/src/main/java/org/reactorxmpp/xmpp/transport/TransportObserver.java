package org.reactorxmpp.xmpp.transport;

/**
 * What a transport reports about its own requests, for metrics: a service-provider hook that a transport calls
 * from its I/O path, so that the metrics code (in this module) needs nothing of the transport's module. Every
 * method has a no-op default and takes only primitives and constants: with {@link #NONE} (the default of every
 * transport) a report costs one call and allocates nothing. Methods are called from the transport's threads
 * (event loops): they must be quick and must not block.
 *
 * <p>A transport takes an observer with {@link Transport#withObserver(TransportObserver)}; {@code XmppMetrics}
 * passes one to every transport of a client:
 *
 * <pre>{@code
 * Transport observed = BoshTransport.builder().url(url).build().withObserver(new TransportObserver() {
 *     public void resent(ResendReason reason) {
 *         log.info("BOSH request resent: {}", reason);
 *     }
 * });
 * }</pre>
 */
public interface TransportObserver {

    /** Observes nothing. */
    TransportObserver NONE = new TransportObserver() { };

    /** How one HTTP exchange (one attempt of one request) ended. */
    enum Outcome {
        /** Answered (HTTP 200 with a body the session accepted). */
        ANSWERED,
        /** Answered with a recoverable binding error (BOSH {@code type='error'}): the request is resent. */
        RECOVERABLE_ERROR,
        /** Failed: no response in time, an HTTP 5xx, a dropped connection, or a terminal HTTP status. */
        FAILED,
        /** Given up locally because the same request is resent (its answer would be ignored). */
        ABANDONED
    }

    /** Why a request was sent again with the same request id and bytes (XEP-0124 sections 9, 14.3 and 17.3). */
    enum ResendReason {
        /** No response within {@code wait} plus the margin. */
        TIMEOUT,
        /** The connection manager answered HTTP 5xx. */
        HTTP_5XX,
        /** The connection dropped (refused, reset, closed) or the response could not be read. */
        CONNECTION,
        /** The connection manager answered with a recoverable binding error ({@code type='error'}). */
        RECOVERABLE_ERROR,
        /** The connection manager reported the response lost ({@code report}). */
        REPORTED_LOST,
        /** The connection manager's {@code ack} said it never received the request. */
        UNACKNOWLEDGED
    }

    /**
     * One HTTP exchange of a request ended.
     *
     * @param outcome how
     * @param payload whether the request carried elements of the application
     * @param nanos from the start of the exchange to its end
     */
    default void exchange(Outcome outcome, boolean payload, long nanos) {
    }

    /** @param reason why a request is sent again (its rid and bytes unchanged) */
    default void resent(ResendReason reason) {
    }

    /**
     * A request beyond the connection manager's {@code hold} stayed unanswered, with the held one not released
     * either, for the stall timeout: the requests reached the connection manager out of order (it parks the
     * early one) or it is busy. Reported, not acted on (see the BOSH transport's {@code stallTimeout}).
     */
    default void stalled() {
    }

    /**
     * A session (one transport connection) ended.
     *
     * @param requests the HTTP exchanges it made, resends included
     * @param resends how many of them were resends
     */
    default void sessionEnded(long requests, long resends) {
    }
}
