package org.reactorxmpp.bosh;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Why a BOSH session ended: the terminal binding conditions of XEP-0124 section 17.2 (sent by the
 * connection manager as {@code <body type='terminate' condition='...'/>}), plus conditions this
 * client detects itself ({@link #CONNECTION_LOST}, {@link #PROTOCOL_VIOLATION}) and {@link #UNKNOWN}
 * for a condition this version does not know.
 */
public enum BoshCondition {

    /** The format of an HTTP header or binding element is unacceptable (also HTTP 400). */
    BAD_REQUEST("bad-request", false),
    /** The target domain has become unavailable. */
    HOST_GONE("host-gone", true),
    /** The target domain is unknown to the connection manager. */
    HOST_UNKNOWN("host-unknown", false),
    /** The initialization element lacks a {@code to} or {@code route} attribute, or it is invalid. */
    IMPROPER_ADDRESSING("improper-addressing", false),
    /** The connection manager has an internal error. */
    INTERNAL_SERVER_ERROR("internal-server-error", true),
    /** The sid is not known (session expired or never existed), or a rid is out of window (also HTTP 404). */
    ITEM_NOT_FOUND("item-not-found", true),
    /** Another request with the same rid is being processed, or too many requests (stale connection). */
    OTHER_REQUEST("other-request", false),
    /** The client broke a policy: too many simultaneous requests, too frequent polling (also HTTP 403). */
    POLICY_VIOLATION("policy-violation", false),
    /** The connection manager could not connect to the XMPP server. */
    REMOTE_CONNECTION_FAILED("remote-connection-failed", true),
    /** The XMPP server sent a stream error, wrapped in the terminating body. */
    REMOTE_STREAM_ERROR("remote-stream-error", false),
    /** Use another URI: see {@link BoshException#seeOtherUri()}. */
    SEE_OTHER_URI("see-other-uri", true),
    /** The connection manager is shutting down. */
    SYSTEM_SHUTDOWN("system-shutdown", true),
    /** Another error, not covered by the conditions above. */
    UNDEFINED_CONDITION("undefined-condition", false),
    /** Client side: no answer for a request after the configured retries (timeouts, HTTP 5xx, dropped connections). */
    CONNECTION_LOST(null, true),
    /**
     * Client side: the TLS handshake with an {@code https} connection manager failed, typically because its
     * certificate is not trusted or names another host. Not retried.
     */
    TLS_FAILURE(null, false),
    /** Client side: the connection manager's answer broke XEP-0124 (malformed body, missing sid, unexpected status). */
    PROTOCOL_VIOLATION(null, false),
    /**
     * Client side: a response carried another session's {@code sid}: someone else's traffic, or a connection
     * manager that mixes sessions up; its payload is not delivered.
     */
    SID_MISMATCH(null, false),
    /**
     * Client side: the connection manager kept answering at once, empty, requests it should have held (it
     * announced {@code hold} of 1 or more): the client backed off up to {@code wait} and gave up instead of
     * polling in a loop.
     */
    NOT_HOLDING(null, true),
    /** A condition this version does not know; the original value is in {@link BoshException#conditionValue()}. */
    UNKNOWN(null, false);

    private final @Nullable String value;
    private final boolean transientCondition;

    BoshCondition(@Nullable String value, boolean transientCondition) {
        this.value = value;
        this.transientCondition = transientCondition;
    }

    /** @return the attribute value on the wire, or {@code null} for conditions the client detects itself */
    public @Nullable String value() {
        return value;
    }

    /** @return whether a new session (possibly elsewhere) may succeed after this condition */
    public boolean isTransient() {
        return transientCondition;
    }

    /**
     * Maps a {@code condition} attribute value.
     *
     * @param value the attribute value
     * @return the condition, {@link #UNKNOWN} when not recognised
     */
    public static BoshCondition fromValue(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        for (BoshCondition c : values()) {
            if (v.equals(c.value)) {
                return c;
            }
        }
        return UNKNOWN;
    }

    /**
     * Maps a legacy HTTP error status (XEP-0124 section 17.1).
     *
     * @param status an HTTP status code of 400 or more
     * @return the condition
     */
    public static BoshCondition fromHttpStatus(int status) {
        switch (status) {
            case 400: return BAD_REQUEST;
            case 403: return POLICY_VIOLATION;
            case 404: return ITEM_NOT_FOUND;
            default: return status >= 500 ? CONNECTION_LOST : UNDEFINED_CONDITION;
        }
    }
}
