package org.reactorxmpp.bosh.internal;

import java.util.Optional;

/**
 * The registrable domain of a host name by the public suffix list (ICANN and private sections), through Guava's
 * {@code InternetDomainName}: compiled into Guava (no file is read, nothing blocks), kept current by its
 * releases. Guava is an optional dependency of this module: only the {@code seeOtherUriSameSite} opt-in needs
 * it, and asks for it at build time ({@link #available()}).
 */
public final class RegistrableDomain {

    private RegistrableDomain() {
    }

    /** @return whether Guava is on the class path */
    public static boolean available() {
        try {
            Class.forName("com.google.common.net.InternetDomainName", false, RegistrableDomain.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /**
     * @param host a lower-case host name (not an IP address)
     * @return its registrable domain ({@code example.co.uk} for {@code www.example.co.uk}), or empty when it has
     *     none (a public suffix itself, or not under one)
     * @throws IllegalStateException without Guava on the class path
     */
    public static Optional<String> of(String host) {
        if (!available()) {
            throw new IllegalStateException("the same-registrable-domain see-other-uri policy needs"
                + " com.google.guava:guava on the class path (public suffix list)");
        }
        return Psl.topPrivateDomain(host);
    }

    /** Loaded only when Guava is there. */
    private static final class Psl {
        static Optional<String> topPrivateDomain(String host) {
            try {
                com.google.common.net.InternetDomainName name = com.google.common.net.InternetDomainName.from(host);
                return name.isUnderPublicSuffix() ? Optional.of(name.topPrivateDomain().toString()) : Optional.empty();
            } catch (IllegalArgumentException | IllegalStateException e) {
                return Optional.empty();
            }
        }
    }
}
