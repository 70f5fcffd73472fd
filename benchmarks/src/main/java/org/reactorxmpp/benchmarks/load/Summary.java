package org.reactorxmpp.benchmarks.load;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reduces the runs of one mode: per contender the median of each numeric figure over the rounds,
 * and the ratio ours/Smack of every figure both have (a ratio above 1 means ours is higher: better
 * for rates, worse for times, memory and threads).
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
        byImpl.forEach((impl, figures) -> {
            Map<String, Double> m = new LinkedHashMap<>();
            figures.forEach((k, v) -> m.put(k, median(v)));
            medians.put(impl, m);
            out.put(impl, m);
        });
        Map<String, Double> ours = medians.get("ours");
        Map<String, Double> smack = medians.get("smack");
        if (ours != null && smack != null) {
            Map<String, Double> ratio = new LinkedHashMap<>();
            ours.forEach((k, v) -> {
                Double s = smack.get(k);
                if (s != null && s != 0) {
                    ratio.put(k, Latencies.round(v / s));
                }
            });
            out.put("ratioOursToSmack", ratio);
        }
        return out;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
