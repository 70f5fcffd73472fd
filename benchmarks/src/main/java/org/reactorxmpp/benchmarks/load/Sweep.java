package org.reactorxmpp.benchmarks.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds each library's best login concurrency: one login run per library and concurrency, each on a
 * fresh server; the best is the highest logins/s among the runs without failures (or the highest
 * of all when every run failed somewhere). Sessions are held 1 s in the sweep. The rounds then run
 * each library at its own best.
 */
final class Sweep {

    private Sweep() {
    }

    /**
     * @param options the command line (its sweep list and contenders)
     * @param best filled with each contender's best concurrency
     * @return one entry per sweep run: impl, concurrency, loginsPerSecond, clientCpuMsPerLogin, failures
     */
    static List<Map<String, Object>> run(HarnessOptions options, Map<String, Integer> best) {
        List<Map<String, Object>> points = new ArrayList<>();
        HarnessOptions brief = options.withHold(Duration.ofSeconds(1));
        for (Contender contender : options.contenders()) {
            double bestRate = -1;
            boolean bestClean = false;
            for (int c : options.sweep()) {
                Map<String, Object> run = LoadHarness.runOnFreshServer(brief, contender, 0, c);
                Map<String, Object> point = new LinkedHashMap<>();
                point.put("impl", contender.name());
                point.put("concurrency", c);
                for (String key : List.of("loginsPerSecond", "clientCpuMsPerLogin", "serverCpuMsPerLogin",
                    "loginP50Ms", "loginMaxMs", "liveThreadsHeld", "failures")) {
                    point.put(key, run.get(key));
                }
                points.add(point);
                double rate = run.get("loginsPerSecond") instanceof Number n ? n.doubleValue() : -1;
                boolean clean = run.get("failures") instanceof Number f && f.intValue() == 0;
                if ((clean && !bestClean) || (clean == bestClean && rate > bestRate)) {
                    bestRate = rate;
                    bestClean = clean;
                    best.put(contender.name(), c);
                }
            }
            System.err.printf("LoadHarness: sweep: %s is best at concurrency %d (%.1f logins/s)%n",
                contender.name(), best.get(contender.name()), bestRate);
        }
        return points;
    }
}
