package org.reactorxmpp.xmpp.transport;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * TLS could not protect the connection, and the transport refused to go on without it. {@link #reason()} names
 * the problem. Never transient: trying again reaches the same certificate or the same server policy.
 *
 * <pre>{@code
 * client.connect().onErrorResume(TransportTlsException.class, e -> {
 *     if (e.reason() == TransportTlsException.Reason.HOSTNAME_MISMATCH) { ... }
 *     return Mono.empty();
 * });
 * }</pre>
 */
public final class TransportTlsException extends TransportException {

    private static final long serialVersionUID = 1L;

    /** Why TLS failed. */
    public enum Reason {
        /** The server's certificate chain does not lead to a trusted certificate (or has expired). */
        UNTRUSTED_CERTIFICATE,
        /** The certificate is trusted but not issued for the name the client expected. */
        HOSTNAME_MISMATCH,
        /** TLS was required, but the server did not offer STARTTLS. */
        NOT_OFFERED,
        /** The server requires TLS, but the transport was configured not to use it. */
        REQUIRED_BY_SERVER,
        /** The server answered STARTTLS with a failure. */
        REFUSED_BY_SERVER,
        /** Any other handshake failure (protocol versions, cipher suites, a dropped connection). */
        HANDSHAKE_FAILED
    }

    private final Reason reason;

    /**
     * @param reason why TLS failed
     * @param message what happened, for people
     * @param cause the underlying failure, or {@code null}
     */
    public TransportTlsException(Reason reason, String message, @Nullable Throwable cause) {
        super(message, false, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** @return why TLS failed */
    public Reason reason() {
        return reason;
    }
}
