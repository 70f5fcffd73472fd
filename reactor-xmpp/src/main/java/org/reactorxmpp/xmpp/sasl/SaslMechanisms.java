package org.reactorxmpp.xmpp.sasl;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The mechanisms this library implements, by factory method or by name.
 *
 * <pre>{@code
 * SaslMechanism scram = SaslMechanisms.scramSha256();
 * Optional<SaslMechanism> digest = SaslMechanisms.byName("DIGEST-MD5");
 * }</pre>
 */
public final class SaslMechanisms {

    /**
     * The default preference, strongest first: SCRAM-SHA-512, SCRAM-SHA-256, SCRAM-SHA-1, DIGEST-MD5,
     * PLAIN. ANONYMOUS and EXTERNAL are used only when enabled explicitly.
     */
    public static final List<String> DEFAULT_PREFERENCE =
        List.of("SCRAM-SHA-512", "SCRAM-SHA-256", "SCRAM-SHA-1", DigestMd5Mechanism.NAME, PlainMechanism.NAME);

    private static final ScramMechanism SCRAM_SHA_1 = ScramMechanism.sha1();
    private static final ScramMechanism SCRAM_SHA_256 = ScramMechanism.sha256();
    private static final ScramMechanism SCRAM_SHA_512 = ScramMechanism.sha512();
    private static final AnonymousMechanism ANONYMOUS = new AnonymousMechanism(null);

    private SaslMechanisms() {
    }

    /** @return SCRAM-SHA-1 (RFC 5802) with the default iteration limits */
    public static ScramMechanism scramSha1() {
        return SCRAM_SHA_1;
    }

    /** @return SCRAM-SHA-256 (RFC 7677) with the default iteration limits */
    public static ScramMechanism scramSha256() {
        return SCRAM_SHA_256;
    }

    /** @return SCRAM-SHA-512 with the default iteration limits */
    public static ScramMechanism scramSha512() {
        return SCRAM_SHA_512;
    }

    /** @return DIGEST-MD5 (RFC 2831), {@code qop=auth} only */
    public static SaslMechanism digestMd5() {
        return DigestMd5Mechanism.INSTANCE;
    }

    /** @return PLAIN (RFC 4616): sends the password in clear */
    public static SaslMechanism plain() {
        return PlainMechanism.INSTANCE;
    }

    /** @return ANONYMOUS (RFC 4505) without trace information */
    public static SaslMechanism anonymous() {
        return ANONYMOUS;
    }

    /**
     * @param trace trace information for the server's logs (an email address or a token, 1 to 255
     *     characters), or {@code null} for none
     * @return ANONYMOUS (RFC 4505) sending that trace
     */
    public static SaslMechanism anonymous(@Nullable String trace) {
        return trace == null ? ANONYMOUS : new AnonymousMechanism(trace);
    }

    /** @return EXTERNAL (RFC 4422 appendix A): sends the authzid, or nothing */
    public static SaslMechanism external() {
        return ExternalMechanism.INSTANCE;
    }

    /**
     * A mechanism by its registered name, case-insensitively.
     *
     * @param name for example {@code SCRAM-SHA-1}
     * @return the mechanism with default settings, empty when this library does not implement it
     */
    public static Optional<SaslMechanism> byName(String name) {
        switch (name.trim().toUpperCase(Locale.ROOT)) {
            case "SCRAM-SHA-1":
                return Optional.of(SCRAM_SHA_1);
            case "SCRAM-SHA-256":
                return Optional.of(SCRAM_SHA_256);
            case "SCRAM-SHA-512":
                return Optional.of(SCRAM_SHA_512);
            case DigestMd5Mechanism.NAME:
                return Optional.of(DigestMd5Mechanism.INSTANCE);
            case PlainMechanism.NAME:
                return Optional.of(PlainMechanism.INSTANCE);
            case AnonymousMechanism.NAME:
                return Optional.of(ANONYMOUS);
            case ExternalMechanism.NAME:
                return Optional.of(ExternalMechanism.INSTANCE);
            default:
                return Optional.empty();
        }
    }
}
