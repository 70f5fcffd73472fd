package org.reactorxmpp.xmpp.failover;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.reactorxmpp.xmpp.sasl.SaslException;
import org.reactorxmpp.xmpp.stanza.StreamError;
import org.reactorxmpp.xmpp.stanza.StreamErrorException;

/**
 * Reads the {@link FailoverSignal} of an error. Errors without a signal are ordinary failures: the
 * next candidate is tried (while connecting), or the same node first (after a live session dropped
 * for a transient cause).
 *
 * <pre>{@code
 * FailoverSignals signals = FailoverSignals.defaults().or((error, current) -> myTransportSignal(error));
 * }</pre>
 */
@FunctionalInterface
public interface FailoverSignals {

    /**
     * @param error why an attempt failed or a session dropped
     * @param current the URL the error came from
     * @return the signal, or empty for an ordinary failure
     */
    Optional<FailoverSignal> signal(Throwable error, URI current);

    /**
     * @param next asked when this one has no signal
     * @return the combination
     */
    default FailoverSignals or(FailoverSignals next) {
        Objects.requireNonNull(next, "next");
        return (error, current) -> {
            Optional<FailoverSignal> s = signal(error, current);
            return s.isPresent() ? s : next.signal(error, current);
        };
    }

    /**
     * The built-in reading, applied to the error and its causes:
     * <ul>
     *   <li>an exception implementing {@link FailoverSignal.Carrier}: its signal, when it has one;</li>
     *   <li>{@link SaslException} and the {@code conflict} stream error: {@link FailoverSignal.Kind#STOP};</li>
     *   <li>{@code see-other-host} with a target: {@link FailoverSignal.Kind#REDIRECT} to the current URL
     *       with that host (for http, https, ws and wss URLs the port is kept, since the stream error
     *       names the host of a TCP stream; for other schemes a given port replaces it);</li>
     *   <li>{@code system-shutdown}: {@link FailoverSignal.Kind#NODE_DOWN}.</li>
     * </ul>
     *
     * @return the default signals
     */
    static FailoverSignals defaults() {
        return (error, current) -> {
            Throwable e = error;
            for (int depth = 0; e != null && depth < 8; depth++, e = e.getCause()) {
                if (e instanceof FailoverSignal.Carrier carrier) {
                    Optional<FailoverSignal> carried = carrier.failoverSignal(current);
                    if (carried.isPresent()) {
                        return carried;
                    }
                }
                if (e instanceof SaslException) {
                    return Optional.of(FailoverSignal.stop());
                }
                if (e instanceof StreamErrorException se) {
                    StreamError.Condition c = se.condition();
                    if (c == StreamError.Condition.CONFLICT) {
                        return Optional.of(FailoverSignal.stop());
                    }
                    if (c == StreamError.Condition.SYSTEM_SHUTDOWN) {
                        return Optional.of(FailoverSignal.nodeDown());
                    }
                    if (c == StreamError.Condition.SEE_OTHER_HOST) {
                        return se.error().seeOtherHost().flatMap(host -> seeOtherHost(current, host))
                            .map(FailoverSignal::redirect);
                    }
                    return Optional.empty();
                }
            }
            return Optional.empty();
        };
    }

    /**
     * @param current the URL the stream error came on
     * @param hostAndPort the see-other-host value: {@code host}, {@code host:port}, {@code [v6]} or {@code [v6]:port}
     * @return the URL to go to, or empty when the value is unusable
     */
    static Optional<URI> seeOtherHost(URI current, String hostAndPort) {
        String v = hostAndPort.trim();
        String host;
        int port = -1;
        try {
            if (v.startsWith("[")) {
                int end = v.indexOf(']');
                if (end < 0) {
                    return Optional.empty();
                }
                host = v.substring(0, end + 1);
                if (end + 1 < v.length()) {
                    if (v.charAt(end + 1) != ':') {
                        return Optional.empty();
                    }
                    port = Integer.parseInt(v.substring(end + 2));
                }
            } else {
                int colon = v.indexOf(':');
                if (colon >= 0 && v.indexOf(':', colon + 1) >= 0) {
                    host = "[" + v + "]";           // a bare IPv6 address
                } else if (colon >= 0) {
                    host = v.substring(0, colon);
                    port = Integer.parseInt(v.substring(colon + 1));
                } else {
                    host = v;
                }
            }
            if (host.isEmpty() || port > 65535 || (port < 1 && port != -1)) {
                return Optional.empty();
            }
            String scheme = current.getScheme() == null ? "" : current.getScheme().toLowerCase(Locale.ROOT);
            boolean web = scheme.equals("http") || scheme.equals("https") || scheme.equals("ws") || scheme.equals("wss");
            int newPort = web || port == -1 ? current.getPort() : port;
            return Optional.of(new URI(current.getScheme(), null, host, newPort, current.getPath(),
                current.getQuery(), null));
        } catch (NumberFormatException | URISyntaxException e) {
            return Optional.empty();
        }
    }
}
