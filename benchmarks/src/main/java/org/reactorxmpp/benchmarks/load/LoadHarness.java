package org.reactorxmpp.benchmarks.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.reactorxmpp.xmpp.testing.ProsodyServer;

/**
 * The load harness: one command that starts its own Prosody on loopback, runs one mode for this
 * library and for Smack alternately in the same JVM, prints the figures and the ratio ours/Smack,
 * writes them as JSON, and stops Prosody.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.reactorxmpp.benchmarks.load.LoadHarness login 100
 * java -cp benchmarks/target/benchmarks.jar org.reactorxmpp.benchmarks.load.LoadHarness rtt 1000
 * java -cp benchmarks/target/benchmarks.jar org.reactorxmpp.benchmarks.load.LoadHarness flood 10000
 * java -cp benchmarks/target/benchmarks.jar org.reactorxmpp.benchmarks.load.LoadHarness floor 1000
 * </pre>
 *
 * <p>Modes: {@code login N} (N sessions log in with SCRAM-SHA-1, are held, each pings the server
 * once, all close), {@code rtt M} (A to B to A message ping-pong, percentiles, plus the HTTP floor),
 * {@code flood M} (A sends M messages as fast as allowed, B counts), {@code floor M} (raw HTTP
 * round trips to Prosody's {@code /http-bind}, no library). Options: {@code --impl both|ours|smack},
 * {@code --rounds R} (each round runs the contenders in alternating order), {@code --concurrency C}
 * (logins in flight, default min(N, 500)), {@code --hold S} (seconds the sessions are held,
 * default 10), {@code --warmup W} (rtt/floor rounds not measured, and logins done and closed
 * before a measured login run, default 20), {@code --timeout S}
 * (per contender and mode, default 600), {@code --out FILE} (default
 * {@code benchmarks/results/MODE-COUNT.json}).
 */
public final class LoadHarness {

    private static final String PASSWORD = "secret";

    private LoadHarness() {
    }

    /**
     * Runs the harness; exits with status 1 when the arguments are wrong or the run fails.
     *
     * @param args {@code MODE COUNT [options]}
     */
    public static void main(String[] args) {
        try {
            Map<String, Object> result = run(args);
            System.out.println(json().writeValueAsString(result));
            System.exit(0);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: LoadHarness login|rtt|flood|floor COUNT [--impl both|ours|smack] [--rounds R]"
                + " [--concurrency C] [--hold SECONDS] [--warmup W] [--timeout SECONDS] [--out FILE]");
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
        int users = options.mode().equals("login") ? options.count() : 2;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mode", options.mode());
        out.put("count", options.count());
        out.put("date", Instant.now().toString());
        out.put("command", "LoadHarness " + String.join(" ", args));
        try (ProsodyServer prosody = ProsodyServer.builder()
                .users("user", users, PASSWORD)
                .extraConfig("network_settings = { nagle = false }")
                .build()) {
            prosody.start();
            out.put("machine", Machine.describe(prosody));
            Target target = new Target(prosody.boshUrl(), prosody.host(), PASSWORD,
                options.concurrency(), options.hold(), options.warmup(), options.timeout());
            if (options.mode().equals("floor")) {
                out.put("floor", new HttpFloor(prosody.boshUrl(), prosody.host()).measure(options.count(), options.warmup()));
            } else {
                if (options.mode().equals("rtt")) {
                    out.put("floor", new HttpFloor(prosody.boshUrl(), prosody.host()).measure(
                        Math.max(100, options.count()), options.warmup()));
                }
                List<Map<String, Object>> runs = new ArrayList<>();
                for (int round = 1; round <= options.rounds(); round++) {
                    List<Contender> order = options.contenders();
                    if (round % 2 == 0) {
                        order = new ArrayList<>(order);
                        java.util.Collections.reverse(order);
                    }
                    for (Contender contender : order) {
                        Map<String, Object> run = runOne(prosody, target, options, contender, round);
                        if (out.get("floor") instanceof Map<?, ?> floor && floor.get("p50Ms") instanceof Double f
                            && run.get("p50Ms") instanceof Double p50) {
                            // the least an A to B to A exchange can cost is two HTTP exchanges
                            run.put("overFloorP50Ms", Latencies.round(p50 - 2 * f));
                        }
                        runs.add(run);
                    }
                }
                out.put("runs", runs);
                out.put("summary", Summary.of(runs));
            }
        }
        Path file = options.out();
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, json().writeValueAsString(out), StandardCharsets.UTF_8);
        System.err.println("LoadHarness: wrote " + file.toAbsolutePath());
        return out;
    }

    private static Map<String, Object> runOne(ProsodyServer prosody, Target target, HarnessOptions options,
                                              Contender contender, int round) {
        System.err.printf("LoadHarness: %s %d, %s, round %d%n", options.mode(), options.count(), contender.name(), round);
        if (options.mode().equals("login") && options.warmup() > 0) {
            // loads and warms the contender's classes, so its first figures do not carry them
            contender.login(new Target(target.boshUrl(), target.domain(), target.password(), target.concurrency(),
                Duration.ZERO, 0, target.timeout()), Math.min(options.warmup(), options.count()));
        }
        double prosodyCpu = ProcessStats.cpuSecondsOf(prosody.pid());
        long start = System.nanoTime();
        Map<String, Object> figures = switch (options.mode()) {
            case "login" -> contender.login(target, options.count());
            case "rtt" -> contender.rtt(target, options.count());
            case "flood" -> contender.flood(target, options.count());
            default -> throw new IllegalArgumentException("unknown mode " + options.mode());
        };
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("impl", contender.name());
        run.put("round", round);
        run.putAll(figures);
        run.put("wallSeconds", Latencies.round((System.nanoTime() - start) / 1e9));
        run.put("prosodyCpuSeconds", Latencies.round(ProcessStats.cpuSecondsOf(prosody.pid()) - prosodyCpu));
        run.put("prosodyRssBytes", ProcessStats.rssOf(prosody.pid()));
        System.err.println("LoadHarness: " + run);
        return run;
    }

    /** The parsed command line. */
    record HarnessOptions(String mode, int count, List<Contender> contenders, int rounds, int concurrency,
                          Duration hold, int warmup, Duration timeout, Path out) {

        static HarnessOptions parse(String... args) {
            if (args.length < 2) {
                throw new IllegalArgumentException("missing MODE and COUNT");
            }
            String mode = args[0];
            if (!List.of("login", "rtt", "flood", "floor").contains(mode)) {
                throw new IllegalArgumentException("unknown mode '" + mode + "'");
            }
            int count = positive("COUNT", args[1]);
            String impl = "both";
            int rounds = 1;
            int concurrency = Math.min(count, 500);
            Duration hold = Duration.ofSeconds(10);
            int warmup = 20;
            Duration timeout = Duration.ofSeconds(600);
            Path out = Path.of("benchmarks", "results", mode + "-" + count + ".json");
            List<String> rest = Arrays.asList(args).subList(2, args.length);
            for (int i = 0; i < rest.size(); i += 2) {
                String name = rest.get(i);
                if (i + 1 >= rest.size()) {
                    throw new IllegalArgumentException("option " + name + " needs a value");
                }
                String value = rest.get(i + 1);
                switch (name) {
                    case "--impl" -> impl = value;
                    case "--rounds" -> rounds = positive(name, value);
                    case "--concurrency" -> concurrency = positive(name, value);
                    case "--hold" -> hold = Duration.ofMillis((long) (Double.parseDouble(value) * 1000));
                    case "--warmup" -> warmup = Integer.parseInt(value);
                    case "--timeout" -> timeout = Duration.ofSeconds(positive(name, value));
                    case "--out" -> out = Path.of(value);
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            }
            List<Contender> contenders = switch (impl) {
                case "both" -> List.of(new OursContender(), new SmackContender());
                case "ours" -> List.<Contender>of(new OursContender());
                case "smack" -> List.<Contender>of(new SmackContender());
                default -> throw new IllegalArgumentException("--impl must be both, ours or smack, not " + impl);
            };
            return new HarnessOptions(mode, count, contenders, rounds, concurrency, hold, warmup, timeout, out);
        }

        private static int positive(String name, String value) {
            try {
                int v = Integer.parseInt(value.replace("_", "").replace(",", ""));
                if (v < 1) {
                    throw new IllegalArgumentException(name + " must be at least 1, not " + value);
                }
                return v;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a number, not '" + value + "'", e);
            }
        }
    }

    /** Facts about the machine the figures come from. */
    static final class Machine {
        private Machine() {
        }

        static Map<String, Object> describe(ProsodyServer prosody) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("cores", Runtime.getRuntime().availableProcessors());
            m.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
            m.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
            m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
            m.put("prosody", prosodyVersion());
            m.put("smack", org.reactorxmpp.benchmarks.smack.SmackCodec.smackVersion());
            m.put("loadAverageAtStart", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            m.put("prosodyPid", prosody.pid());
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
