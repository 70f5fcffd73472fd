package org.reactorxmpp.bosh;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Decides whether a client may follow a {@code see-other-uri} terminal condition (XEP-0124 section 17.2).
 *
 * <p>XEP-0124 defines the condition as: <i>"The connection manager does not operate at this URI (e.g., the
 * connection manager accepts only SSL or TLS connections at some https: URI rather than the http: URI
 * requested by the client). The client can try POSTing to the URI in the content of the &lt;uri/&gt; child
 * element."</i> Its example sends a client that POSTed to {@code httpcm.jabber.org} to
 * {@code https://secure.jabber.org/xmppcm}. The XEP states no rule about the host of the new URI; its
 * security considerations (section 20.1) say: <i>"If the HTTP connection used to send the initial session
 * request is encrypted, then all the other HTTP connections used within the session MUST also be
 * encrypted."</i>
 *
 * <p>Because an answer over plain HTTP can be forged, this client follows only what the XEP's own example
 * needs, and nothing an attacker could use to move the session somewhere else:
 * <ul>
 *   <li>scheme: {@code http} or {@code https}; the same scheme, or the upgrade {@code http -> https};
 *       never the downgrade {@code https -> http} (section 20.1);</li>
 *   <li>host: the same host; or a host in the same parent domain, both having at least three labels
 *       ({@code httpcm.jabber.org -> secure.jabber.org}, as in the example); or a subdomain of the current
 *       host ({@code example.com -> bosh.example.com}). An IP address only to itself;</li>
 *   <li>no user information (credentials) in the URI.</li>
 * </ul>
 * Port and path may change.
 *
 * <pre>{@code
 * Optional<String> why = SeeOtherUri.rejection(current, exception.seeOtherUri().orElseThrow());
 * if (why.isEmpty()) { ... connect to the new URI ... }
 * }</pre>
 */
public final class SeeOtherUri {

    private SeeOtherUri() {
    }

    /**
     * @param current the URI the client POSTed to
     * @param target the URI of the {@code see-other-uri} condition
     * @return whether the client may follow it
     */
    public static boolean mayFollow(URI current, URI target) {
        return rejection(current, target).isEmpty();
    }

    /**
     * @param current the URI the client POSTed to
     * @param target the URI of the {@code see-other-uri} condition
     * @return why the client must not follow it, or empty when it may
     */
    public static Optional<String> rejection(URI current, URI target) {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(target, "target");
        String from = lower(current.getScheme());
        String to = lower(target.getScheme());
        if (!target.isAbsolute() || !("http".equals(to) || "https".equals(to))) {
            return Optional.of("not an absolute http or https URI");
        }
        if ("https".equals(from) && "http".equals(to)) {
            return Optional.of("downgrade from https to http (XEP-0124 section 20.1: once encrypted, always encrypted)");
        }
        if (target.getRawUserInfo() != null) {
            return Optional.of("the URI carries user information");
        }
        String oldHost = host(current);
        String newHost = host(target);
        if (newHost.isEmpty()) {
            return Optional.of("the URI has no host");
        }
        if (newHost.equals(oldHost)) {
            return Optional.empty();
        }
        if (isIpLiteral(oldHost) || isIpLiteral(newHost)) {
            return Optional.of("host " + newHost + " differs from " + oldHost + " and one of them is an IP address");
        }
        if (newHost.endsWith("." + oldHost)) {
            return Optional.empty();
        }
        String oldParent = parent(oldHost);
        if (oldParent != null && oldParent.equals(parent(newHost))) {
            return Optional.empty();
        }
        return Optional.of("host " + newHost + " is not " + oldHost + ", a subdomain of it, or in the same parent domain");
    }

    private static String lower(@Nullable String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }

    private static String host(URI uri) {
        String h = lower(uri.getHost());
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    /** @return the domain after the first label, when it has at least two labels itself; else null */
    private static @Nullable String parent(String host) {
        int dot = host.indexOf('.');
        if (dot < 0) {
            return null;
        }
        String parent = host.substring(dot + 1);
        return parent.indexOf('.') > 0 ? parent : null;
    }

    private static boolean isIpLiteral(String host) {
        return host.startsWith("[") || host.contains(":") || host.matches("[0-9.]+");
    }
}
