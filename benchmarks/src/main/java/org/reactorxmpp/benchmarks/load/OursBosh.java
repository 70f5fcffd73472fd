package org.reactorxmpp.benchmarks.load;

import java.net.URI;
import java.time.Duration;
import org.reactorxmpp.bosh.BoshTransport;

/**
 * The BOSH transport every "ours" contender uses. Against Prosody its best setting is
 * {@code requestOrderGuard(Duration.ZERO)}: Prosody holds an early rid until the one before it arrives, so the
 * guard (100 ms by default, a fifth of it behind a request with payload; it exists for ejabberd 23.01, which
 * parks an early rid) only adds latency: with it a flood is paced at one 100-element body per 20 ms. The
 * library's default can be measured with {@code -Dbench.requestOrderGuardMs=100}.
 *
 * <p>The flood's body cap: {@code maxBodyElements} (library default 100) is chosen per run by {@link BodySweep}
 * (flood over BOSH), or fixed with {@code -Dbench.maxBodyElements=N}; the payload byte cap follows it
 * ({@link #maxBodySize(int)}) so that the element cap, not the 128 KiB default, decides. Every other mode uses the
 * library's defaults for both.
 */
final class OursBosh {

    /** The guard used by every run of this JVM, in milliseconds (system property {@code bench.requestOrderGuardMs}). */
    static final long ORDER_GUARD_MS = Long.getLong("bench.requestOrderGuardMs", 0L);
    /** The library's default {@code maxBodyElements}. */
    static final int DEFAULT_BODY_ELEMENTS = 100;
    /** A fixed body cap from {@code -Dbench.maxBodyElements}, or 0: swept ({@link BodySweep}). */
    static final int FIXED_BODY_ELEMENTS = Integer.getInteger("bench.maxBodyElements", 0);

    private static volatile int bodyElements = DEFAULT_BODY_ELEMENTS;

    private OursBosh() {
    }

    static BoshTransport transport(URI url) {
        int elements = bodyElements;
        BoshTransport.Builder b = BoshTransport.builder().url(url).requestOrderGuard(Duration.ofMillis(ORDER_GUARD_MS));
        if (elements != DEFAULT_BODY_ELEMENTS) {
            b.maxBodyElements(elements).maxBodySize(maxBodySize(elements));
        }
        return b.build();
    }

    /** @param elements the body cap the next transports use (the flood's, after {@link BodySweep}) */
    static void useBodyElements(int elements) {
        bodyElements = elements;
    }

    /** @return the body cap transports are made with now */
    static int bodyElements() {
        return bodyElements;
    }

    /** @return the payload byte cap that goes with an element cap: 512 bytes per element, at least the 128 KiB default */
    static int maxBodySize(int elements) {
        return Math.max(128 * 1024, elements * 512);
    }
}
