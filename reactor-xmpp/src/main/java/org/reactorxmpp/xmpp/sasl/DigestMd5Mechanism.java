package org.reactorxmpp.xmpp.sasl;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * DIGEST-MD5 (RFC 2831), still needed for Cisco Unified Presence. Authentication only
 * ({@code qop=auth}): a server that offers only integrity or confidentiality protection is refused.
 * The {@code digest-uri} is {@code service/host} from the credentials ({@code xmpp/domain} for XMPP).
 * The server's {@code rspauth} is verified before success is accepted. Package-private; obtain it
 * from {@link SaslMechanisms#digestMd5()}.
 *
 * <p>RFC 6331 moved DIGEST-MD5 to Historic; prefer SCRAM where the server offers it.
 */
final class DigestMd5Mechanism implements SaslMechanism {

    static final String NAME = "DIGEST-MD5";

    private static final Supplier<String> RANDOM_CNONCE = () -> SaslRandom.nonce(16);

    static final DigestMd5Mechanism INSTANCE = new DigestMd5Mechanism(RANDOM_CNONCE);

    private final Supplier<String> cnonceSource;

    DigestMd5Mechanism(Supplier<String> cnonceSource) {
        this.cnonceSource = Objects.requireNonNull(cnonceSource, "cnonceSource");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean sendsPasswordInClear() {
        return false;
    }

    @Override
    public SaslExchange start(SaslCredentials credentials) {
        return new DigestMd5Exchange(credentials, cnonceSource.get());
    }

    @Override
    public String toString() {
        return NAME;
    }
}
