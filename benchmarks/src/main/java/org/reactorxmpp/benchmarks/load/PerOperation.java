package org.reactorxmpp.benchmarks.load;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Turns a run's meter into figures per operation (login, round trip, message) and relates them to
 * what bounds them: the HTTP floor and the server's CPU per round trip (rtt), and the rate at which
 * Prosody, single-threaded, would be saturated by the client's own traffic (flood).
 */
final class PerOperation {

    private PerOperation() {
    }

    static Map<String, Object> of(String mode, Map<String, Object> figures, Meter meter,
                                  @Nullable Map<String, Object> floor) {
        Map<String, Object> out = new LinkedHashMap<>();
        switch (mode) {
            case "login" -> out.putAll(meter.figures("Login", number(figures, "loggedIn")));
            case "rtt" -> {
                out.putAll(meter.figures("RoundTrip", number(figures, "samples")));
                if (floor != null) {
                    out.put("floor", floor);
                    double http = ((Number) floor.get("p50Ms")).doubleValue();
                    double p50 = ((Number) figures.getOrDefault("p50Ms", -1.0)).doubleValue();
                    // the least an A to B to A exchange can cost is two HTTP exchanges plus the server's own work
                    out.put("overFloorP50Ms", Latencies.round(p50 - 2 * http));
                    if (out.get("serverCpuMsPerRoundTrip") instanceof Double server) {
                        out.put("serverFloorP50Ms", Latencies.round(2 * http + server));
                        out.put("overServerFloorP50Ms", Latencies.round(p50 - 2 * http - server));
                    }
                }
            }
            case "flood" -> {
                out.putAll(meter.figures("Message", number(figures, "sent") - number(figures, "lost")));
                if (out.get("serverCpuMsPerMessage") instanceof Double server && server > 0) {
                    // Prosody runs on one core: this is the rate at which its CPU would be saturated
                    out.put("serverBoundMsgsPerSecond", Latencies.round(1000 / server));
                    double rate = ((Number) figures.getOrDefault("msgsPerSecond", 0.0)).doubleValue();
                    out.put("fractionOfServerBound", Latencies.round(rate * server / 1000));
                }
            }
            default -> {
                // fanout and soak measure themselves
            }
        }
        return out;
    }

    private static long number(Map<String, Object> figures, String key) {
        return figures.get(key) instanceof Number n ? n.longValue() : 0;
    }
}
