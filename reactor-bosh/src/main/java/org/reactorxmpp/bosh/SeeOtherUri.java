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
 * element."</i> The XEP states no rule about the host of the new URI; its security considerations (section
 * 20.1) say: <i>"If the HTTP connection used to send the initial session request is encrypted, then all the
 * other HTTP connections used within the session MUST also be encrypted."</i>
 *
 * <p>An answer over plain HTTP can be forged, and a session moved to another host carries the user's
 * credentials there. So by default this client follows only what the XEP's own motivation needs:
 * <ul>
 *   <li>scheme: {@code http} or {@code https}; the same scheme, or the upgrade {@code http -> https};
 *       never the downgrade {@code https -> http} (section 20.1);</li>
 *   <li>host: <b>the same host</b> (port and path may change);</li>
 *   <li>no user information (credentials) in the URI.</li>
 * </ul>
 * With the opt-in {@code sameSite} ({@link BoshTransport.Builder#seeOtherUriSameSite(boolean)}) another host is
 * accepted when both have the same <i>registrable domain</i> according to the public suffix list (its ICANN and
 * private sections), read through Guava's {@code InternetDomainName} (an optional dependency that the opt-in
 * needs): {@code www.example.co.uk -> chat.example.co.uk} is followed, while {@code example.co.uk ->
 * attacker.co.uk}, {@code alice.github.io -> mallory.github.io} and {@code example.com.au -> evil.com.au} are
 * not (each pair only shares a public suffix, which anyone can register under). IP addresses only to
 * themselves.
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
     * @return whether the client may follow it under the default (same host) policy
     */
    public static boolean mayFollow(URI current, URI target) {
        return rejection(current, target).isEmpty();
    }

    /**
     * @param current the URI the client POSTed to
     * @param target the URI of the {@code see-other-uri} condition
     * @return why the client must not follow it under the default (same host) policy, or empty when it may
     */
    public static Optional<String> rejection(URI current, URI target) {
        return rejection(current, target, false);
    }

    /**
     * @param current the URI the client POSTed to
     * @param target the URI of the {@code see-other-uri} condition
     * @param sameSite whether another host of the same registrable domain is acceptable (needs Guava)
     * @return why the client must not follow it, or empty when it may
     * @throws IllegalStateException when {@code sameSite} is asked for without Guava on the class path
     */
    public static Optional<String> rejection(URI current, URI target, boolean sameSite) {
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
        if (!sameSite) {
            return Optional.of("host " + newHost + " is not " + oldHost + " (only the same host is followed unless"
                + " seeOtherUriSameSite is on)");
        }
        if (isIpLiteral(oldHost) || isIpLiteral(newHost)) {
            return Optional.of("host " + newHost + " differs from " + oldHost + " and one of them is an IP address");
        }
        Optional<String> oldSite = org.reactorxmpp.bosh.internal.RegistrableDomain.of(oldHost);
        Optional<String> newSite = org.reactorxmpp.bosh.internal.RegistrableDomain.of(newHost);
        if (oldSite.isEmpty() || newSite.isEmpty()) {
            return Optional.of("host " + newHost + " or " + oldHost + " has no registrable domain under the public suffix list");
        }
        if (!oldSite.get().equals(newSite.get())) {
            return Optional.of("host " + newHost + " is in registrable domain " + newSite.get() + ", not "
                + oldSite.get() + " (public suffix list)");
        }
        return Optional.empty();
    }

    private static String lower(@Nullable String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }

    private static String host(URI uri) {
        String h = lower(uri.getHost());
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    private static boolean isIpLiteral(String host) {
        return host.startsWith("[") || host.contains(":") || host.matches("[0-9.]+");
    }
}
