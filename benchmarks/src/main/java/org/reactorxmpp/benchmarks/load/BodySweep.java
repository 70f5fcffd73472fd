package org.reactorxmpp.benchmarks.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each library at its best setting, for the flood over BOSH: ours batches queued stanzas into bodies of at most
 * {@code maxBodyElements} (library default 100, so that one body cannot hold a connection manager for seconds),
 * and Prosody answers the request it holds only once it has processed the next body, so a flood keeps Prosody
 * busy only as long as one body lasts against the client's turnaround. After the JIT warm-up, this runs ours'
 * flood once per candidate cap (system property {@code bench.bodySweep}, default 100, 500 and 2,000: the raw
 * reference client sends up to 2,000 per body), each {@code bench.bodySweepRepeats} times (default 3) on a fresh
 * server with the rounds' message count, and the rounds use the cap with the highest median rate
 * ({@code -Dbench.maxBodyElements=N} fixes it instead). The JSON records every point and the choice
 * ({@code oursBodySweep}, {@code method.oursBoshMaxBodyElements}).
 *
 * <p>Until 2026-12-02 each cap was flooded once with the warm-up's count (100,000): the best cap for a long flood
 * is not the best for the rounds' 10,000 (with 2,000 per body a flood of 10,000 is seven bodies, one at a time in
 * Prosody), and one point per cap let the noise of a single run choose.
 */
final class BodySweep {

    private BodySweep() {
    }

    /** @return the fresh-server floods per candidate, the median rate decides (system property {@code bench.bodySweepRepeats}) */
    static int repeats() {
        int v = Integer.parseInt(System.getProperty("bench.bodySweepRepeats", "3").trim());
        if (v < 1) {
            throw new IllegalArgumentException("bench.bodySweepRepeats must be at least 1, not " + v);
        }
        return v;
    }

    /** @return the candidate caps (system property {@code bench.bodySweep}, comma-separated) */
    static List<Integer> candidates() {
        List<Integer> values = new ArrayList<>();
        for (String part : System.getProperty("bench.bodySweep", "100,500,2000").split(",")) {
            int v = Integer.parseInt(part.trim());
            if (v < 1) {
                throw new IllegalArgumentException("bench.bodySweep values must be at least 1, not " + v);
            }
            values.add(v);
        }
        return List.copyOf(values);
    }

    /**
     * Sweeps (or takes the fixed cap) and sets it for the transports of the rounds; any other run gets the
     * library's default.
     *
     * @return what was tried and chosen; empty when the run is not a flood of ours over BOSH
     */
    static Map<String, Object> run(HarnessOptions options, int concurrency) {
        Map<String, Object> out = new LinkedHashMap<>();
        OursBosh.useBodyElements(OursBosh.DEFAULT_BODY_ELEMENTS); // a run of another mode in this JVM set nothing
        Contender ours = options.contenders().stream().filter(c -> c.name().equals("ours")).findFirst().orElse(null);
        if (!options.mode().equals("flood") || options.transport() != TransportKind.BOSH || ours == null) {
            return out;
        }
        if (OursBosh.FIXED_BODY_ELEMENTS > 0) {
            OursBosh.useBodyElements(OursBosh.FIXED_BODY_ELEMENTS);
            out.put("fixed", OursBosh.FIXED_BODY_ELEMENTS);
            out.put("chosen", OursBosh.FIXED_BODY_ELEMENTS);
            return out;
        }
        if (options.jitWarmup() <= 0) {
            out.put("skipped", "no JIT warm-up (--jit-warmup 0): the library default");
            out.put("chosen", OursBosh.bodyElements());
            return out;
        }
        HarnessOptions sweep = options.forBodySweep();
        int repeats = repeats();
        List<Map<String, Object>> points = new ArrayList<>();
        int best = OursBosh.DEFAULT_BODY_ELEMENTS;
        double bestRate = -1;
        for (int elements : candidates()) {
            OursBosh.useBodyElements(elements);
            List<Double> rates = new ArrayList<>();
            List<Double> fractions = new ArrayList<>();
            long lost = 0;
            for (int i = 0; i < repeats; i++) {
                Map<String, Object> run = LoadHarness.runOnFreshServer(sweep, ours, 0, concurrency);
                rates.add(run.get("msgsPerSecond") instanceof Number n ? n.doubleValue() : 0.0);
                if (run.get("fractionOfServerBound") instanceof Number f) {
                    fractions.add(f.doubleValue());
                }
                lost += run.get("lost") instanceof Number l ? l.longValue() : sweep.count();
            }
            double rate = Summary.median(rates);
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("maxBodyElements", elements);
            point.put("maxBodySize", OursBosh.maxBodySize(elements));
            point.put("msgsPerSecond", rate);
            point.put("msgsPerSecondEach", rates);
            point.put("fractionOfServerBound", fractions.isEmpty() ? null : Summary.median(fractions));
            point.put("lost", lost);
            points.add(point);
            if (lost == 0 && rate > bestRate) {
                bestRate = rate;
                best = elements;
            }
        }
        OursBosh.useBodyElements(best);
        out.put("messagesPerPoint", sweep.count());
        out.put("repeatsPerPoint", repeats);
        out.put("points", points);
        out.put("chosen", best);
        return out;
    }
}
