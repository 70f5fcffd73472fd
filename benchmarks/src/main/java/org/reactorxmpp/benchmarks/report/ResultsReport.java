package org.reactorxmpp.benchmarks.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Regenerates the tables of {@code RESULTS.md} and the SVG charts from the JSON that JMH
 * ({@code -rf json}) and the load harness wrote into a results directory. Each table lives between
 * {@code <!-- BEGIN name -->} and {@code <!-- END name -->} markers; a table without data is left as
 * it is (with its "figures pending" note), so a partial run never erases anything. Only files directly
 * in the results directory are read: a subdirectory (such as {@code results/indicative}, or the
 * withdrawn figures) is tabled only when the report is pointed at it.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.reactorxmpp.benchmarks.report.ResultsReport \
 *     benchmarks/results benchmarks/RESULTS.md
 * </pre>
 */
public final class ResultsReport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] ENTRIES = {"CHAT_XHTML", "PRESENCE_CAPS", "ROSTER_PUSH", "MUC_DELAY", "PUBSUB_ATOM", "BOSH_BODY"};

    private final Path results;

    private ResultsReport(Path results) {
        this.results = results;
    }

    /**
     * @param args {@code [RESULTS_DIR [RESULTS_MD]]}, by default {@code benchmarks/results} and
     *     {@code benchmarks/RESULTS.md}
     * @throws IOException when a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "benchmarks/results");
        Path md = Path.of(args.length > 1 ? args[1] : "benchmarks/RESULTS.md");
        Map<String, String> tables = generate(dir);
        String text = Files.exists(md) ? Files.readString(md, StandardCharsets.UTF_8) : "";
        Files.writeString(md, replaceSections(text, tables), StandardCharsets.UTF_8);
        System.err.println("ResultsReport: updated " + tables.keySet() + " in " + md);
    }

    /**
     * Builds the tables found data for and writes the charts into {@code dir}.
     *
     * @param dir the results directory
     * @return markdown per section name, only for sections with data
     * @throws IOException when a file cannot be read or a chart written
     */
    public static Map<String, String> generate(Path dir) throws IOException {
        return new ResultsReport(dir).build();
    }

    /**
     * Replaces each marked section's content.
     *
     * @param text the markdown
     * @param tables the new content per section name
     * @return the new markdown; sections without a marker are appended at the end
     */
    public static String replaceSections(String text, Map<String, String> tables) {
        String out = text;
        for (Map.Entry<String, String> e : tables.entrySet()) {
            String begin = "<!-- BEGIN " + e.getKey() + " -->";
            String end = "<!-- END " + e.getKey() + " -->";
            int b = out.indexOf(begin);
            int en = out.indexOf(end);
            String block = begin + "\n" + e.getValue().strip() + "\n" + end;
            if (b >= 0 && en > b) {
                out = out.substring(0, b) + block + out.substring(en + end.length());
            } else {
                out = out + "\n" + block + "\n";
            }
        }
        return out;
    }

    private Map<String, String> build() throws IOException {
        Map<String, String> tables = new LinkedHashMap<>();
        Path jmh = results.resolve("jmh.json");
        if (Files.exists(jmh)) {
            JsonNode runs = JSON.readTree(jmh.toFile());
            jmhTables(runs, tables);
        }
        Map<String, List<JsonNode>> byMode = new LinkedHashMap<>();
        for (String mode : List.of("login", "rtt", "flood", "floor", "fanout", "soak")) {
            List<JsonNode> files = harness(mode);
            if (!files.isEmpty()) {
                byMode.put(mode, files);
            }
        }
        if (byMode.containsKey("login")) {
            tables.put("login", HarnessTables.login(byMode.get("login")));
            String sweep = HarnessTables.sweep(byMode.get("login"));
            if (!sweep.isEmpty()) {
                tables.put("sweep", sweep);
            }
        }
        if (byMode.containsKey("rtt")) {
            tables.put("rtt", HarnessTables.rtt(byMode.get("rtt")));
        }
        if (byMode.containsKey("flood")) {
            tables.put("flood", HarnessTables.flood(byMode.get("flood")));
        }
        if (byMode.containsKey("floor")) {
            tables.put("floor", floorTable(byMode.get("floor")));
        }
        if (byMode.containsKey("fanout")) {
            tables.put("fanout", HarnessTables.fanout(byMode.get("fanout")));
            tables.put("fanout-time", HarnessTables.fanoutOverTime(byMode.get("fanout"), 20));
        }
        if (byMode.containsKey("soak")) {
            tables.put("soak", HarnessTables.soak(byMode.get("soak")));
        }
        transportTables(tables);
        SvgBarChart load = new SvgBarChart("Load harness, ours vs Smack vs raw BOSH client (each group scaled to its own maximum)");
        HarnessTables.chart(load, byMode);
        if (!load.isEmpty()) {
            write("load.svg", load.toSvg());
        }
        return tables;
    }

    /**
     * The login, rtt and flood tables over TCP and WebSocket (issue 16), from {@code MODE-tcp-N.json}
     * and {@code MODE-ws-N.json}: sections {@code tcp-login}, {@code ws-rtt}, ... Each starts with the
     * transports the contenders really used and, when the files are not the method's 3 rounds on a
     * quiet machine, says they are indicative.
     */
    private void transportTables(Map<String, String> tables) throws IOException {
        for (String transport : List.of("tcp", "ws")) {
            for (String mode : List.of("login", "rtt", "flood")) {
                List<JsonNode> files = harness(mode + "-" + transport);
                if (files.isEmpty()) {
                    continue;
                }
                String table = switch (mode) {
                    case "login" -> HarnessTables.login(files);
                    case "rtt" -> HarnessTables.rtt(files, false);
                    default -> HarnessTables.flood(files);
                };
                tables.put(transport + "-" + mode, HarnessTables.transportNote(files) + table);
            }
        }
    }

    /**
     * @param prefix {@code MODE} (BOSH) or {@code MODE-TRANSPORT}
     * @return the current method's files {@code PREFIX-N.json} directly in the results directory (not
     *     in its subdirectories), by N
     */
    private List<JsonNode> harness(String prefix) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        if (!Files.isDirectory(results)) {
            return nodes;
        }
        try (Stream<Path> files = Files.list(results)) {
            for (Path p : files.filter(f -> f.getFileName().toString().matches(prefix + "-\\d+\\.json")).toList()) {
                JsonNode node = JSON.readTree(p.toFile());
                if (HarnessTables.currentMethod(node)) {
                    ((ObjectNode) node).put(HarnessTables.SOURCE, sourceName(p));
                    nodes.add(node);
                } else {
                    System.err.println("ResultsReport: skipped " + p + " (written by the withdrawn method: one shared server)");
                }
            }
        }
        nodes.sort(Comparator.comparingInt(n -> n.path("count").asInt()));
        return nodes;
    }

    /** @return the file as RESULTS.md names it: {@code results/...} from the results directory down */
    private static String sourceName(Path file) {
        Path at = file.toAbsolutePath().normalize();
        for (Path dir = at.getParent(); dir != null; dir = dir.getParent()) {
            if (dir.getFileName() != null && dir.getFileName().toString().equals("results")) {
                return "results/" + dir.relativize(at).toString().replace('\\', '/');
            }
        }
        return "results/" + file.getFileName();
    }

    private void write(String name, String svg) throws IOException {
        Files.createDirectories(results);
        Files.writeString(results.resolve(name), svg, StandardCharsets.UTF_8);
    }

    // ---- JMH

    private record Score(double opsPerSecond, double bytesPerOp, double relativeError) {
    }

    private void jmhTables(JsonNode runs, Map<String, String> tables) throws IOException {
        Map<String, Score> scores = new LinkedHashMap<>();
        int forks = 0;
        for (JsonNode run : runs) {
            String name = run.path("benchmark").asText();
            name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            JsonNode params = run.path("params");
            String key = name + "/" + params.path("entry").asText(params.path("concurrency").asText(""));
            double alloc = -1;
            for (var it = run.path("secondaryMetrics").fields(); it.hasNext(); ) {
                var m = it.next();
                if (m.getKey().endsWith("gc.alloc.rate.norm")) {
                    alloc = m.getValue().path("score").asDouble();
                }
            }
            double score = run.path("primaryMetric").path("score").asDouble();
            double error = run.path("primaryMetric").path("scoreError").asDouble(Double.NaN);
            scores.put(key, new Score(score, alloc, score > 0 && !Double.isNaN(error) ? error / score : Double.NaN));
            forks = Math.max(forks, run.path("forks").asInt(0));
        }
        double worst = scores.values().stream().mapToDouble(Score::relativeError).filter(e -> !Double.isNaN(e))
            .max().orElse(Double.NaN);
        String date = "`results/jmh.json` (" + forks + (forks == 1 ? " fork" : " forks")
            + (Double.isNaN(worst) ? "" : String.format(Locale.ROOT, "; the widest 99.9%% error is %.1f%% of its score", worst * 100))
            + ")";
        if (scores.keySet().stream().anyMatch(k -> k.startsWith("ParseBenchmark"))) {
            StringBuilder t = new StringBuilder("Source: " + date + ". Ratio = ours / the faster of Smack's two back ends;"
                + " allocation ratio = ours / that back end's (lower is better).\n\n"
                + "| entry | ours ops/s | Smack XPP3 ops/s | Smack StAX ops/s | ratio | ours B/op | XPP3 B/op | StAX B/op | alloc ratio |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            SvgBarChart chart = new SvgBarChart("Parse the corpus: operations per second (higher is better)");
            for (String entry : ENTRIES) {
                Score ours = scores.get("ParseBenchmark.ours/" + entry);
                Score xpp3 = scores.get("ParseBenchmark.smackXpp3/" + entry);
                Score stax = scores.get("ParseBenchmark.smackStax/" + entry);
                if (ours == null || xpp3 == null || stax == null) {
                    continue;
                }
                Score best = xpp3.opsPerSecond() >= stax.opsPerSecond() ? xpp3 : stax;
                t.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.2f | %s | %s | %s | %s |%n", entry,
                    num(ours.opsPerSecond()), num(xpp3.opsPerSecond()), num(stax.opsPerSecond()),
                    ours.opsPerSecond() / best.opsPerSecond(), num(ours.bytesPerOp()), num(xpp3.bytesPerOp()),
                    num(stax.bytesPerOp()), ratio(ours.bytesPerOp(), best.bytesPerOp())));
                chart.group(entry).bar("ours", ours.opsPerSecond()).bar("Smack XPP3", xpp3.opsPerSecond())
                    .bar("Smack StAX", stax.opsPerSecond());
            }
            tables.put("parse", t.toString());
            write("parse.svg", chart.toSvg());
        }
        if (scores.keySet().stream().anyMatch(k -> k.startsWith("SerializeBenchmark"))) {
            StringBuilder t = new StringBuilder("Source: " + date + ".\n\n"
                + "| entry | ours ops/s | Smack ops/s | ratio | ours B/op | Smack B/op | alloc ratio |\n"
                + "|---|---:|---:|---:|---:|---:|---:|\n");
            SvgBarChart chart = new SvgBarChart("Serialize the corpus: operations per second (higher is better)");
            for (String entry : ENTRIES) {
                Score ours = scores.get("SerializeBenchmark.ours/" + entry);
                Score smack = scores.get("SerializeBenchmark.smack/" + entry);
                if (ours == null || smack == null) {
                    continue;
                }
                t.append(String.format(Locale.ROOT, "| %s | %s | %s | %.2f | %s | %s | %s |%n", entry,
                    num(ours.opsPerSecond()), num(smack.opsPerSecond()), ours.opsPerSecond() / smack.opsPerSecond(),
                    num(ours.bytesPerOp()), num(smack.bytesPerOp()), ratio(ours.bytesPerOp(), smack.bytesPerOp())));
                chart.group(entry).bar("ours", ours.opsPerSecond()).bar("Smack", smack.opsPerSecond());
            }
            tables.put("serialize", t.toString());
            write("serialize.svg", chart.toSvg());
        }
        StringBuilder iq = new StringBuilder("Source: " + date + ". Ours only (Smack has no loopback connection"
            + " in its published artifacts).\n\n| concurrency | requests/s | B/request |\n|---:|---:|---:|\n");
        boolean any = false;
        for (Map.Entry<String, Score> e : scores.entrySet()) {
            if (e.getKey().startsWith("IqCorrelationBenchmark.requests/")) {
                any = true;
                iq.append(String.format(Locale.ROOT, "| %s | %s | %s |%n", e.getKey().substring(e.getKey().indexOf('/') + 1),
                    num(e.getValue().opsPerSecond()), num(e.getValue().bytesPerOp())));
            }
        }
        if (any) {
            tables.put("iq", iq.toString());
        }
    }

    // ---- harness (the tables are in HarnessTables)

    private static String floorTable(List<JsonNode> files) {
        StringBuilder t = new StringBuilder(HarnessTables.sourceLine(files)).append(
            "| M | p50 ms | p90 ms | p99 ms | max ms |\n|---:|---:|---:|---:|---:|\n");
        for (JsonNode f : files) {
            JsonNode m = f.path("floor");
            t.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %s |%n", m.path("samples").asInt(),
                num(m.path("p50Ms").asDouble()), num(m.path("p90Ms").asDouble()), num(m.path("p99Ms").asDouble()),
                num(m.path("maxMs").asDouble())));
        }
        return t.toString();
    }

    private static String ratio(double a, double b) {
        return a < 0 || b <= 0 ? "" : String.format(Locale.ROOT, "%.2f", a / b);
    }

    private static String num(double v) {
        if (v < 0) {
            return "n/a";
        }
        return SvgBarChart.format(v);
    }
}
