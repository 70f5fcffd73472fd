package org.reactorxmpp.xmpp.sasl;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

import javax.security.auth.Destroyable;

import org.jspecify.annotations.Nullable;

/**
 * What a SASL mechanism needs to authenticate: the authentication identity (username), an optional
 * authorization identity, the password, and the service name and host used by DIGEST-MD5's
 * {@code digest-uri}.
 *
 * <p>The password is copied in and kept as a {@code char[]}; {@link #destroy()} zeroes it, after
 * which mechanisms refuse to start. {@link #toString()} never shows it. Immutable apart from
 * {@link #destroy()}; safe to share between threads.
 *
 * <pre>{@code
 * SaslCredentials credentials = SaslCredentials.builder()
 *     .username("juliet")
 *     .password(secret)            // copied; zero your own array afterwards
 *     .host("example.com")         // the XMPP domain
 *     .build();
 * }</pre>
 */
public final class SaslCredentials implements Destroyable {

    /** The service name XMPP uses in DIGEST-MD5's {@code digest-uri} (RFC 6120 section 6.3.8). */
    public static final String XMPP_SERVICE = "xmpp";

    private final @Nullable String username;
    private final @Nullable String authzid;
    private final char @Nullable [] password;
    private final String service;
    private final String host;
    private volatile boolean destroyed;

    private SaslCredentials(Builder b) {
        this.username = b.username;
        this.authzid = b.authzid;
        this.password = b.password == null ? null : b.password.clone();
        this.service = b.service;
        this.host = Objects.requireNonNull(b.host, "host");
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the authentication identity (the username, without the domain), if any */
    public Optional<String> username() {
        return Optional.ofNullable(username);
    }

    /** @return the authorization identity (usually a bare JID), if one was requested */
    public Optional<String> authzid() {
        return Optional.ofNullable(authzid);
    }

    /** @return whether a password was given (it may still have been destroyed) */
    public boolean hasPassword() {
        return password != null;
    }

    /**
     * A copy of the password, for mechanisms implemented outside this package. The caller owns the
     * copy and should zero it when done.
     *
     * @return a fresh copy of the password
     * @throws IllegalStateException when there is no password or it was destroyed
     */
    public char[] password() {
        return passwordView().clone();
    }

    /** The password itself, without a copy: only for mechanisms in this package, never kept. */
    char[] passwordView() {
        char[] p = password;
        if (p == null) {
            throw new IllegalStateException("the credentials have no password");
        }
        if (destroyed) {
            throw new IllegalStateException("the credentials were destroyed");
        }
        return p;
    }

    /** @return the service name, {@value #XMPP_SERVICE} unless configured otherwise */
    public String service() {
        return service;
    }

    /** @return the host the client authenticates to: the XMPP domain */
    public String host() {
        return host;
    }

    /** Zeroes the password. Exchanges already running keep working; new ones cannot start. */
    @Override
    public void destroy() {
        destroyed = true;
        if (password != null) {
            Arrays.fill(password, '\0');
        }
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    /** @return a description naming the identities and host; never the password */
    @Override
    public String toString() {
        return "SaslCredentials{username=" + username
            + (authzid == null ? "" : ", authzid=" + authzid)
            + ", service=" + service + ", host=" + host
            + ", password=" + (password == null ? "none" : destroyed ? "destroyed" : "present")
            + "}";
    }

    /** Builds {@link SaslCredentials}. Not thread-safe. */
    public static final class Builder {

        private @Nullable String username;
        private @Nullable String authzid;
        private char @Nullable [] password;
        private String service = XMPP_SERVICE;
        private @Nullable String host;

        private Builder() {
        }

        /**
         * @param username the authentication identity: the local part of the JID for XMPP
         * @return this builder
         */
        public Builder username(String username) {
            Objects.requireNonNull(username, "username");
            if (username.isEmpty()) {
                throw new IllegalArgumentException("empty username");
            }
            this.username = username;
            return this;
        }

        /**
         * @param authzid the identity to act as (a bare JID), or {@code null} for the default
         * @return this builder
         */
        public Builder authzid(@Nullable String authzid) {
            this.authzid = authzid == null || authzid.isEmpty() ? null : authzid;
            return this;
        }

        /**
         * @param password the password; copied, so the caller may zero its array right after
         *     {@link #build()}
         * @return this builder
         */
        public Builder password(char[] password) {
            Objects.requireNonNull(password, "password");
            this.password = password;
            return this;
        }

        /**
         * @param service the service name for DIGEST-MD5's {@code digest-uri}; {@value #XMPP_SERVICE}
         *     by default
         * @return this builder
         */
        public Builder service(String service) {
            Objects.requireNonNull(service, "service");
            if (service.isEmpty()) {
                throw new IllegalArgumentException("empty service");
            }
            this.service = service;
            return this;
        }

        /**
         * @param host the XMPP domain the client authenticates to; required
         * @return this builder
         */
        public Builder host(String host) {
            Objects.requireNonNull(host, "host");
            if (host.isEmpty()) {
                throw new IllegalArgumentException("empty host");
            }
            this.host = host;
            return this;
        }

        /**
         * @return the credentials
         * @throws IllegalStateException when no host was set
         */
        public SaslCredentials build() {
            if (host == null) {
                throw new IllegalStateException("host is required (the XMPP domain)");
            }
            return new SaslCredentials(this);
        }
    }
}
