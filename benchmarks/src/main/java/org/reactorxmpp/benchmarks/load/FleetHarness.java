package org.reactorxmpp.benchmarks.load;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The session fleet's costs (issue 19) against a local Prosody, in this JVM with embedded Hazelcast members on
 * loopback, every run on a fresh Prosody ({@link LoadServer}), {@code R} rounds, medians with min-max:
 * <ul>
 *   <li><b>checkpoint cost per BOSH request</b>: {@code C} sessions each send {@code P} sequential pings to the
 *       server (one BOSH request and response each) as plain sessions, in a fleet of two members with write-ahead
 *       checkpoints (the fleet's default: a request with a new rid waits until its checkpoint is stored, backup
 *       included) and with checkpoints after the requests; client CPU of this JVM per ping (fleet members, Hazelcast
 *       and its backup included), ping latency, and what each adds to the plain sessions of the same round;</li>
 *   <li><b>handoff</b>: {@code H} sessions run on one member; a second member joins and takes about half by
 *       handoff, then stops and hands them back; sessions moved (measured, not extrapolated), wall time until the
 *       last one ran on its new member, per 1,000, and per session the time it was away and the attach alone.</li>
 * </ul>
 * Before the first round an untimed warm-up run of each checkpoint mode (50 sessions) lets the JIT compile.
 *
 * <pre>
 * ./mvnw -B -q -o -pl benchmarks -am package -DskipTests
 * java -Xms2g -Xmx2g $HZ -cp benchmarks/target/benchmarks.jar org.reactorxmpp.benchmarks.load.FleetHarness \
 *     --checkpoint-sessions 300 --pings 50 --handoff-sessions 2400 --rounds 3 --out benchmarks/results/fleet-2400.json
 * </pre>
 * ({@code $HZ}: the {@code --add-opens} Hazelcast asks for, listed in RESULTS.md.) Writes the JSON file and prints
 * the RESULTS.md table rows on stdout.
 */
public final class FleetHarness {

    private FleetHarness() {
    }

    public static void main(String[] args) throws Exception {
        int checkpointSessions = 300;
        int pings = 50;
        int handoffSessions = 2400;
        int rounds = 3;
        int warmup = 50;
        Path out = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--checkpoint-sessions" -> checkpointSessions = Integer.parseInt(args[i + 1]);
                case "--pings" -> pings = Integer.parseInt(args[i + 1]);
                case "--handoff-sessions" -> handoffSessions = Integer.parseInt(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--out" -> out = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; options: "
                    + "--checkpoint-sessions C --pings P --handoff-sessions H --rounds R --warmup SESSIONS --out FILE");
            }
        }
        if (out == null) {
            out = Path.of("benchmarks/results/fleet-" + handoffSessions + ".json");
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("mode", "fleet");
        result.put("date", Instant.now().toString());
        result.put("command", "FleetHarness " + String.join(" ", args));
        result.put("machine", LoadHarness.Machine.describe());
        result.put("serverConfig", LoadServer.config(0));
        long start = System.nanoTime();
        if (warmup > 0) {
            for (String mode : FleetRuns.MODES) {
                FleetRuns.checkpoint(mode, 0, warmup, pings);
            }
        }
        List<Map<String, Object>> checkpoints = new ArrayList<>();
        List<Map<String, Object>> handoffs = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            List<Map<String, Object>> thisRound = new ArrayList<>();
            for (int k = 0; k < FleetRuns.MODES.size(); k++) {
                // each round starts with another mode, so that none always runs first
                String mode = FleetRuns.MODES.get((k + round - 1) % FleetRuns.MODES.size());
                thisRound.add(FleetRuns.checkpoint(mode, round, checkpointSessions, pings));
            }
            addedToPlain(thisRound);
            checkpoints.addAll(thisRound);
            handoffs.add(FleetRuns.handoff(round, handoffSessions));
        }
        result.put("wallSeconds", Latencies.round((System.nanoTime() - start) / 1e9));
        result.put("checkpointRuns", checkpoints);
        result.put("handoffRuns", handoffs);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("checkpoint", Summary.of(checkpoints));
        summary.put("handoff", Summary.of(handoffs));
        result.put("summary", summary);
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, LoadHarness.json().writeValueAsString(result), StandardCharsets.UTF_8);
        System.out.println(FleetTable.rows(summary, checkpointSessions, pings, handoffSessions, rounds));
        System.err.println("FleetHarness: wrote " + out + " in " + result.get("wallSeconds") + " s");
        System.exit(0);
    }

    /** Adds to each fleet run what it costs over the plain sessions of the same round (CPU and latency). */
    private static void addedToPlain(List<Map<String, Object>> round) {
        Map<String, Object> plain = round.stream().filter(r -> "plain".equals(r.get("impl"))).findFirst().orElseThrow();
        for (Map<String, Object> run : round) {
            if (run != plain) {
                run.put("addedClientCpuUsPerPing", Latencies.round(1000 * (number(run, "clientCpuMsPerPing")
                    - number(plain, "clientCpuMsPerPing"))));
                run.put("addedPingP50Ms", Latencies.round(number(run, "pingP50Ms") - number(plain, "pingP50Ms")));
                run.put("addedPingP99Ms", Latencies.round(number(run, "pingP99Ms") - number(plain, "pingP99Ms")));
            }
        }
    }

    static double number(Map<?, ?> map, String key) {
        Object v = map.get(key);
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
