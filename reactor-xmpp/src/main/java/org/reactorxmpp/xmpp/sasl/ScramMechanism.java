package org.reactorxmpp.xmpp.sasl;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * SCRAM (RFC 5802) with SHA-1, SHA-256 (RFC 7677) or SHA-512, without channel binding (the
 * {@code -PLUS} variants are not offered). Immutable and thread-safe.
 *
 * <p>The exchange verifies that the server nonce extends the client nonce, rejects a server
 * {@code e=} error or a mandatory extension ({@code m=}), and on success checks the server
 * signature {@code v=}: a missing or wrong signature fails with
 * {@link SaslCondition#SERVER_SIGNATURE_MISMATCH}.
 *
 * <p><b>Iteration-count bounds.</b> The server chooses how many PBKDF2 iterations the client computes.
 * A hostile or compromised server could ask for a huge count to burn the client's CPU (a denial of
 * service, multiplied by the number of sessions) or a tiny one to weaken the proof. The count must lie
 * within {@code [minIterations, maxIterations]}, by default [{@value #DEFAULT_MIN_ITERATIONS},
 * {@value #DEFAULT_MAX_ITERATIONS}] ({@value #DEFAULT_MIN_ITERATIONS} is the minimum RFC 7677 asks
 * servers for); otherwise the challenge fails with {@link SaslCondition#UNACCEPTABLE_CHALLENGE}.
 * Widen them with {@link #withIterationLimits(int, int)}.
 *
 * <p>The key derivation runs inside {@link SaslExchange#respond(byte[])} for the first challenge and
 * costs one HMAC per iteration: pure CPU work (no blocking), which a session may prefer to run on a
 * bounded scheduler when it authenticates many sessions at once.
 *
 * <pre>{@code
 * SaslMechanism scram = ScramMechanism.sha256().withIterationLimits(4096, 500_000);
 * }</pre>
 */
public final class ScramMechanism implements SaslMechanism {

    /** Default lowest iteration count accepted from a server. */
    public static final int DEFAULT_MIN_ITERATIONS = 4096;

    /** Default highest iteration count accepted from a server. */
    public static final int DEFAULT_MAX_ITERATIONS = 1_000_000;

    private static final Supplier<String> RANDOM_NONCE = () -> SaslRandom.nonce(18);

    private final String name;
    private final String hmacAlgorithm;
    private final String digestAlgorithm;
    private final int minIterations;
    private final int maxIterations;
    private final Supplier<String> nonceSource;

    private ScramMechanism(String name, String hmacAlgorithm, String digestAlgorithm, int minIterations,
                           int maxIterations, Supplier<String> nonceSource) {
        this.name = name;
        this.hmacAlgorithm = hmacAlgorithm;
        this.digestAlgorithm = digestAlgorithm;
        this.minIterations = minIterations;
        this.maxIterations = maxIterations;
        this.nonceSource = nonceSource;
    }

    /** @return SCRAM-SHA-1 with the default limits */
    public static ScramMechanism sha1() {
        return new ScramMechanism("SCRAM-SHA-1", "HmacSHA1", "SHA-1",
            DEFAULT_MIN_ITERATIONS, DEFAULT_MAX_ITERATIONS, RANDOM_NONCE);
    }

    /** @return SCRAM-SHA-256 with the default limits */
    public static ScramMechanism sha256() {
        return new ScramMechanism("SCRAM-SHA-256", "HmacSHA256", "SHA-256",
            DEFAULT_MIN_ITERATIONS, DEFAULT_MAX_ITERATIONS, RANDOM_NONCE);
    }

    /** @return SCRAM-SHA-512 with the default limits */
    public static ScramMechanism sha512() {
        return new ScramMechanism("SCRAM-SHA-512", "HmacSHA512", "SHA-512",
            DEFAULT_MIN_ITERATIONS, DEFAULT_MAX_ITERATIONS, RANDOM_NONCE);
    }

    /**
     * The same mechanism with other bounds for the server's iteration count.
     *
     * @param min lowest accepted count, at least 1
     * @param max highest accepted count, at least {@code min}
     * @return a new mechanism
     */
    public ScramMechanism withIterationLimits(int min, int max) {
        if (min < 1) {
            throw new IllegalArgumentException("minimum iteration count must be at least 1: " + min);
        }
        if (max < min) {
            throw new IllegalArgumentException("maximum iteration count " + max + " is below the minimum " + min);
        }
        return new ScramMechanism(name, hmacAlgorithm, digestAlgorithm, min, max, nonceSource);
    }

    /** Replaces the random client nonce, for reproducing published test vectors. Tests only. */
    ScramMechanism withNonceSource(Supplier<String> nonceSource) {
        return new ScramMechanism(name, hmacAlgorithm, digestAlgorithm, minIterations, maxIterations,
            Objects.requireNonNull(nonceSource, "nonceSource"));
    }

    /** @return the lowest iteration count accepted from a server */
    public int minIterations() {
        return minIterations;
    }

    /** @return the highest iteration count accepted from a server */
    public int maxIterations() {
        return maxIterations;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean sendsPasswordInClear() {
        return false;
    }

    @Override
    public SaslExchange start(SaslCredentials credentials) {
        Objects.requireNonNull(credentials, "credentials");
        return new ScramExchange(this, credentials, nonceSource.get());
    }

    String hmacAlgorithm() {
        return hmacAlgorithm;
    }

    String digestAlgorithm() {
        return digestAlgorithm;
    }

    @Override
    public String toString() {
        return name + "[iterations " + minIterations + ".." + maxIterations + "]";
    }
}
