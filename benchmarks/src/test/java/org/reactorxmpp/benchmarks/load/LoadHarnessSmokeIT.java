package org.reactorxmpp.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reactorxmpp.benchmarks.report.ResultsReport;
import org.reactorxmpp.xmpp.testing.ProsodyServer;

/**
 * Keeps the load harness from rotting: each mode runs once with tiny counts, for this library and
 * for Smack, against a real Prosody the harness starts itself; the JSON must have the expected
 * fields with sane values (never timing thresholds), and the report must turn it into tables and
 * a chart. The full runs (benchmarks/run-all.sh) are not part of the build.
 */
class LoadHarnessSmokeIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    @BeforeAll
    static void prosodyInstalled() {
        assumeTrue(ProsodyServer.isInstalled(), "Prosody is not installed");
    }

    private static JsonNode run(String... args) throws Exception {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--out";
        all[args.length + 1] = dir.resolve(args[0] + "-" + args[1] + ".json").toString();
        Map<String, Object> result = LoadHarness.run(all);
        JsonNode written = JSON.readTree(dir.resolve(args[0] + "-" + args[1] + ".json").toFile());
        assertThat(written.path("mode").asText()).isEqualTo(args[0]);
        assertThat(written.path("count").asInt()).isEqualTo(Integer.parseInt(args[1]));
        assertThat(result).containsKeys("mode", "count", "date", "machine");
        JsonNode machine = written.path("machine");
        assertThat(machine.path("cores").asInt()).isPositive();
        assertThat(machine.path("prosody").asText()).isNotBlank();
        assertThat(machine.path("smack").asText()).startsWith("4.4.8");
        return written;
    }

    private static JsonNode runOf(JsonNode file, String impl) {
        for (JsonNode run : file.path("runs")) {
            if (run.path("impl").asText().equals(impl)) {
                return run;
            }
        }
        throw new AssertionError("no run for " + impl + " in " + file);
    }

    @Test
    void everyModeRunsForBothLibrariesAndTheReportReadsIt() throws Exception {
        JsonNode login = run("login", "3", "--hold", "0.5", "--warmup", "1");
        for (String impl : List.of("ours", "smack")) {
            JsonNode r = runOf(login, impl);
            assertThat(r.path("loggedIn").asInt()).as(impl + " " + r).isEqualTo(3);
            assertThat(r.path("failures").asInt()).as(impl + " " + r).isZero();
            assertThat(r.path("loginsPerSecond").asDouble()).isPositive();
            assertThat(r.path("liveThreadsHeld").asInt()).isPositive();
            assertThat(r.path("clientCpuSeconds").asDouble()).isPositive();
            assertThat(r.has("heapPerSessionBytes") && r.has("rssPerSessionBytes")).isTrue();
        }
        assertThat(login.path("summary").path("ratioOursToSmack").has("loginsPerSecond")).isTrue();

        JsonNode rtt = run("rtt", "5", "--warmup", "1");
        for (String impl : List.of("ours", "smack")) {
            JsonNode r = runOf(rtt, impl);
            assertThat(r.path("samples").asInt()).as(impl + " " + r).isEqualTo(5);
            assertThat(r.path("failures").asInt()).isZero();
            assertThat(r.path("p50Ms").asDouble()).isPositive()
                .isLessThanOrEqualTo(r.path("p90Ms").asDouble());
            assertThat(r.path("p99Ms").asDouble()).isLessThanOrEqualTo(r.path("maxMs").asDouble());
            assertThat(r.has("overFloorP50Ms")).isTrue();
        }
        assertThat(rtt.path("floor").path("p50Ms").asDouble()).isPositive();

        JsonNode flood = run("flood", "20");
        for (String impl : List.of("ours", "smack")) {
            JsonNode r = runOf(flood, impl);
            assertThat(r.path("received").asInt()).as(impl + " " + r).isEqualTo(20);
            assertThat(r.path("lost").asInt()).isZero();
            assertThat(r.path("duplicated").asInt()).isZero();
            assertThat(r.path("outOfOrder").asInt()).isZero();
            assertThat(r.path("msgsPerSecond").asDouble()).isPositive();
        }
        assertThat(flood.path("summary").path("ratioOursToSmack").has("msgsPerSecond")).isTrue();

        JsonNode floor = run("floor", "5", "--warmup", "1");
        assertThat(floor.path("floor").path("samples").asInt()).isEqualTo(5);
        assertThat(floor.path("floor").path("p50Ms").asDouble()).isPositive();

        Map<String, String> tables = ResultsReport.generate(dir);
        assertThat(tables).containsKeys("login", "rtt", "flood", "floor");
        assertThat(tables.get("login")).contains("| ours |", "| smack |", "| ours/Smack |");
        assertThat(Files.readString(dir.resolve("load.svg"))).startsWith("<svg").contains("logins/s", "msgs/s");
        String md = ResultsReport.replaceSections("a\n<!-- BEGIN flood -->\npending\n<!-- END flood -->\nb\n", tables);
        assertThat(md).startsWith("a\n<!-- BEGIN flood -->\n").doesNotContain("pending").contains("\nb\n");
    }
}
