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
 * @param unanswered the bodies (UTF-8 XML) sent whose responses were not delivered, with rids
 *     {@code nextRid, nextRid + 1, ...}: the unanswered ones and any answered after a still unanswered one (the
 *     connection manager replays those responses to the resend); the next new request has rid
 *     {@code nextRid + unanswered.size()}
 * @param keys the XEP-0124 section 15 keys not yet revealed, {@code K(1)} first (each the SHA-1 hex of the next),
 *     the last one being the key of the first request after {@code unanswered}; empty when the session
 *     does not use key sequences. Secret: whoever holds them can send requests in the session.
 * @param maxpause the connection manager's {@code maxpause} (XEP-0124 section 10), or {@code null} when it does
 *     not support pausing: the attached side can pause again within it
 * @param accept the content encodings the connection manager said it decompresses ({@code accept}), or
 *     {@code null}: the attached side compresses requests only when it lists gzip
 */
public record BoshSessionState(String sid, long nextRid, String to, @Nullable String lang, int requests, int hold,
                               Duration waitTime, @Nullable Duration inactivity, @Nullable Duration polling,
                               boolean secure, List<String> unanswered, List<String> keys,
                               @Nullable Duration maxpause, @Nullable String accept) {

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
        keys = List.copyOf(keys);
        if (maxpause != null && (maxpause.isNegative() || maxpause.isZero())) {
            throw new IllegalArgumentException("maxpause must be positive: " + maxpause);
        }
        for (String key : keys) {
            if (!key.matches("[0-9a-f]{40}")) {
                throw new IllegalArgumentException("BOSH key is not a lower-case hex SHA-1: " + key);
            }
        }
    }

    /**
     * A state without {@code maxpause} and {@code accept}.
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
     * @param unanswered the bodies (UTF-8 XML) sent but not answered
     * @param keys the key sequence keys not yet revealed
     */
    public BoshSessionState(String sid, long nextRid, String to, @Nullable String lang, int requests, int hold,
                            Duration waitTime, @Nullable Duration inactivity, @Nullable Duration polling,
                            boolean secure, List<String> unanswered, List<String> keys) {
        this(sid, nextRid, to, lang, requests, hold, waitTime, inactivity, polling, secure, unanswered, keys, null, null);
    }

    /**
     * A state without key sequences.
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
     * @param unanswered the bodies (UTF-8 XML) sent but not answered
     */
    public BoshSessionState(String sid, long nextRid, String to, @Nullable String lang, int requests, int hold,
                            Duration waitTime, @Nullable Duration inactivity, @Nullable Duration polling,
                            boolean secure, List<String> unanswered) {
        this(sid, nextRid, to, lang, requests, hold, waitTime, inactivity, polling, secure, unanswered, List.of(), null, null);
    }

    /**
     * The compact, versioned encoding of this state (a magic number, format version 1, then the fields), what
     * {@link org.reactorxmpp.xmpp.transport.TransportConnection#detach()} exports. A credential, like the state.
     *
     * <pre>{@code
     * byte[] bytes = state.toBytes();
     * BoshSessionState again = BoshSessionState.fromBytes(bytes);
     * }</pre>
     *
     * @return the encoding
     */
    public byte[] toBytes() {
        return org.reactorxmpp.bosh.internal.BoshStateCodec.encode(this);
    }

    /**
     * @param bytes what {@link #toBytes()} produced
     * @return the state
     * @throws org.reactorxmpp.xmpp.session.SessionHandoverException {@code CORRUPT} for damaged bytes,
     *     {@code UNKNOWN_VERSION} for a format version this library does not read
     */
    public static BoshSessionState fromBytes(byte[] bytes) {
        return org.reactorxmpp.bosh.internal.BoshStateCodec.decode(bytes);
    }

    @Override
    public String toString() {
        return "BoshSessionState[sid=" + sid + ", nextRid=" + nextRid + ", to=" + to + ", unanswered="
            + unanswered.size() + ", keys=" + keys.size() + ", maxpause=" + maxpause + "]";
    }
}
