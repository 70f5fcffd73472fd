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
 * Keeps the load harness from rotting: each mode (login with a sweep, rtt, flood, floor, fanout,
 * soak) runs once with tiny counts and seconds-long durations, for this library and for Smack (and
 * the raw BOSH reference), each on a fresh Prosody the harness starts itself; the JSON must have the
 * expected fields with sane values (never timing thresholds), every run a server of its own without
 * a message archive, and the report must turn it into tables and a chart. Login, rtt and flood also
 * run over TCP and WebSocket (ours on its TCP and WebSocket transports, Smack on its TCP connection,
 * the raw client on both). The full runs (benchmarks/run-all.sh) are not part of the build.
 */
class LoadHarnessSmokeIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    @BeforeAll
    static void prosodyInstalled() {
        assumeTrue(ProsodyServer.isInstalled(), "Prosody is not installed");
        // the flood's send-only and receive-only phases: bursts for at least 0.3 s instead of 5 s (several bursts of 20)
        System.setProperty("bench.splitSeconds", "0.3");
    }

    private static JsonNode run(String... args) throws Exception {
        // bosh_max_wait 5: a Smack login that stalls until its held request returns (seen under load)
        // costs 5 s here instead of 60
        Path out = dir.resolve(HarnessOptions.parse(args).out().getFileName());
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--bosh-max-wait";
        all[args.length + 1] = "5";
        all[args.length + 2] = "--out";
        all[args.length + 3] = out.toString();
        Map<String, Object> result = LoadHarness.run(all);
        JsonNode written = JSON.readTree(out.toFile());
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

    private static void assertFreshServers(JsonNode file) {
        assertThat(file.path("method").path("version").asInt()).isEqualTo(2);
        assertThat(file.path("method").path("freshServerPerContenderPerRound").asBoolean()).isTrue();
        java.util.Set<Long> pids = new java.util.HashSet<>();
        for (JsonNode run : file.path("runs")) {
            JsonNode server = run.path("server");
            assertThat(server.path("fresh").asBoolean()).as("fresh server in " + run).isTrue();
            assertThat(server.path("archiveWritten").asBoolean()).as("no message archive in " + run).isFalse();
            assertThat(pids.add(server.path("pid").asLong())).as("a new Prosody per run: " + pids).isTrue();
        }
    }

    @Test
    void loadServersHaveNoArchiveAndADistinctSaltPerAccount() throws Exception {
        try (ProsodyServer prosody = LoadServer.start(3)) {
            assertThat(Files.readString(prosody.directory().resolve("prosody.cfg.lua")))
                .contains("modules_disabled = { \"s2s\"; \"tls\"; \"mam\" }");
            java.util.Set<String> salts = new java.util.HashSet<>();
            try (var files = Files.walk(prosody.directory().resolve("data"))) {
                for (Path account : files.filter(f -> f.toString().contains("accounts") && f.toString().endsWith(".dat")).toList()) {
                    String salt = Files.readAllLines(account).stream().filter(l -> l.contains("[\"salt\"]")).findFirst().orElseThrow();
                    salts.add(salt);
                }
            }
            // Smack caches SCRAM keys by password and salt: shared salts would spare it the derivation
            assertThat(salts).hasSize(3);
        }
    }

    @Test
    void everyModeRunsForBothLibrariesOnFreshServersAndTheReportReadsIt() throws Exception {
        JsonNode login = run("login", "3", "--sweep", "1,3", "--rounds", "1", "--hold", "0.5", "--warmup", "1");
        assertFreshServers(login);
        assertThat(login.path("sweep")).hasSize(4);
        assertThat(login.path("scramFloor").path("cpuMsPerDerivation").asDouble()).isPositive();
        for (String impl : List.of("ours", "smack")) {
            JsonNode r = runOf(login, impl);
            assertThat(r.path("loggedIn").asInt()).as(impl + " " + r).isEqualTo(3);
            assertThat(r.path("failures").asInt()).as(impl + " " + r).isZero();
            assertThat(r.path("concurrency").asInt()).isEqualTo(login.path("bestConcurrency").path(impl).asInt());
            assertThat(r.path("loginsPerSecond").asDouble()).isPositive();
            assertThat(r.path("liveThreadsHeld").asInt()).isPositive();
            // the process CPU clock ticks every 10 ms and 3 logins take about that long: 0 is a possible reading
            assertThat(r.has("clientCpuMsPerLogin")).as(impl + " " + r).isTrue();
            assertThat(r.path("clientCpuMsPerLogin").asDouble()).isNotNegative();
            assertThat(r.has("serverCpuMsPerLogin") && r.has("heapPerSessionBytes") && r.has("rssPerSessionBytes")).isTrue();
            assertThat(login.path("summary").path(impl).has("clientCpuOverScramFloor")).isTrue();
            assertThat(login.path("summary").path(impl).path("clientCpuOverScramFloor").asDouble()).isNotNegative();
            assertThat(login.path("summary").path("range").path(impl).path("loginsPerSecond")).hasSize(2);
        }
        assertThat(login.path("summary").path("ratioOursToSmack").has("loginsPerSecond")).isTrue();

        JsonNode rtt = run("rtt", "5", "--rounds", "1", "--warmup", "1", "--jit-warmup", "3");
        assertFreshServers(rtt);
        assertThat(rtt.path("jitWarmup")).hasSize(3);
        assertThat(rtt.path("method").path("jitWarmupOperations").asInt()).isEqualTo(3);
        for (String impl : List.of("ours", "smack", "raw")) {
            JsonNode r = runOf(rtt, impl);
            assertThat(r.path("samples").asInt()).as(impl + " " + r).isEqualTo(5);
            assertThat(r.path("failures").asInt()).isZero();
            assertThat(r.path("p50Ms").asDouble()).isPositive()
                .isLessThanOrEqualTo(r.path("p90Ms").asDouble());
            assertThat(r.path("p99Ms").asDouble()).isLessThanOrEqualTo(r.path("maxMs").asDouble());
            assertThat(r.path("floor").path("p50Ms").asDouble()).isPositive();
            assertThat(r.has("overFloorP50Ms") && r.has("serverFloorP50Ms") && r.has("clientCpuMsPerRoundTrip")).isTrue();
        }
        assertThat(rtt.path("summary").path("fractionOfRaw").path("ours").has("p50Ms")).isTrue();

        JsonNode flood = run("flood", "20", "--rounds", "1", "--jit-warmup", "10");
        assertFreshServers(flood);
        assertThat(flood.path("jitWarmup")).hasSize(3);
        assertThat(flood.path("jitWarmup").get(0).path("count").asInt()).isEqualTo(10);
        // ours' body cap swept after the warm-up, one fresh server per candidate, the choice recorded
        JsonNode sweep = flood.path("oursBodySweep");
        assertThat(sweep.path("points")).hasSize(BodySweep.candidates().size());
        assertThat(BodySweep.candidates()).contains(sweep.path("chosen").asInt());
        assertThat(flood.path("method").path("oursBoshMaxBodyElements").asInt()).isEqualTo(sweep.path("chosen").asInt());
        for (String impl : List.of("ours", "smack", "raw")) {
            JsonNode r = runOf(flood, impl);
            assertThat(r.path("received").asInt()).as(impl + " " + r).isEqualTo(20);
            assertThat(r.path("lost").asInt()).isZero();
            assertThat(r.path("duplicated").asInt()).isZero();
            assertThat(r.path("outOfOrder").asInt()).isZero();
            assertThat(r.path("msgsPerSecond").asDouble()).isPositive();
            assertThat(r.has("clientCpuMsPerMessage") && r.has("serverCpuMsPerMessage")).as(impl + " " + r).isTrue();
        }
        for (String impl : List.of("ours", "smack")) {
            JsonNode r = runOf(flood, impl);
            // sending only (library to a raw client) and receiving only (raw client to the library)
            assertThat(r.path("sendLost").asInt() + r.path("receiveLost").asInt()).as(impl + " " + r).isZero();
            assertThat(r.has("sendClientCpuMsPerMessage") && r.has("receiveClientCpuMsPerMessage")).as(impl + " " + r).isTrue();
            // after one untimed burst, whole bursts of 20 until the phase ran 0.3 s
            assertThat(r.path("sendBursts").asInt()).as(impl + " " + r).isPositive();
            assertThat(r.path("sendMessages").asLong()).isEqualTo(20L * r.path("sendBursts").asInt());
            assertThat(r.path("receiveMessages").asLong()).isEqualTo(20L * r.path("receiveBursts").asInt());
        }
        assertThat(flood.path("summary").path("ratioOursToSmack").has("msgsPerSecond")).isTrue();
        assertThat(flood.path("summary").path("fractionOfRaw").path("smack").has("msgsPerSecond")).isTrue();

        JsonNode floor = run("floor", "5", "--warmup", "1");
        assertThat(floor.path("floor").path("samples").asInt()).isEqualTo(5);
        assertThat(floor.path("floor").path("p50Ms").asDouble()).isPositive();

        JsonNode fanout = run("fanout", "3", "--duration", "2", "--period", "1", "--sample", "0.5");
        assertFreshServers(fanout);
        for (String impl : List.of("ours", "smack")) {
            JsonNode r = runOf(fanout, impl);
            assertThat(r.path("sessions").asInt()).as(impl + " " + r).isEqualTo(3);
            assertThat(r.path("sent").asInt()).as(impl + " " + r).isPositive();
            assertThat(r.path("delivered").asInt()).as(impl + " " + r).isEqualTo(r.path("sent").asInt());
            assertThat(r.path("answered").asInt()).as(impl + " " + r).isEqualTo(r.path("sent").asInt());
            assertThat(r.path("drops").asInt() + r.path("pingFailures").asInt() + r.path("replyFailures").asInt()).isZero();
            assertThat(r.path("deliveryP50Ms").asDouble()).isPositive()
                .isLessThanOrEqualTo(r.path("deliveryP99Ms").asDouble());
            assertThat(r.has("clientCpuMsPerDelivered") && r.has("serverCpuMsPerDelivered")).as(impl + " " + r).isTrue();
            assertThat(r.path("samples").size()).isGreaterThanOrEqualTo(2);
            assertThat(r.path("samples").get(0).path("liveThreads").asInt()).isPositive();
        }

        JsonNode soak = run("soak", "3", "--duration", "1.5", "--sample", "0.5");
        assertFreshServers(soak);
        for (String impl : List.of("ours", "smack")) {
            JsonNode r = runOf(soak, impl);
            assertThat(r.path("sessions").asInt()).as(impl + " " + r).isEqualTo(3);
            assertThat(r.path("drops").asInt() + r.path("pingFailures").asInt()).as(impl + " " + r).isZero();
            assertThat(r.path("samples").size()).isGreaterThanOrEqualTo(3);
            assertThat(r.path("samples").get(0).path("heapAfterGcBytes").asLong()).isPositive();
            assertThat(r.has("heapSlopeBytesPerMinute")).isTrue();
        }

        // a file of the withdrawn method (one shared server, no method field) is never tabled
        Files.writeString(dir.resolve("flood-7.json"), "{\"mode\":\"flood\",\"count\":7,\"summary\":{}}");
        Map<String, String> tables = ResultsReport.generate(dir);
        assertThat(tables).containsKeys("login", "sweep", "rtt", "flood", "floor", "fanout", "soak");
        assertThat(tables.get("flood")).doesNotContain("flood-7").contains("| raw |");
        assertThat(tables.get("login")).contains("| ours |", "| smack |", "| ours/Smack |", "SCRAM floor");
        assertThat(tables.get("fanout")).contains("| ours | 3 |", "| smack | 3 |");
        assertThat(tables.get("fanout-time")).contains("| 0 s |", "| ours | 3 | heap used MB |", "| ours | 3 | live threads |",
            "| smack | 3 | live threads |", "| smack | 3 | delivered so far |");
        assertThat(Files.readString(dir.resolve("load.svg"))).startsWith("<svg").contains("logins/s", "msgs/s");
        String md = ResultsReport.replaceSections("a\n<!-- BEGIN flood -->\npending\n<!-- END flood -->\nb\n", tables);
        assertThat(md).startsWith("a\n<!-- BEGIN flood -->\n").doesNotContain("pending").contains("\nb\n");
    }

    @Test
    void loginRttAndFloodRunOverTcpAndWebSocketForBothLibrariesAndTheRawClient() throws Exception {
        for (String transport : List.of("tcp", "ws")) {
            JsonNode rtt = run("rtt", "3", "--transport", transport, "--rounds", "1", "--warmup", "1");
            assertFreshServers(rtt);
            assertThat(rtt.path("transport").asText()).isEqualTo(transport);
            for (String impl : List.of("ours", "smack", "raw")) {
                JsonNode r = runOf(rtt, impl);
                // Smack 4.4.8 has no WebSocket connection: its rows there are TCP, and say so
                assertThat(r.path("transport").asText()).isEqualTo(impl.equals("smack") ? "tcp" : transport);
                assertThat(r.path("samples").asInt()).as(transport + " " + impl + " " + r).isEqualTo(3);
                assertThat(r.path("failures").asInt()).as(transport + " " + impl + " " + r).isZero();
                assertThat(r.path("p50Ms").asDouble()).isPositive().isLessThanOrEqualTo(r.path("maxMs").asDouble());
                assertThat(r.has("clientCpuMsPerRoundTrip") && r.has("serverCpuMsPerRoundTrip")).isTrue();
            }
            assertThat(rtt.path("summary").path("fractionOfRaw").path("ours").has("p50Ms")).isTrue();

            JsonNode flood = run("flood", "20", "--transport", transport, "--rounds", "1");
            assertFreshServers(flood);
            for (String impl : List.of("ours", "smack", "raw")) {
                JsonNode r = runOf(flood, impl);
                assertThat(r.path("received").asInt()).as(transport + " " + impl + " " + r).isEqualTo(20);
                assertThat(r.path("lost").asInt() + r.path("duplicated").asInt() + r.path("outOfOrder").asInt()).isZero();
                assertThat(r.has("clientCpuMsPerMessage") && r.has("serverCpuMsPerMessage")).as(impl + " " + r).isTrue();
                assertThat(r.has("senderError") || r.has("receiverError") || r.has("error")).as(impl + " " + r).isFalse();
            }
            for (String impl : List.of("ours", "smack")) {
                JsonNode r = runOf(flood, impl);
                assertThat(r.path("sendLost").asInt() + r.path("receiveLost").asInt()).as(transport + " " + impl + " " + r).isZero();
                assertThat(r.has("sendClientCpuMsPerMessage") && r.has("receiveClientCpuMsPerMessage")).isTrue();
            }

            JsonNode login = run("login", "2", "--transport", transport, "--rounds", "1", "--hold", "0.2", "--warmup", "1");
            assertFreshServers(login);
            for (String impl : List.of("ours", "smack")) {
                JsonNode r = runOf(login, impl);
                assertThat(r.path("loggedIn").asInt()).as(transport + " " + impl + " " + r).isEqualTo(2);
                assertThat(r.path("failures").asInt()).as(transport + " " + impl + " " + r).isZero();
                // 2 logins in ~10 ms against a process CPU clock of 10 ms ticks: 0 is a possible reading
                assertThat(r.has("clientCpuMsPerLogin")).as(transport + " " + impl + " " + r).isTrue();
                assertThat(r.path("clientCpuMsPerLogin").asDouble()).isNotNegative();
            }
        }

        Map<String, String> tables = ResultsReport.generate(dir);
        assertThat(tables).containsKeys("tcp-login", "tcp-rtt", "tcp-flood", "ws-login", "ws-rtt", "ws-flood");
        assertThat(tables.get("tcp-flood")).contains("| ours |", "| smack |", "| raw |", "flood-tcp-20.json",
            "**indicative, 1 round");
        assertThat(tables.get("ws-rtt")).contains("ours over ws, smack over tcp, raw over ws", "| ours/Smack |")
            .doesNotContain("HTTP floor");
        // the BOSH tables read only MODE-N.json
        assertThat(tables.getOrDefault("rtt", "")).doesNotContain("rtt-tcp-3.json", "rtt-ws-3.json");
    }
}
