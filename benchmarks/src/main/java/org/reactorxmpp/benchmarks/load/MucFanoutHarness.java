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

import org.reactorxmpp.xmpp.testing.ProsodyServer;

/**
 * The MUC fan-out benchmark (issue 14): one room on a fresh Prosody (the load configuration: no
 * {@code mod_mam}, Nagle off), N occupants as sessions in this JVM, the first sends M groupchat
 * messages, every occupant must receive all M in order. Measured from the first send until the last
 * occupant has its last message: deliveries per second (N x M over that time), this JVM's CPU and
 * Prosody's CPU per delivered message. This library and Smack's {@code MultiUserChat}, each in each
 * round on a server of its own, the order alternating by round.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.reactorxmpp.benchmarks.load.MucFanoutHarness 200 1000 --rounds 3
 * </pre>
 *
 * <p>Options: {@code --rounds R} (3), {@code --impl ours,smack}, {@code --concurrency C} (logins in flight,
 * 16), {@code --timeout SECONDS} (300), {@code --out FILE} ({@code benchmarks/results/muc-fanout.json}).
 */
public final class MucFanoutHarness {

    private MucFanoutHarness() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: MucFanoutHarness OCCUPANTS MESSAGES [--rounds R] [--impl ours,smack] [--concurrency C]"
                + " [--timeout SECONDS] [--out FILE]");
            System.exit(2);
        }
        int occupants = Integer.parseInt(args[0]);
        int messages = Integer.parseInt(args[1]);
        int rounds = 3;
        int concurrency = 16;
        Duration timeout = Duration.ofSeconds(300);
        List<String> impls = List.of("ours", "smack");
        Path out = Path.of("benchmarks/results/muc-fanout.json");
        for (int i = 2; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--impl" -> impls = List.of(args[i + 1].split(","));
                case "--concurrency" -> concurrency = Integer.parseInt(args[i + 1]);
                case "--timeout" -> timeout = Duration.ofSeconds(Long.parseLong(args[i + 1]));
                case "--out" -> out = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("mode", "muc-fanout");
        result.put("occupants", occupants);
        result.put("messages", messages);
        result.put("date", Instant.now().toString());
        result.put("command", "MucFanoutHarness " + String.join(" ", args));
        result.put("machine", LoadHarness.Machine.describe());
        result.put("serverConfig", LoadServer.config(0));
        result.put("oursBoshRequestOrderGuardMs", OursBosh.ORDER_GUARD_MS);
        List<Map<String, Object>> runs = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            List<String> order = new ArrayList<>(impls);
            if (round % 2 == 0) {
                Collections.reverse(order);
            }
            for (String impl : order) {
                runs.add(runOnFreshServer(impl, round, occupants, messages, concurrency, timeout));
            }
        }
        result.put("runs", runs);
        result.put("summary", summary(runs, impls));
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, LoadHarness.json().writeValueAsString(result), StandardCharsets.UTF_8);
        System.out.println(LoadHarness.json().writeValueAsString(result.get("summary")));
        System.exit(0);
    }

    private static Map<String, Object> runOnFreshServer(String impl, int round, int occupants, int messages, int concurrency,
                                                        Duration timeout) throws Exception {
        System.err.printf("MucFanoutHarness: %s, round %d, %d occupants, %d messages%n", impl, round, occupants, messages);
        try (ProsodyServer prosody = LoadServer.start(occupants)) {
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("impl", impl);
            run.put("round", round);
            run.put("loadAverageAtStart", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            Meter meter = new Meter(prosody.pid());
            Target target = new Target(prosody.boshUrl(), prosody.host(), LoadServer.PASSWORD, concurrency, Duration.ZERO, 0,
                timeout, meter);
            String room = "fanout" + round;
            Map<String, Object> figures = switch (impl) {
                case "ours" -> OursMucFanout.run(target, occupants, messages, room);
                case "smack" -> SmackMucFanout.run(target, occupants, messages, room);
                default -> throw new IllegalArgumentException("unknown impl " + impl);
            };
            run.putAll(figures);
            long deliveries = ((Number) figures.get("deliveries")).longValue();
            run.putAll(meter.figures("Delivery", deliveries));
            if (meter.wallSeconds() > 0) {
                run.put("deliveriesPerSecond", Math.round(deliveries / meter.wallSeconds()));
            }
            run.put("loadAverageAtEnd", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            run.put("archiveWritten", LoadServer.archiveWritten(prosody));
            System.err.println("MucFanoutHarness: " + run);
            return run;
        }
    }

    /** The figures both contenders report once every occupant is done (or the time is up). */
    static Map<String, Object> figures(MucFanoutTally tally, boolean complete, long start, long sent, int sendFailures,
                                       int occupants, int messages) {
        Map<String, Object> m = new LinkedHashMap<>(tally.summary());
        m.put("complete", complete);
        m.put("sendFailures", sendFailures);
        m.put("sendSeconds", Latencies.round((sent - start) / 1e9));
        m.put("lastDeliverySeconds", Latencies.round((tally.lastDeliveryNanos() - start) / 1e9));
        return m;
    }

    private static Map<String, Object> summary(List<Map<String, Object>> runs, List<String> impls) {
        Map<String, Object> s = new LinkedHashMap<>();
        for (String impl : impls) {
            Map<String, Object> one = new LinkedHashMap<>();
            for (String key : List.of("deliveriesPerSecond", "clientCpuMsPerDelivery", "serverCpuMsPerDelivery", "serverUtilisation",
                    "phaseSeconds")) {
                List<Double> values = runs.stream().filter(r -> impl.equals(r.get("impl")) && r.get(key) instanceof Number)
                    .map(r -> ((Number) r.get(key)).doubleValue()).sorted().toList();
                if (!values.isEmpty()) {
                    one.put(key, Map.of("median", values.get(values.size() / 2), "min", values.get(0),
                        "max", values.get(values.size() - 1)));
                }
            }
            one.put("allComplete", runs.stream().filter(r -> impl.equals(r.get("impl"))).allMatch(r -> Boolean.TRUE.equals(r.get("complete"))));
            s.put(impl, one);
        }
        return s;
    }
}
