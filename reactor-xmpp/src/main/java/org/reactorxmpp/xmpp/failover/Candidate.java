package org.reactorxmpp.xmpp.failover;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One URL a client may connect to, with the role it plays in a failover order. Immutable.
 *
 * <pre>{@code
 * Candidate home = Candidate.of(URI.create("https://cup-a.example.com:7335/httpbinding"), Candidate.Role.HOME);
 * }</pre>
 *
 * @param url the URL (for BOSH the connection manager's URL)
 * @param role why it is in the list
 */
public record Candidate(URI url, Role role) {

    /** Why a URL is a candidate. */
    public enum Role {
        /** The user's home node (CUP: the first {@code <hostname>}). */
        HOME,
        /** The user's backup node (CUP: the second {@code <hostname>}). */
        BACKUP,
        /** The primary URL (CAXL {@code httpBindingURL}; with CUP the primary service-discovery node). */
        PRIMARY,
        /** The secondary URL (CAXL {@code httpBindingURL_secondary}). */
        SECONDARY,
        /** A further configured fallback URL. */
        FALLBACK,
        /** A target the server named: {@code see-other-host} or BOSH {@code see-other-uri}. */
        REDIRECT
    }

    /**
     * @param url the URL
     * @param role why it is in the list
     */
    public Candidate {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(role, "role");
    }

    /**
     * @param url the URL
     * @param role why it is in the list
     * @return the candidate
     */
    public static Candidate of(URI url, Role role) {
        return new Candidate(url, role);
    }

    /**
     * @param other a URL
     * @return whether it names the same endpoint as this candidate (scheme and host compared without
     *     case, default ports made explicit, an empty path is {@code /})
     */
    public boolean hasUrl(URI other) {
        return key(url).equals(key(other));
    }

    /**
     * @param url a URL
     * @return a comparison key: two URLs with equal keys name the same endpoint
     */
    static String key(URI url) {
        URI u = url.normalize();
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        String host = u.getHost() == null ? "" : u.getHost().toLowerCase(Locale.ROOT);
        int port = u.getPort();
        if (port < 0) {
            port = "https".equals(scheme) || "wss".equals(scheme) ? 443 : "http".equals(scheme) || "ws".equals(scheme) ? 80 : -1;
        }
        String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
        @Nullable String query = u.getRawQuery();
        return scheme + "://" + host + ":" + port + path + (query == null ? "" : "?" + query);
    }

    @Override
    public String toString() {
        return role.name().toLowerCase(Locale.ROOT) + " " + url;
    }
}
