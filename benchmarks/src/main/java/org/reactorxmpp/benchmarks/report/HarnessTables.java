package org.reactorxmpp.benchmarks.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The load harness's tables (method version 2: a fresh server per contender per round, medians
 * with min-max over the rounds, CPU per operation, the raw reference). Files written by the older
 * method (one shared server) carry no {@code method.version} and are not tabled: their figures are
 * withdrawn in RESULTS.md.
 */
final class HarnessTables {

    static final List<String> IMPLS = List.of("ours", "smack", "raw");
    /** The field the report adds to each file read: its path as RESULTS.md names it. */
    static final String SOURCE = "_source";

    private HarnessTables() {
    }

    /** @return whether the file was written with the current method */
    static boolean currentMethod(JsonNode file) {
        return file.path("method").path("version").asInt(0) >= 2;
    }

    static String sourceLine(List<JsonNode> files) {
        StringBuilder sb = new StringBuilder("Source: ");
        for (JsonNode f : files) {
            String name = f.path(SOURCE).asText(String.format(Locale.ROOT, "results/%s-%d.json", f.path("mode").asText(),
                f.path("count").asInt()));
            sb.append(String.format(Locale.ROOT, "`%s` (%s, %d rounds, load average at start %.2f); ", name,
                f.path("date").asText(),
                f.path("method").path("rounds").asInt(), f.path("machine").path("loadAverageAtStart").asDouble()));
        }
        return sb.toString().replaceAll("; $", ".") + " Figures: median over the rounds (min-max in brackets);"
            + " every contender in every round on a fresh Prosody.\n\n";
    }

    /** The median of a figure with its min-max over the rounds when they differ. */
    static String spread(JsonNode file, String impl, String field) {
        JsonNode m = file.path("summary").path(impl).path(field);
        if (m.isMissingNode()) {
            return "";
        }
        JsonNode r = file.path("summary").path("range").path(impl).path(field);
        String median = num(m.asDouble());
        if (r.size() == 2 && r.get(0).asDouble() != r.get(1).asDouble()) {
            return median + " (" + num(r.get(0).asDouble()) + "-" + num(r.get(1).asDouble()) + ")";
        }
        return median;
    }

    static String value(JsonNode file, String impl, String field) {
        JsonNode m = file.path("summary").path(impl).path(field);
        return m.isMissingNode() ? "" : num(m.asDouble());
    }

    static String ratio(JsonNode file, String section, String impl, String field) {
        JsonNode r = section.equals("ratioOursToSmack") ? file.path("summary").path(section).path(field)
            : file.path("summary").path(section).path(impl).path(field);
        return r.isMissingNode() ? "" : String.format(Locale.ROOT, "%.2f", r.asDouble());
    }

    static String login(List<JsonNode> files) {
        StringBuilder t = new StringBuilder(sourceLine(files)).append(
            "| impl | N | concurrency | logins/s | login p99 ms | failures | threads held | heap/session | client CPU ms/login"
                + " | server CPU ms/login | client CPU / SCRAM floor |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (JsonNode f : files) {
            for (String impl : IMPLS) {
                if (f.path("summary").path(impl).isMissingNode()) {
                    continue;
                }
                t.append(row(impl, f.path("count").asText(), value(f, impl, "concurrency"),
                    spread(f, impl, "loginsPerSecond"), spread(f, impl, "loginP99Ms"), value(f, impl, "failures"),
                    value(f, impl, "liveThreadsHeld"),
                    kb(f.path("summary").path(impl).path("heapPerSessionBytes").asDouble()),
                    spread(f, impl, "clientCpuMsPerLogin"), spread(f, impl, "serverCpuMsPerLogin"),
                    value(f, impl, "clientCpuOverScramFloor")));
            }
            if (f.path("summary").has("ratioOursToSmack")) {
                t.append(row("ours/Smack", f.path("count").asText(), "", ratio(f, "ratioOursToSmack", "", "loginsPerSecond"),
                    ratio(f, "ratioOursToSmack", "", "loginP99Ms"), "", ratio(f, "ratioOursToSmack", "", "liveThreadsHeld"), ratio(f, "ratioOursToSmack", "", "heapPerSessionBytes"),
                    ratio(f, "ratioOursToSmack", "", "clientCpuMsPerLogin"), "", ""));
            }
            JsonNode floor = f.path("scramFloor");
            if (!floor.isMissingNode()) {
                t.append(String.format(Locale.ROOT, "%nSCRAM floor (N = %s): one PBKDF2-HMAC-SHA1 derivation, %d iterations,"
                    + " costs %s ms CPU on this JVM.%n", f.path("count").asText(), floor.path("iterations").asInt(),
                    num(floor.path("cpuMsPerDerivation").asDouble())));
            }
        }
        return t.toString();
    }

    static String sweep(List<JsonNode> files) {
        StringBuilder t = new StringBuilder("Logins/s and client CPU ms per login at each concurrency (one run each, fresh"
            + " server each); the rounds above ran each library at its best.\n\n"
            + "| N | impl | concurrency | logins/s | client CPU ms/login | login p50 / max ms | threads held | failures |\n"
            + "|---:|---|---:|---:|---:|---:|---:|---:|\n");
        boolean any = false;
        for (JsonNode f : files) {
            for (JsonNode p : f.path("sweep")) {
                any = true;
                t.append(row(f.path("count").asText(), p.path("impl").asText(), p.path("concurrency").asText(),
                    num(p.path("loginsPerSecond").asDouble()), num(p.path("clientCpuMsPerLogin").asDouble()),
                    num(p.path("loginP50Ms").asDouble(-1)) + " / " + num(p.path("loginMaxMs").asDouble(-1)),
                    p.path("liveThreadsHeld").asText(), p.path("failures").asText()));
            }
        }
        return any ? t.toString() : "";
    }

    static String rtt(List<JsonNode> files) {
        return rtt(files, true);
    }

    /**
     * @param httpFloor whether the files have BOSH's HTTP floor (over TCP and WebSocket the raw
     *     client's RTT is the floor: the columns are left out)
     */
    static String rtt(List<JsonNode> files, boolean httpFloor) {
        StringBuilder t = new StringBuilder(sourceLine(files)).append(httpFloor
            ? "| impl | M | p50 ms | p99 ms | client CPU ms/round trip | server CPU ms/round trip | 2x HTTP floor + server CPU ms"
                + " | p50 over it ms | p50 / raw p50 |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n"
            : "| impl | M | p50 ms | p99 ms | client CPU ms/round trip | server CPU ms/round trip | p50 / raw p50 |\n"
                + "|---|---:|---:|---:|---:|---:|---:|\n");
        for (JsonNode f : files) {
            for (String impl : IMPLS) {
                if (f.path("summary").path(impl).isMissingNode()) {
                    continue;
                }
                List<String> cells = new java.util.ArrayList<>(List.of(impl, f.path("count").asText(),
                    spread(f, impl, "p50Ms"), spread(f, impl, "p99Ms"), spread(f, impl, "clientCpuMsPerRoundTrip"),
                    spread(f, impl, "serverCpuMsPerRoundTrip")));
                if (httpFloor) {
                    cells.add(value(f, impl, "serverFloorP50Ms"));
                    cells.add(value(f, impl, "overServerFloorP50Ms"));
                }
                cells.add(ratio(f, "fractionOfRaw", impl, "p50Ms"));
                t.append(row(cells.toArray(String[]::new)));
            }
            if (f.path("summary").has("ratioOursToSmack")) {
                List<String> cells = new java.util.ArrayList<>(List.of("ours/Smack", "", ratio(f, "ratioOursToSmack", "", "p50Ms"),
                    ratio(f, "ratioOursToSmack", "", "p99Ms"), ratio(f, "ratioOursToSmack", "", "clientCpuMsPerRoundTrip"), ""));
                cells.addAll(httpFloor ? List.of("", "", "") : List.of(""));
                t.append(row(cells.toArray(String[]::new)));
            }
        }
        return t.toString();
    }

    /**
     * The lines before a TCP or WebSocket table: the transport each contender really used (Smack 4.4.8
     * has no WebSocket connection, so its rows there are TCP), and, for files that are not 3 rounds on
     * a quiet machine (load average at start under half the cores), that the figures are indicative.
     */
    static String transportNote(List<JsonNode> files) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode f : files) {
            StringBuilder wires = new StringBuilder();
            f.path("method").path("contenderTransports").fields()
                .forEachRemaining(e -> wires.append(wires.length() == 0 ? "" : ", ").append(e.getKey()).append(" over ")
                    .append(e.getValue().asText()));
            int rounds = f.path("method").path("rounds").asInt();
            double load = f.path("machine").path("loadAverageAtStart").asDouble();
            int cores = Math.max(1, f.path("machine").path("cores").asInt(1));
            boolean busy = load >= cores / 2.0;
            sb.append(String.format(Locale.ROOT, "%s %d:%s %s.%n%n", f.path("mode").asText(), f.path("count").asInt(),
                rounds < 3 || busy ? String.format(Locale.ROOT, " **indicative, %d round%s%s**;", rounds, rounds == 1 ? "" : "s",
                    busy ? String.format(Locale.ROOT, ", busy machine (load average %.2f on %d cores)", load, cores) : "") : "",
                wires.length() == 0 ? "transport " + f.path("transport").asText() : wires));
        }
        return sb.toString();
    }

    static String flood(List<JsonNode> files) {
        StringBuilder t = new StringBuilder(sourceLine(files)).append(
            "| impl | M | msgs/s | lost / dup / out of order | client CPU ms/msg (send + receive) | client CPU ms/msg sent"
                + " | client CPU ms/msg received | server CPU ms/msg | server-bound msgs/s | fraction of server bound"
                + " | msgs/s / raw msgs/s |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (JsonNode f : files) {
            for (String impl : IMPLS) {
                if (f.path("summary").path(impl).isMissingNode()) {
                    continue;
                }
                t.append(row(impl, f.path("count").asText(), spread(f, impl, "msgsPerSecond"),
                    value(f, impl, "lost") + " / " + value(f, impl, "duplicated") + " / " + value(f, impl, "outOfOrder"),
                    spread(f, impl, "clientCpuMsPerMessage"), spread(f, impl, "sendClientCpuMsPerMessage"),
                    spread(f, impl, "receiveClientCpuMsPerMessage"), spread(f, impl, "serverCpuMsPerMessage"),
                    value(f, impl, "serverBoundMsgsPerSecond"), value(f, impl, "fractionOfServerBound"),
                    ratio(f, "fractionOfRaw", impl, "msgsPerSecond")));
            }
            if (f.path("summary").has("ratioOursToSmack")) {
                t.append(row("ours/Smack", "", ratio(f, "ratioOursToSmack", "", "msgsPerSecond"), "",
                    ratio(f, "ratioOursToSmack", "", "clientCpuMsPerMessage"),
                    ratio(f, "ratioOursToSmack", "", "sendClientCpuMsPerMessage"),
                    ratio(f, "ratioOursToSmack", "", "receiveClientCpuMsPerMessage"), "", "", "", ""));
            }
        }
        return t.toString();
    }

    static String fanout(List<JsonNode> files) {
        StringBuilder t = new StringBuilder(sourceLine(files)).append(
            "| impl | sessions | duration s | sent | delivered | answered | delivery p50 ms | p99 ms | client CPU ms/delivered"
                + " | server CPU ms/delivered | max threads | peak heap MB | drops |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (JsonNode f : files) {
            for (JsonNode r : f.path("runs")) {
                double peak = 0;
                for (JsonNode s : r.path("samples")) {
                    peak = Math.max(peak, s.path("heapUsedBytes").asDouble());
                }
                t.append(row(r.path("impl").asText(), r.path("sessions").asText(), num(r.path("durationSeconds").asDouble()),
                    r.path("sent").asText(), r.path("delivered").asText(), r.path("answered").asText(),
                    num(r.path("deliveryP50Ms").asDouble()), num(r.path("deliveryP99Ms").asDouble()),
                    num(r.path("clientCpuMsPerDelivered").asDouble(-1)), num(r.path("serverCpuMsPerDelivered").asDouble(-1)),
                    r.path("maxLiveThreads").asText(), num(peak / 1024 / 1024), r.path("drops").asText()));
            }
        }
        return t.toString();
    }

    /**
     * The fan-out's heap and live threads over time: for every run, the sample nearest each
     * {@code step} seconds of the metered phase (heap used as sampled, so it includes garbage not yet
     * collected; the soak table has the heap after GC).
     */
    static String fanoutOverTime(List<JsonNode> files, double step) {
        double longest = 0;
        for (JsonNode f : files) {
            for (JsonNode r : f.path("runs")) {
                longest = Math.max(longest, r.path("durationSeconds").asDouble());
            }
        }
        int columns = (int) Math.floor(longest / step) + 1;
        StringBuilder head = new StringBuilder("| impl | sessions | figure |");
        StringBuilder rule = new StringBuilder("|---|---:|---|");
        for (int c = 0; c < columns; c++) {
            head.append(' ').append(num(c * step)).append(" s |");
            rule.append("---:|");
        }
        StringBuilder t = new StringBuilder(sourceLine(files)).append(head).append('\n').append(rule).append('\n');
        for (JsonNode f : files) {
            for (JsonNode r : f.path("runs")) {
                JsonNode samples = r.path("samples");
                if (samples.isEmpty()) {
                    continue;
                }
                String[] heap = new String[columns + 3];
                String[] threads = new String[columns + 3];
                String[] delivered = new String[columns + 3];
                heap[0] = threads[0] = delivered[0] = r.path("impl").asText();
                heap[1] = threads[1] = delivered[1] = r.path("sessions").asText();
                heap[2] = "heap used MB";
                threads[2] = "live threads";
                delivered[2] = "delivered so far";
                for (int c = 0; c < columns; c++) {
                    JsonNode s = nearest(samples, c * step);
                    boolean near = Math.abs(s.path("seconds").asDouble() - c * step) <= step / 2;
                    heap[c + 3] = near ? num(s.path("heapUsedBytes").asDouble() / 1024 / 1024) : "";
                    threads[c + 3] = near ? s.path("liveThreads").asText() : "";
                    delivered[c + 3] = near ? s.path("delivered").asText() : "";
                }
                t.append(row(heap)).append(row(threads)).append(row(delivered));
            }
        }
        return t.toString();
    }

    private static JsonNode nearest(JsonNode samples, double seconds) {
        JsonNode best = samples.get(0);
        for (JsonNode s : samples) {
            if (Math.abs(s.path("seconds").asDouble() - seconds) < Math.abs(best.path("seconds").asDouble() - seconds)) {
                best = s;
            }
        }
        return best;
    }

    static String soak(List<JsonNode> files) {
        StringBuilder t = new StringBuilder(sourceLine(files)).append(
            "| impl | sessions | duration s | heap/session | heap slope after GC KB/min | threads before / min-max"
                + " | drops | failed pings |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (JsonNode f : files) {
            for (JsonNode r : f.path("runs")) {
                t.append(row(r.path("impl").asText(), r.path("sessions").asText(), num(r.path("durationSeconds").asDouble()),
                    kb(r.path("heapPerSessionBytes").asDouble()),
                    String.format(Locale.ROOT, "%.1f", r.path("heapSlopeBytesPerMinute").asDouble() / 1024),
                    r.path("liveThreadsBefore").asText() + " / " + r.path("minLiveThreads").asText() + "-"
                        + r.path("maxLiveThreads").asText(), r.path("drops").asText(), r.path("pingFailures").asText()));
            }
        }
        return t.toString();
    }

    /** Adds the medians of the current method's files to the load chart. */
    static void chart(SvgBarChart chart, Map<String, List<JsonNode>> byMode) {
        for (JsonNode f : byMode.getOrDefault("login", List.of())) {
            group(chart, f, "login " + f.path("count").asInt() + ": logins/s", "loginsPerSecond");
            group(chart, f, "login " + f.path("count").asInt() + ": client CPU ms/login", "clientCpuMsPerLogin");
        }
        for (JsonNode f : byMode.getOrDefault("rtt", List.of())) {
            group(chart, f, "rtt " + f.path("count").asInt() + ": p50 ms (lower is better)", "p50Ms");
        }
        for (JsonNode f : byMode.getOrDefault("flood", List.of())) {
            group(chart, f, "flood " + f.path("count").asInt() + ": msgs/s", "msgsPerSecond");
            group(chart, f, "flood " + f.path("count").asInt() + ": client CPU ms/msg", "clientCpuMsPerMessage");
        }
        for (JsonNode f : byMode.getOrDefault("fanout", List.of())) {
            group(chart, f, "fanout " + f.path("count").asInt() + ": client CPU ms/delivered", "clientCpuMsPerDelivered");
            group(chart, f, "fanout " + f.path("count").asInt() + ": delivery p99 ms", "deliveryP99Ms");
        }
    }

    private static void group(SvgBarChart chart, JsonNode f, String label, String field) {
        boolean any = false;
        for (String impl : IMPLS) {
            JsonNode v = f.path("summary").path(impl).path(field);
            if (!v.isMissingNode()) {
                if (!any) {
                    chart.group(label);
                    any = true;
                }
                chart.bar(impl.equals("smack") ? "Smack" : impl, v.asDouble());
            }
        }
    }

    private static String row(String... cells) {
        return "| " + String.join(" | ", cells) + " |\n";
    }

    static String kb(double bytes) {
        return String.format(Locale.ROOT, "%.1f KB", bytes / 1024);
    }

    static String num(double v) {
        return v < 0 ? "n/a" : SvgBarChart.format(v);
    }
}
