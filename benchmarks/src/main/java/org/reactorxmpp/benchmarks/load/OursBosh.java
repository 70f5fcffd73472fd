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
 */
final class OursBosh {

    /** The guard used by every run of this JVM, in milliseconds (system property {@code bench.requestOrderGuardMs}). */
    static final long ORDER_GUARD_MS = Long.getLong("bench.requestOrderGuardMs", 0L);

    private OursBosh() {
    }

    static BoshTransport transport(URI url) {
        return BoshTransport.builder().url(url).requestOrderGuard(Duration.ofMillis(ORDER_GUARD_MS)).build();
    }
}
