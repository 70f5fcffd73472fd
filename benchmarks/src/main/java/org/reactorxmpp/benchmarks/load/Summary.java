package org.reactorxmpp.benchmarks.load;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reduces the runs of one mode: per contender the median of each numeric figure over the rounds
 * ({@code summary.IMPL}) and its min and max ({@code summary.range.IMPL.FIGURE = [min, max]}); the
 * ratio ours/Smack of every figure both have (above 1 means ours is higher: better for rates, worse
 * for times, CPU, memory and threads); and, where the raw reference ran, each library's median as a
 * fraction of the raw client's ({@code fractionOfRaw}).
 */
final class Summary {

    private Summary() {
    }

    static Map<String, Object> of(List<Map<String, Object>> runs) {
        Map<String, Map<String, List<Double>>> byImpl = new LinkedHashMap<>();
        for (Map<String, Object> run : runs) {
            Map<String, List<Double>> figures = byImpl.computeIfAbsent((String) run.get("impl"), k -> new LinkedHashMap<>());
            for (Map.Entry<String, Object> e : run.entrySet()) {
                if (e.getValue() instanceof Number number && !e.getKey().equals("round")) {
                    figures.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(number.doubleValue());
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Map<String, Double>> medians = new LinkedHashMap<>();
        Map<String, Object> ranges = new LinkedHashMap<>();
        byImpl.forEach((impl, figures) -> {
            Map<String, Double> m = new LinkedHashMap<>();
            Map<String, List<Double>> r = new LinkedHashMap<>();
            figures.forEach((k, v) -> {
                m.put(k, median(v));
                r.put(k, List.of(Collections.min(v), Collections.max(v)));
            });
            medians.put(impl, m);
            out.put(impl, m);
            ranges.put(impl, r);
        });
        out.put("range", ranges);
        Map<String, Double> ours = medians.get("ours");
        Map<String, Double> smack = medians.get("smack");
        if (ours != null && smack != null) {
            out.put("ratioOursToSmack", ratios(ours, smack));
        }
        Map<String, Double> raw = medians.get("raw");
        if (raw != null) {
            Map<String, Object> fractions = new LinkedHashMap<>();
            for (String impl : List.of("ours", "smack")) {
                if (medians.containsKey(impl)) {
                    fractions.put(impl, ratios(medians.get(impl), raw));
                }
            }
            out.put("fractionOfRaw", fractions);
        }
        return out;
    }

    /**
     * Adds {@code clientCpuOverScramFloor} (client CPU per login over one PBKDF2 derivation's CPU:
     * 1.0 is the floor) to each contender's medians.
     */
    @SuppressWarnings("unchecked")
    static void addScramFloor(Map<?, ?> summary, double floorMs) {
        for (String impl : List.of("ours", "smack")) {
            if (summary.get(impl) instanceof Map<?, ?> m && m.get("clientCpuMsPerLogin") instanceof Double perLogin
                && floorMs > 0) {
                ((Map<String, Double>) m).put("clientCpuOverScramFloor", Latencies.round(perLogin / floorMs));
            }
        }
    }

    private static Map<String, Double> ratios(Map<String, Double> a, Map<String, Double> b) {
        Map<String, Double> ratio = new LinkedHashMap<>();
        a.forEach((k, v) -> {
            Double s = b.get(k);
            if (s != null && s != 0) {
                ratio.put(k, Latencies.round(v / s));
            }
        });
        return ratio;
    }

    /** @return the median of {@code values} (the mean of the middle two for an even count) */
    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
