package org.reactorxmpp.bosh;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Everything another process needs to take over a live BOSH session (detach / attach): the session id,
 * the next request id, the negotiated parameters and the exact bytes of the requests that were sent
 * but not answered (the new owner resends them unchanged, so nothing is lost). Immutable.
 *
 * <pre>{@code
 * BoshSessionState state = BoshTransport.detach(connection).block();   // process A (or its shutdown hook)
 * TransportConnection taken = transport.attach(state).block();          // process B
 * }</pre>
 *
 * @param sid the session id
 * @param nextRid the rid of the first request to (re)send
 * @param to the server domain of the stream
 * @param lang the stream's default language, or {@code null}
 * @param requests the most simultaneous requests
 * @param hold the most requests the connection manager holds
 * @param waitTime the longest time the connection manager holds a request
 * @param inactivity the inactivity limit, or {@code null}
 * @param polling the shortest polling interval, or {@code null}
 * @param secure whether the connection manager declared the session secure
 * @param unanswered the bodies (UTF-8 XML) sent but not answered, with rids {@code nextRid, nextRid + 1, ...}
 */
public record BoshSessionState(String sid, long nextRid, String to, @Nullable String lang, int requests, int hold,
                               Duration waitTime, @Nullable Duration inactivity, @Nullable Duration polling,
                               boolean secure, List<String> unanswered) {

    public BoshSessionState {
        Objects.requireNonNull(sid, "sid");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(waitTime, "waitTime");
        if (sid.isBlank()) {
            throw new IllegalArgumentException("sid must not be blank");
        }
        if (nextRid < 1 || nextRid > (1L << 53) - 1) {
            throw new IllegalArgumentException("rid out of range: " + nextRid);
        }
        if (requests < 1 || hold < 0) {
            throw new IllegalArgumentException("invalid requests=" + requests + " / hold=" + hold);
        }
        unanswered = List.copyOf(unanswered);
    }
}
