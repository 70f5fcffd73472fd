package org.reactorxmpp.benchmarks.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.reactorxmpp.xmpp.testing.ProsodyServer;

/**
 * The load harness: one command that runs one mode for this library and for Smack (and, for rtt
 * and flood, a raw BOSH client as the server-bound reference), every contender in every round on a
 * fresh Prosody started for it, prints the figures, writes them as JSON and stops the servers.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.reactorxmpp.benchmarks.load.LoadHarness login 1000 --sweep auto
 * java -cp benchmarks/target/benchmarks.jar org.reactorxmpp.benchmarks.load.LoadHarness rtt 1000
 * java -cp benchmarks/target/benchmarks.jar org.reactorxmpp.benchmarks.load.LoadHarness flood 10000
 * java -cp benchmarks/target/benchmarks.jar org.reactorxmpp.benchmarks.load.LoadHarness rtt 1000 --transport tcp
 * java -cp benchmarks/target/benchmarks.jar org.reactorxmpp.benchmarks.load.LoadHarness fanout 5000 --impl ours
 * java -cp benchmarks/target/benchmarks.jar org.reactorxmpp.benchmarks.load.LoadHarness soak 2000
 * </pre>
 *
 * <p>Modes: {@code login N} (N sessions log in with SCRAM-SHA-1, are held, each pings the server
 * once, all close), {@code rtt M} (A to B to A message ping-pong, percentiles, plus the HTTP floor
 * on the same server), {@code flood M} (A sends M messages as fast as allowed, B counts),
 * {@code floor M} (raw HTTP round trips to Prosody's {@code /http-bind}), {@code fanout N} and
 * {@code soak N} (see {@link Scenarios}). Login, rtt and flood also run over TCP or WebSocket
 * ({@code --transport tcp|ws}, written to {@code MODE-TRANSPORT-COUNT.json}). Every run records its
 * server's CPU and the client's CPU over the measured phase only, per operation. Options: see {@link HarnessOptions}; the defaults
 * are the method of RESULTS.md (3 rounds for login, rtt and flood; the raw reference on).
 */
public final class LoadHarness {

    private LoadHarness() {
    }

    /**
     * Runs the harness; exits with status 1 when the run fails, 2 when the arguments are wrong.
     *
     * @param args {@code MODE COUNT [options]}
     */
    public static void main(String[] args) {
        try {
            Map<String, Object> result = run(args);
            System.out.println(json().writeValueAsString(result.getOrDefault("summary", result.get("floor"))));
            System.exit(0);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(HarnessOptions.USAGE);
            System.exit(2);
        } catch (IOException | RuntimeException e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    static ObjectMapper json() {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    /**
     * Runs one mode and writes its JSON.
     *
     * @param args {@code MODE COUNT [options]}
     * @return the figures, as written
     * @throws IOException when the output cannot be written
     */
    public static Map<String, Object> run(String... args) throws IOException {
        HarnessOptions options = HarnessOptions.parse(args);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mode", options.mode());
        out.put("count", options.count());
        out.put("transport", options.transport().label());
        out.put("date", Instant.now().toString());
        out.put("command", "LoadHarness " + String.join(" ", args));
        Map<String, Object> method = method(options);
        out.put("method", method);
        out.put("machine", Machine.describe());
        if (options.mode().equals("login")) {
            out.put("scramFloor", ScramFloor.measure(50));
        }
        if (options.mode().equals("floor")) {
            try (ProsodyServer prosody = LoadServer.start(0, options.boshMaxWait())) {
                out.put("server", LoadServer.describe(prosody, options.boshMaxWait()));
                out.put("floor", new HttpFloor(prosody.boshUrl(), prosody.host()).measure(options.count(), options.warmup()));
            }
        } else {
            Map<String, Integer> concurrency = new LinkedHashMap<>();
            if (!options.sweep().isEmpty()) {
                out.put("sweep", Sweep.run(options, concurrency));
                out.put("bestConcurrency", concurrency);
            }
            if (options.jitWarmup() > 0) {
                out.put("jitWarmup", jitWarmup(options, concurrency));
            }
            Map<String, Object> bodySweep = BodySweep.run(options, concurrency.getOrDefault("ours", options.concurrency()));
            if (!bodySweep.isEmpty()) {
                out.put("oursBodySweep", bodySweep);
                method.put("oursBoshMaxBodyElements", bodySweep.get("chosen"));
            }
            List<Map<String, Object>> runs = new ArrayList<>();
            for (int round = 1; round <= options.rounds(); round++) {
                List<Contender> order = new ArrayList<>(options.contenders());
                if (round % 2 == 0) {
                    Collections.reverse(order);
                }
                for (Contender contender : order) {
                    int c = concurrency.getOrDefault(contender.name(), options.concurrency());
                    runs.add(runOnFreshServer(options, contender, round, c));
                }
            }
            out.put("runs", runs);
            out.put("summary", Summary.of(runs));
        }
        if (out.get("scramFloor") instanceof Map<?, ?> floor && out.get("summary") instanceof Map<?, ?> summary) {
            Summary.addScramFloor(summary, ((Number) floor.get("cpuMsPerDerivation")).doubleValue());
        }
        Path file = options.out();
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, json().writeValueAsString(out), StandardCharsets.UTF_8);
        System.err.println("LoadHarness: wrote " + file.toAbsolutePath());
        return out;
    }

    /**
     * Runs every contender once, untimed, so that the rounds measure compiled code rather than the JIT; only a
     * brief record of these runs is kept.
     */
    private static List<Map<String, Object>> jitWarmup(HarnessOptions options, Map<String, Integer> concurrency) {
        HarnessOptions warm = options.forJitWarmup();
        List<Map<String, Object>> brief = new ArrayList<>();
        for (Contender contender : options.contenders()) {
            Map<String, Object> run = runOnFreshServer(warm, contender, 0,
                concurrency.getOrDefault(contender.name(), options.concurrency()));
            Map<String, Object> kept = new LinkedHashMap<>();
            for (String key : List.of("impl", "count", "p50Ms", "msgsPerSecond", "clientCpuMsPerRoundTrip",
                "clientCpuMsPerMessage", "failures", "lost", "wallSeconds")) {
                if (run.containsKey(key)) {
                    kept.put(key, run.get(key));
                }
            }
            kept.put("count", warm.count());
            brief.add(kept);
        }
        return brief;
    }

    private static Map<String, Object> method(HarnessOptions options) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", 2);
        m.put("freshServerPerContenderPerRound", true);
        m.put("rounds", options.rounds());
        m.put("jitWarmupOperations", options.jitWarmup());
        m.put("oursBoshRequestOrderGuardMs", OursBosh.ORDER_GUARD_MS);
        if (options.mode().equals("flood") && options.split()) {
            m.put("floodSplit", "per phase untimed bursts of COUNT for at least " + FloodSplit.warmupSeconds().toMillis()
                / 1000.0 + " s (bench.splitWarmupSeconds), then bursts of COUNT metered for at least "
                + FloodSplit.minSeconds().toMillis() / 1000.0 + " s (bench.splitSeconds); not counted: the raw peer's "
                + "threads and, in the receive phase, the harness thread that drives the raw sender (RawPeerCpu)");
        }
        m.put("oursFloodDriver", OursContender.FLATMAP_DRIVER ? "flatMap(send, 4096)" : "harness thread, window of 4,096 (semaphore)");
        m.put("contenders", options.contenders().stream().map(Contender::name).toList());
        m.put("transport", options.transport().label());
        if (options.transport() != TransportKind.BOSH) {
            Map<String, String> wires = new LinkedHashMap<>();
            options.contenders().forEach(c -> wires.put(c.name(), c.wire(options.transport()).label()));
            m.put("contenderTransports", wires);
            m.put("tls", "none for every contender: plain c2s and ws:// on loopback (the load server has no TLS)");
            m.put("streamManagement", "off for every contender (the load server does not offer XEP-0198)");
        }
        m.put("sweep", options.sweep());
        m.put("concurrencyWithoutSweep", options.concurrency());
        m.put("serverConfig", LoadServer.config(options.boshMaxWait()));
        m.put("accounts", "distinct SCRAM salt per account");
        m.put("cpu", "client: process CPU minus driver threads; server: Prosody utime+stime; measured phase only");
        if (options.longScenario()) {
            m.put("durationSeconds", options.duration().toMillis() / 1000.0);
            m.put("periodSeconds", options.period().toMillis() / 1000.0);
            m.put("sampleSeconds", options.sample().toMillis() / 1000.0);
        }
        return m;
    }

    /** Starts a fresh server for one contender in one round, runs the mode on it and stops it. */
    static Map<String, Object> runOnFreshServer(HarnessOptions options, Contender contender, int round, int concurrency) {
        String mode = options.mode();
        int users = switch (mode) {
            case "login" -> options.count();
            case "fanout" -> options.count() + 1;
            case "soak" -> options.count();
            case "flood" -> 4;
            default -> 2;
        };
        System.err.printf("LoadHarness: %s %d over %s, %s, round %d, concurrency %d, fresh server with %d accounts%n",
            mode, options.count(), contender.wire(options.transport()).label(), contender.name(), round, concurrency, users);
        try (ProsodyServer prosody = LoadServer.start(users, options.boshMaxWait())) {
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("impl", contender.name());
            run.put("transport", contender.wire(options.transport()).label());
            run.put("round", round);
            run.put("concurrency", concurrency);
            run.put("loadAverageAtStart", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            Map<String, Object> server = LoadServer.describe(prosody, options.boshMaxWait());
            Meter meter = new Meter(prosody.pid());
            Target target = new Target(prosody.boshUrl(), prosody.host(), LoadServer.PASSWORD, concurrency,
                options.hold(), options.warmup(), options.timeout(), meter, options.transport(), prosody.c2sPort(),
                prosody.websocketUrl());
            Map<String, Object> floor = null;
            // the HTTP floor is BOSH's; over TCP and WebSocket the raw client's RTT is the floor
            if (mode.equals("rtt") && options.transport() == TransportKind.BOSH) {
                floor = new HttpFloor(prosody.boshUrl(), prosody.host()).measure(Math.max(100, options.count()), options.warmup());
            }
            if (mode.equals("login") && options.warmup() > 0) {
                // loads and warms the contender's classes, so its first figures do not carry them
                contender.login(target.with(concurrency, Duration.ZERO, 0), Math.min(options.warmup(), options.count()));
            }
            double serverCpu = ProcessStats.cpuSecondsOf(prosody.pid());
            long overflows = LoadServer.listenOverflows();
            long start = System.nanoTime();
            Map<String, Object> figures = switch (mode) {
                case "login" -> contender.login(target, options.count());
                case "rtt" -> contender.rtt(target, options.count());
                case "flood" -> contender.flood(target, options.count());
                case "fanout" -> Scenarios.fanout(target, contender, options.count(), options.duration(),
                    options.period(), options.sample());
                case "soak" -> Scenarios.soak(target, contender, options.count(), options.duration(), options.sample());
                default -> throw new IllegalArgumentException("unknown mode " + mode);
            };
            run.putAll(figures);
            run.putAll(PerOperation.of(mode, figures, meter, floor));
            if (mode.equals("flood") && options.split() && !contender.name().equals("raw")) {
                run.putAll(FloodSplit.run(target, contender, options.count()));
            }
            run.put("wallSeconds", Latencies.round((System.nanoTime() - start) / 1e9));
            run.put("prosodyCpuSecondsWholeRun", Latencies.round(ProcessStats.cpuSecondsOf(prosody.pid()) - serverCpu));
            run.put("prosodyRssBytes", ProcessStats.rssOf(prosody.pid()));
            // connections the kernel dropped because a listen queue was full (machine-wide), over the measured run
            long overflowsAfter = LoadServer.listenOverflows();
            run.put("tcpListenOverflows", overflows < 0 || overflowsAfter < 0 ? -1 : overflowsAfter - overflows);
            server.put("archiveWritten", LoadServer.archiveWritten(prosody));
            run.put("server", server);
            System.err.println("LoadHarness: " + run.entrySet().stream().filter(e -> !e.getKey().equals("samples"))
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ")));
            return run;
        }
    }

    /** Facts about the machine the figures come from. */
    static final class Machine {
        private Machine() {
        }

        static Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("cores", Runtime.getRuntime().availableProcessors());
            m.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
            m.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
            m.put("jvmArguments", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-X")).toList());
            m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
            m.put("prosody", prosodyVersion());
            m.put("smack", org.reactorxmpp.benchmarks.smack.SmackCodec.smackVersion());
            m.put("loadAverageAtStart", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            return m;
        }

        private static String prosodyVersion() {
            try {
                Process p = new ProcessBuilder("dpkg-query", "-W", "-f=${Version}", "prosody")
                    .redirectErrorStream(true).start();
                String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                return p.waitFor() == 0 ? v : "unknown";
            } catch (IOException e) {
                return "unknown";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "unknown";
            }
        }
    }

}
