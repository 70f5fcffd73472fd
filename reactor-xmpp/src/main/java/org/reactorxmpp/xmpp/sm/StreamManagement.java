package org.reactorxmpp.xmpp.sm;

import java.time.Duration;
import java.util.Objects;

/**
 * Whether and how a session uses stream management (XEP-0198, {@code urn:xmpp:sm:3}). An immutable value
 * for {@link org.reactorxmpp.xmpp.session.XmppClient.Builder#streamManagement}.
 *
 * <p>When enabled and the server offers it, the session sends {@code <enable resume='true'/>} right after
 * binding, answers the server's {@code <r/>} with the count of stanzas it handled (and acknowledges unasked after
 * every {@link #ackReceivedEvery()} stanzas received), and asks the server for
 * an acknowledgement ({@code <r/>}) after every {@link #ackEvery()} stanzas and after {@link #ackAfter()}
 * without a new stanza. Stanzas the server has not acknowledged are kept (at most {@link #maxUnacked()};
 * one more {@code send} fails with a {@link StreamManagementException} of reason
 * {@link StreamManagementException.Reason#QUEUE_FULL}). When the connection is lost and the
 * {@link org.reactorxmpp.xmpp.session.Reconnect} policy reconnects, the session first tries to resume
 * (before binding): on success nothing the server had not acknowledged is lost or sent twice, and
 * {@link org.reactorxmpp.xmpp.session.ConnectionState#isResumed()} is true; when the server cannot resume,
 * a new session is bound and what it had not acknowledged is sent again, once.
 *
 * <p>Off by default: a resumable session changes what the server does when a connection drops (it keeps the
 * session, its presence and its incoming stanzas for the resumption time instead of ending it at once),
 * which an application must choose knowingly; and resumption needs a reconnect policy, which is off by
 * default too.
 *
 * <pre>{@code
 * StreamManagement sm = StreamManagement.enabled().withAckEvery(20).withAckAfter(Duration.ofSeconds(2));
 * }</pre>
 */
public final class StreamManagement {

    /** The XEP-0198 namespace. */
    public static final String NAMESPACE = "urn:xmpp:sm:3";

    private static final StreamManagement DISABLED = new StreamManagement(false, false, 10, Duration.ofSeconds(1), 1_000, 100);
    private static final StreamManagement ENABLED = new StreamManagement(true, true, 10, Duration.ofSeconds(1), 1_000, 100);

    private final boolean enabled;
    private final boolean resume;
    private final int ackEvery;
    private final Duration ackAfter;
    private final int maxUnacked;
    private final int ackReceivedEvery;

    private StreamManagement(boolean enabled, boolean resume, int ackEvery, Duration ackAfter, int maxUnacked,
                             int ackReceivedEvery) {
        if (ackEvery < 1) {
            throw new IllegalArgumentException("ackEvery must be >= 1, was " + ackEvery);
        }
        Objects.requireNonNull(ackAfter, "ackAfter");
        if (ackAfter.isNegative() || ackAfter.isZero()) {
            throw new IllegalArgumentException("ackAfter must be positive, was " + ackAfter);
        }
        if (maxUnacked < 1) {
            throw new IllegalArgumentException("maxUnacked must be >= 1, was " + maxUnacked);
        }
        if (ackReceivedEvery < 0) {
            throw new IllegalArgumentException("ackReceivedEvery must be >= 0, was " + ackReceivedEvery);
        }
        this.enabled = enabled;
        this.resume = resume;
        this.ackEvery = ackEvery;
        this.ackAfter = ackAfter;
        this.maxUnacked = maxUnacked;
        this.ackReceivedEvery = ackReceivedEvery;
    }

    /** @return stream management off (the default) */
    public static StreamManagement disabled() {
        return DISABLED;
    }

    /**
     * @return stream management on, with resumption, an ack request every 10 stanzas and after 1 s without
     *     a new one, at most 1,000 unacknowledged stanzas
     */
    public static StreamManagement enabled() {
        return ENABLED;
    }

    /**
     * @param resume whether to ask the server for a resumable session (default {@code true})
     * @return a copy with that value
     */
    public StreamManagement withResume(boolean resume) {
        return new StreamManagement(enabled, resume, ackEvery, ackAfter, maxUnacked, ackReceivedEvery);
    }

    /**
     * @param stanzas ask for an acknowledgement after this many stanzas sent since the last request
     * @return a copy with that value
     */
    public StreamManagement withAckEvery(int stanzas) {
        return new StreamManagement(enabled, resume, stanzas, ackAfter, maxUnacked, ackReceivedEvery);
    }

    /**
     * @param quiet ask for an acknowledgement when stanzas are unacknowledged and none was sent for this long
     * @return a copy with that value
     */
    public StreamManagement withAckAfter(Duration quiet) {
        return new StreamManagement(enabled, resume, ackEvery, quiet, maxUnacked, ackReceivedEvery);
    }

    /**
     * @param stanzas how many unacknowledged stanzas the session keeps; keep it below the transport's
     *     outbound capacity
     * @return a copy with that value
     */
    public StreamManagement withMaxUnacked(int stanzas) {
        return new StreamManagement(enabled, resume, ackEvery, ackAfter, stanzas, ackReceivedEvery);
    }

    /**
     * XEP-0198 lets either side send {@code <a/>} at any time. A server keeps every stanza it sent until we
     * acknowledge it, and some bound that queue (ejabberd's {@code max_ack_queue}, 5,000 by default, ends the
     * stream with {@code policy-violation}); when it asks with one {@code <r/>} at a time, a fast sender fills it
     * before our answer gets back. So the session also acknowledges without being asked after this many
     * stanzas received (default 100; answers always go out ahead of our own queued stanzas).
     *
     * @param stanzas received stanzas between unrequested acknowledgements; 0 answers only {@code <r/>}
     * @return a copy with that value
     */
    public StreamManagement withAckReceivedEvery(int stanzas) {
        return new StreamManagement(enabled, resume, ackEvery, ackAfter, maxUnacked, stanzas);
    }

    /** @return received stanzas between unrequested {@code <a/>}s; 0: only when the server asks */
    public int ackReceivedEvery() {
        return ackReceivedEvery;
    }

    /** @return whether stream management is used when the server offers it */
    public boolean isEnabled() {
        return enabled;
    }

    /** @return whether a resumable session is requested */
    public boolean resume() {
        return resume;
    }

    /** @return the number of stanzas after which an acknowledgement is requested */
    public int ackEvery() {
        return ackEvery;
    }

    /** @return the quiet period after which an acknowledgement is requested */
    public Duration ackAfter() {
        return ackAfter;
    }

    /** @return the bound of the unacknowledged queue */
    public int maxUnacked() {
        return maxUnacked;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof StreamManagement)) {
            return false;
        }
        StreamManagement other = (StreamManagement) o;
        return enabled == other.enabled && resume == other.resume && ackEvery == other.ackEvery
            && ackAfter.equals(other.ackAfter) && maxUnacked == other.maxUnacked
            && ackReceivedEvery == other.ackReceivedEvery;
    }

    @Override
    public int hashCode() {
        return Objects.hash(enabled, resume, ackEvery, ackAfter, maxUnacked, ackReceivedEvery);
    }

    @Override
    public String toString() {
        return enabled ? "StreamManagement{resume=" + resume + ", ackEvery=" + ackEvery + ", ackAfter=" + ackAfter
            + ", maxUnacked=" + maxUnacked + ", ackReceivedEvery=" + ackReceivedEvery + "}" : "StreamManagement{disabled}";
    }
}
