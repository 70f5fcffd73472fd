package org.reactorxmpp.benchmarks.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

/** Builds the figures of a {@code login} run, the same way for every contender. */
final class LoginFigures {

    private LoginFigures() {
    }

    static Map<String, Object> of(int n, int loggedIn, int pingFailures, int closeFailures, long start,
                                  long loggedInAt, long closeStart, long end, ProcessStats before, ProcessStats held,
                                  long cpuEnd, Queue<String> errors) {
        Map<String, Object> m = new LinkedHashMap<>();
        double loginSeconds = (loggedInAt - start) / 1e9;
        int sessions = Math.max(1, loggedIn);
        m.put("n", n);
        m.put("loggedIn", loggedIn);
        m.put("failures", (n - loggedIn) + pingFailures + closeFailures);
        m.put("loginFailures", n - loggedIn);
        m.put("pingFailures", pingFailures);
        m.put("closeFailures", closeFailures);
        m.put("loginSeconds", Latencies.round(loginSeconds));
        m.put("loginsPerSecond", Latencies.round(loggedIn / Math.max(1e-9, loginSeconds)));
        m.put("closeSeconds", Latencies.round((end - closeStart) / 1e9));
        m.put("liveThreadsBefore", before.liveThreads());
        m.put("liveThreadsHeld", held.liveThreads());
        m.put("heapPerSessionBytes", Math.round((held.heapAfterGcBytes() - before.heapAfterGcBytes()) / (double) sessions));
        m.put("rssPerSessionBytes", before.rssBytes() < 0 ? -1
            : Math.round((held.rssBytes() - before.rssBytes()) / (double) sessions));
        m.put("clientCpuSecondsWholeRun", Latencies.round((cpuEnd - before.cpuNanos()) / 1e9));
        List<String> first = new ArrayList<>();
        for (String e : errors) {
            if (first.size() == 5) {
                break;
            }
            first.add(e);
        }
        m.put("firstErrors", first);
        return m;
    }
}
