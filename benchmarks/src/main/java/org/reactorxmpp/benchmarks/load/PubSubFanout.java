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

import org.reactorxmpp.xmpp.testing.ProsodyServer;

/**
 * PubSub fan-out (issue 15): one node on Prosody's pubsub component, N subscriber sessions in this JVM,
 * one publisher publishing M items; measured from the first publish to the last item notification
 * received: events delivered per second, client CPU and Prosody CPU per event. This library's
 * {@code PubSub} and Smack's {@code PubSubManager} side by side, each in each round on a fresh Prosody
 * (the load configuration: no {@code mod_mam}), alternating their order.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.reactorxmpp.benchmarks.load.PubSubFanout 500 1000 --rounds 3
 * </pre>
 *
 * <p>Options: {@code --impl both|ours|smack}, {@code --rounds R} (3), {@code --in-flight P} (publishes
 * in flight, 8), {@code --concurrency C} (logins and subscribes in flight, 16), {@code --timeout S}
 * (600), {@code --out FILE} ({@code benchmarks/results/pubsub-N-M.json}).
 */
public final class PubSubFanout {

    /** One library's fan-out run on a started server. */
    interface Contender {
        String name();

        Map<String, Object> run(Target target, String service, Settings settings);
    }

    /** What a run does: N subscribers, M items, P publishes in flight. */
    record Settings(int subscribers, int items, int inFlight) {
        long expected() {
            return (long) subscribers * items;
        }
    }

    private PubSubFanout() {
    }

    /** @param args {@code SUBSCRIBERS ITEMS [options]} */
    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: PubSubFanout SUBSCRIBERS ITEMS [--impl both|ours|smack] [--rounds R]"
                + " [--in-flight P] [--concurrency C] [--timeout S] [--out FILE]");
            System.exit(2);
        }
        Settings settings = new Settings(Integer.parseInt(args[0]), Integer.parseInt(args[1]), 8);
        String impl = "both";
        int rounds = 3;
        int concurrency = 16;
        Duration timeout = Duration.ofSeconds(600);
        Path out = Path.of("benchmarks", "results", "pubsub-" + args[0] + "-" + args[1] + ".json");
        for (int i = 2; i + 1 < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--impl" -> impl = v;
                case "--rounds" -> rounds = Integer.parseInt(v);
                case "--in-flight" -> settings = new Settings(settings.subscribers(), settings.items(), Integer.parseInt(v));
                case "--concurrency" -> concurrency = Integer.parseInt(v);
                case "--timeout" -> timeout = Duration.ofSeconds(Long.parseLong(v));
                case "--out" -> out = Path.of(v);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<Contender> contenders = switch (impl) {
            case "both" -> List.of(new OursPubSub(), new SmackPubSub());
            case "ours" -> List.<Contender>of(new OursPubSub());
            case "smack" -> List.<Contender>of(new SmackPubSub());
            default -> throw new IllegalArgumentException("--impl must be both, ours or smack");
        };
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("mode", "pubsub-fanout");
        result.put("subscribers", settings.subscribers());
        result.put("items", settings.items());
        result.put("publishesInFlight", settings.inFlight());
        result.put("date", Instant.now().toString());
        result.put("command", "PubSubFanout " + String.join(" ", args));
        result.put("machine", LoadHarness.Machine.describe());
        result.put("serverConfig", LoadServer.config(0));
        List<Map<String, Object>> runs = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            List<Contender> order = new ArrayList<>(contenders);
            if (round % 2 == 0) {
                Collections.reverse(order);
            }
            for (Contender c : order) {
                runs.add(runOnFreshServer(c, round, settings, concurrency, timeout));
                // written after every run, so that an interrupted series keeps what it measured
                result.put("runs", runs);
                result.put("summary", Summary.of(runs));
                write(out, result);
            }
        }
        System.out.println(LoadHarness.json().writeValueAsString(result.get("summary")));
        System.err.println("PubSubFanout: wrote " + out.toAbsolutePath());
        System.exit(0);
    }

    private static void write(Path out, Map<String, Object> result) throws IOException {
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, LoadHarness.json().writeValueAsString(result), StandardCharsets.UTF_8);
    }

    private static Map<String, Object> runOnFreshServer(Contender contender, int round, Settings settings,
                                                        int concurrency, Duration timeout) {
        System.err.printf("PubSubFanout: %s, round %d, %d subscribers x %d items%n", contender.name(), round,
            settings.subscribers(), settings.items());
        try (ProsodyServer prosody = LoadServer.start(settings.subscribers() + 1)) {
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("impl", contender.name());
            run.put("round", round);
            run.put("loadAverageAtStart", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            Meter meter = new Meter(prosody.pid());
            Target target = new Target(prosody.boshUrl(), prosody.host(), LoadServer.PASSWORD, concurrency,
                Duration.ZERO, 0, timeout, meter);
            run.putAll(contender.run(target, prosody.pubsubHost(), settings));
            long delivered = ((Number) run.getOrDefault("delivered", 0L)).longValue();
            run.putAll(meter.figures("Event", delivered));
            if (meter.measured() && meter.wallSeconds() > 0) {
                run.put("eventsPerSecond", Math.round(delivered / meter.wallSeconds()));
            }
            run.put("loadAverageAtEnd", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            run.put("archiveWritten", LoadServer.archiveWritten(prosody));
            System.err.println("PubSubFanout: " + run.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ")));
            return run;
        }
    }
}
