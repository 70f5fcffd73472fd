package org.reactorxmpp.bosh.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The key sequences of XEP-0124 section 15 ("Protecting Insecure Sessions"). From a random seed the
 * client computes {@code K(1) = hex(SHA-1(seed))} and {@code K(n) = hex(SHA-1(K(n-1)))} (lower-case hex,
 * SHA-1 over the ASCII of the previous key), announces {@code newkey=K(n)} in the session creation
 * request, then reveals {@code K(n-1), K(n-2), ...} one per request. With the request that reveals
 * {@code K(1)} it announces {@code newkey} of a fresh sequence. The connection manager checks that
 * {@code hex(SHA-1(key))} equals the previous request's key or newkey, so someone who sees a request
 * cannot forge the next one.
 *
 * <p>Not thread-safe: owned by one session's task loop. A resent request reuses its bytes, hence its key.
 */
final class BoshKeys {

    /** The key attributes of one request. */
    record Attributes(String key, @Nullable String newkey) {
    }

    /**
     * Seeded once, when this class is initialized: a new key sequence may start on an event loop, where
     * reading the operating system's entropy source (what {@code NativePRNG} does on every call) would block.
     */
    private static final SecureRandom RANDOM = seededRandom();
    private static final HexFormat HEX = HexFormat.of(); // lower case

    private final int length;
    /** {@code chain[i]} is {@code K(i + 1)}. */
    private String[] chain;
    /** Index in {@link #chain} of the key the next request reveals. */
    private int next;

    private BoshKeys(int length, String[] chain, int next) {
        this.length = length;
        this.chain = chain;
        this.next = next;
    }

    /**
     * Starts a sequence for a new session.
     *
     * @param length the number of keys per sequence, at least 2
     * @return the keys; {@link #newkey()} gives the creation request's attribute
     */
    static BoshKeys create(int length) {
        requireLength(length);
        String[] chain = chain(randomSeed(), length);
        return new BoshKeys(length, chain, length - 1);
    }

    /**
     * Continues the sequence of an attached session.
     *
     * @param remaining the keys not yet revealed, {@code K(1), K(2), ...} (as from {@link #remaining()})
     * @param length the length of later sequences, at least 2
     * @return the keys
     * @throws IllegalArgumentException when {@code remaining} is empty or not a key chain
     */
    static BoshKeys resume(List<String> remaining, int length) {
        requireLength(length);
        if (remaining.isEmpty()) {
            throw new IllegalArgumentException("no BOSH keys left to resume");
        }
        String[] chain = remaining.toArray(new String[0]);
        for (int i = 1; i < chain.length; i++) {
            if (!sha1Hex(chain[i - 1]).equals(chain[i])) {
                throw new IllegalArgumentException("BOSH keys do not form a SHA-1 chain at position " + (i + 1));
            }
        }
        return new BoshKeys(length, chain, chain.length - 1);
    }

    private static void requireLength(int length) {
        if (length < 2) {
            throw new IllegalArgumentException("BOSH key sequence length must be at least 2: " + length);
        }
    }

    /**
     * The key announced by the session creation request: {@code K(n)}. Call once, before {@link #next()}.
     *
     * @return {@code K(n)}
     */
    String newkey() {
        if (next != chain.length - 1 || chain.length != length) {
            throw new IllegalStateException("newkey() is only for the session creation request");
        }
        return chain[next--];
    }

    /**
     * The key attributes of the next request (a new rid; never call it for a resend).
     *
     * @return {@code key}, with {@code newkey} when this request reveals {@code K(1)} and starts a new sequence
     */
    Attributes next() {
        String key = chain[next];
        if (next > 0) {
            next--;
            return new Attributes(key, null);
        }
        chain = chain(randomSeed(), length);
        next = length - 1;
        return new Attributes(key, chain[next--]);
    }

    /** @return the keys not yet revealed, {@code K(1)} first, for handing the session over */
    List<String> remaining() {
        return List.of(Arrays.copyOf(chain, next + 1));
    }

    /**
     * @param seed the seed
     * @param length the number of keys
     * @return {@code K(1) .. K(length)}, at index 0 .. length - 1
     */
    static String[] chain(String seed, int length) {
        String[] chain = new String[length];
        String k = seed;
        for (int i = 0; i < length; i++) {
            k = sha1Hex(k);
            chain[i] = k;
        }
        return chain;
    }

    /**
     * @param text a seed or key
     * @return the lower-case hex SHA-1 of its ASCII (UTF-8) bytes
     */
    static String sha1Hex(String text) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            return HEX.formatHex(sha1.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is not available", e);
        }
    }

    private static SecureRandom seededRandom() {
        SecureRandom random;
        try {
            random = SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            random = new SecureRandom();
        }
        random.nextBytes(new byte[20]); // instantiate (and seed) it now
        return random;
    }

    private static String randomSeed() {
        byte[] seed = new byte[32];
        RANDOM.nextBytes(seed);
        return HEX.formatHex(seed);
    }
}
