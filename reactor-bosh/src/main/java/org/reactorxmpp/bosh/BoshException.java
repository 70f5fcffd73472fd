package org.reactorxmpp.bosh;

import java.net.URI;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.failover.FailoverSignal;
import org.reactorxmpp.xmpp.stanza.StreamError;
import org.reactorxmpp.xmpp.transport.TransportException;
import org.reactorxmpp.xmpp.xml.XmlElement;

/**
 * A BOSH session ended abnormally: the connection manager terminated it with a condition, answered
 * with an HTTP error, broke the protocol, or stopped answering. {@link #condition()} says which;
 * {@link #isTransient()} whether a new session may succeed.
 *
 * <pre>{@code
 * connection.onClose().onErrorResume(BoshException.class, e -> {
 *     if (e.condition() == BoshCondition.SEE_OTHER_URI) {
 *         return reconnectTo(e.seeOtherUri().orElseThrow());
 *     }
 *     return Mono.error(e);
 * });
 * }</pre>
 */
public final class BoshException extends TransportException implements FailoverSignal.Carrier {

    private static final long serialVersionUID = 1L;

    private final BoshCondition condition;
    private final @Nullable String conditionValue;
    private final int httpStatus;
    private final @Nullable URI seeOtherUri;
    private final transient @Nullable XmlElement streamError;
    /** Whether the session that received it may follow see-other-uri within the registrable domain. */
    private final boolean sameSite;

    private BoshException(String message, BoshCondition condition, @Nullable String conditionValue, int httpStatus,
                          @Nullable URI seeOtherUri, @Nullable XmlElement streamError, @Nullable Throwable cause) {
        this(message, condition, conditionValue, httpStatus, seeOtherUri, streamError, cause, false);
    }

    private BoshException(String message, BoshCondition condition, @Nullable String conditionValue, int httpStatus,
                          @Nullable URI seeOtherUri, @Nullable XmlElement streamError, @Nullable Throwable cause,
                          boolean sameSite) {
        super(message, transientOf(condition, streamError), cause);
        this.sameSite = sameSite;
        this.condition = condition;
        this.conditionValue = conditionValue;
        this.httpStatus = httpStatus;
        this.seeOtherUri = seeOtherUri;
        this.streamError = streamError;
    }

    /**
     * What this error means for failover ({@code XmppClient} with several candidate URLs):
     * {@code see-other-uri} with a URI that {@link SeeOtherUri} accepts from the current one (same host, or
     * the same registrable domain when the transport has {@code seeOtherUriSameSite} on) -> go
     * there (a refused one, such as a downgrade from https, means nothing special);
     * {@code system-shutdown} and {@code host-gone} -> this node is going away, try the next one;
     * a wrapped stream error -> its own reading (conflict stops, see-other-host redirects...).
     *
     * @param current the URL this error came from
     * @return the signal, or empty when the error means nothing beyond "this attempt failed"
     */
    @Override
    public java.util.Optional<FailoverSignal> failoverSignal(URI current) {
        if (condition == BoshCondition.SEE_OTHER_URI && seeOtherUri != null
            && SeeOtherUri.rejection(current, seeOtherUri, sameSite).isEmpty()) {
            return java.util.Optional.of(FailoverSignal.redirect(seeOtherUri));
        }
        if (condition == BoshCondition.SYSTEM_SHUTDOWN || condition == BoshCondition.HOST_GONE) {
            return java.util.Optional.of(FailoverSignal.nodeDown());
        }
        if (condition == BoshCondition.REMOTE_STREAM_ERROR && streamError != null) {
            StreamError.Condition c = StreamError.from(streamError).condition();
            if (c == StreamError.Condition.CONFLICT) {
                return java.util.Optional.of(FailoverSignal.stop());
            }
            if (c == StreamError.Condition.SYSTEM_SHUTDOWN) {
                return java.util.Optional.of(FailoverSignal.nodeDown());
            }
        }
        return java.util.Optional.empty();
    }

    private static boolean transientOf(BoshCondition condition, @Nullable XmlElement streamError) {
        if (condition == BoshCondition.REMOTE_STREAM_ERROR && streamError != null) {
            return StreamError.from(streamError).isTransient();
        }
        return condition.isTransient();
    }

    /**
     * A {@code type='terminate'} body with a condition.
     *
     * @param conditionValue the {@code condition} attribute
     * @param seeOtherUri the {@code <uri/>} of a {@code see-other-uri}, or {@code null}
     * @param streamError the wrapped {@code <stream:error/>} of a {@code remote-stream-error}, or {@code null}
     * @return the exception
     */
    public static BoshException terminated(String conditionValue, @Nullable URI seeOtherUri,
                                           @Nullable XmlElement streamError) {
        BoshCondition c = BoshCondition.fromValue(conditionValue);
        StringBuilder msg = new StringBuilder("BOSH session terminated by the connection manager: ").append(conditionValue);
        if (seeOtherUri != null) {
            msg.append(" (use ").append(seeOtherUri).append(')');
        }
        if (streamError != null) {
            msg.append(" (stream error ").append(StreamError.from(streamError)).append(')');
        }
        return new BoshException(msg.toString(), c, conditionValue, 0, seeOtherUri, streamError, null);
    }

    /**
     * As {@link #terminated(String, URI, XmlElement)}, received by a session whose transport follows
     * {@code see-other-uri} within the registrable domain ({@code seeOtherUriSameSite}).
     *
     * @param conditionValue the {@code condition} attribute
     * @param seeOtherUri the {@code <uri/>} of a {@code see-other-uri}, or {@code null}
     * @param streamError the wrapped {@code <stream:error/>}, or {@code null}
     * @param sameSite whether {@link #failoverSignal(URI)} may redirect within the registrable domain
     * @return the exception
     */
    public static BoshException terminated(String conditionValue, @Nullable URI seeOtherUri,
                                           @Nullable XmlElement streamError, boolean sameSite) {
        BoshException e = terminated(conditionValue, seeOtherUri, streamError);
        return sameSite ? new BoshException(e.getMessage(), e.condition, conditionValue, 0, seeOtherUri, streamError,
            null, true) : e;
    }

    /**
     * An HTTP error status that ends the session (4xx, or a status with no retry).
     *
     * @param status the HTTP status code
     * @return the exception
     */
    public static BoshException httpStatus(int status) {
        BoshCondition c = BoshCondition.fromHttpStatus(status);
        return new BoshException("BOSH connection manager answered HTTP " + status
            + (c.value() != null ? " (" + c.value() + ")" : ""), c, null, status, null, null, null);
    }

    /**
     * A condition detected by the client.
     *
     * @param condition {@link BoshCondition#CONNECTION_LOST}, {@link BoshCondition#PROTOCOL_VIOLATION} or {@link BoshCondition#TLS_FAILURE}
     * @param message what happened
     * @param cause the underlying failure, or {@code null}
     * @return the exception
     */
    public static BoshException client(BoshCondition condition, String message, @Nullable Throwable cause) {
        return new BoshException(message, condition, null, 0, null, null, cause);
    }

    /**
     * A {@code see-other-uri} that the client did not follow.
     *
     * @param target the URI the connection manager named, or {@code null} when it named none (or an invalid one)
     * @param why why it was not followed
     * @return the exception, with condition {@link BoshCondition#SEE_OTHER_URI} and the target in {@link #seeOtherUri()}
     */
    public static BoshException seeOtherUriRejected(@Nullable URI target, String why) {
        return new BoshException("BOSH connection manager answered see-other-uri " + (target != null ? target : "(no uri)")
            + ", not followed: " + why, BoshCondition.SEE_OTHER_URI, "see-other-uri", 0, target, null, null);
    }

    /** @return the condition */
    public BoshCondition condition() {
        return condition;
    }

    /** @return the {@code condition} attribute as received, or {@code null} when not from a terminate body */
    public @Nullable String conditionValue() {
        return conditionValue;
    }

    /** @return the HTTP status that ended the session, or 0 */
    public int httpStatus() {
        return httpStatus;
    }

    /** @return for {@link BoshCondition#SEE_OTHER_URI}: where to connect instead */
    public Optional<URI> seeOtherUri() {
        return Optional.ofNullable(seeOtherUri);
    }

    /** @return for {@link BoshCondition#REMOTE_STREAM_ERROR}: the XMPP server's {@code <stream:error/>} */
    public Optional<XmlElement> streamError() {
        return Optional.ofNullable(streamError);
    }
}
