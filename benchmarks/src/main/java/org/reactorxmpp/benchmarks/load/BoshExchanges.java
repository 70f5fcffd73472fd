package org.reactorxmpp.benchmarks.load;

import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import org.reactorxmpp.xmpp.transport.TransportObserver;

/**
 * Counts the HTTP exchanges of ours' BOSH flood (the library's {@link TransportObserver}, one call per exchange):
 * requests with payload (the sender's bodies) and empty ones (mostly the receiver's keep-alives), and how long the
 * bodies' exchanges lasted (posted to answered; Prosody answers a body's request once it has processed the next
 * body). It shows what bounds the flood: bodies per second and elements per body.
 */
final class BoshExchanges implements TransportObserver {

    private final LongAdder bodies = new LongAdder();
    private final LongAdder bodyNanos = new LongAdder();
    private final LongAdder empty = new LongAdder();

    @Override
    public void exchange(Outcome outcome, boolean payload, long nanos) {
        if (payload) {
            bodies.increment();
            bodyNanos.add(nanos);
        } else {
            empty.increment();
        }
    }

    /** Forgets what was counted (the logins), so that only the measured phase counts. */
    void reset() {
        bodies.reset();
        bodyNanos.reset();
        empty.reset();
    }

    /**
     * Adds bodies, bodiesPerSecond, elementsPerBody, bodyExchangeMeanMs and emptyExchanges to a flood's figures.
     *
     * @param out the flood's figures (its {@code seconds} and {@code received})
     */
    void put(Map<String, Object> out) {
        long n = bodies.sum();
        double seconds = out.get("seconds") instanceof Number s ? s.doubleValue() : 0;
        long received = out.get("received") instanceof Number r ? r.longValue() : 0;
        out.put("bodies", n);
        out.put("emptyExchanges", empty.sum());
        if (n > 0) {
            out.put("elementsPerBody", Latencies.round((double) received / n));
            out.put("bodyExchangeMeanMs", Latencies.round(bodyNanos.sum() / 1e6 / n));
            if (seconds > 0) {
                out.put("bodiesPerSecond", Latencies.round(n / seconds));
            }
        }
    }
}
