package org.reactorxmpp.benchmarks.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The harness's parsed command line.
 *
 * @param mode login, rtt, flood, floor, fanout or soak
 * @param count N sessions (login, fanout, soak) or M messages/samples (rtt, flood, floor)
 * @param contenders the libraries compared (plus the raw reference for rtt and flood)
 * @param rounds rounds; every contender gets a fresh server in every round
 * @param concurrency logins in flight when not swept
 * @param sweep login concurrencies to try per library before the rounds (empty: no sweep)
 * @param hold seconds logged-in sessions are held (login)
 * @param warmup untimed operations first
 * @param timeout limit for one mode of one contender
 * @param duration how long fanout or soak runs
 * @param period fanout: each session gets one message per period
 * @param sample fanout and soak: time between heap and thread samples
 * @param out the JSON file
 * @param split flood: also measure sending only (library to raw) and receiving only (raw to library)
 * @param boshMaxWait Prosody's {@code bosh_max_wait} in seconds, 0 for its default (smoke runs only)
 * @param jitWarmup rtt and flood: before the rounds, each contender runs the mode once with this count on its
 *     own fresh server, figures discarded, so that the measured rounds see compiled code (0: none)
 * @param transport the wire between the clients and Prosody (login, rtt and flood; BOSH for the other modes)
 */
record HarnessOptions(String mode, int count, List<Contender> contenders, int rounds, int concurrency,
                      List<Integer> sweep, Duration hold, int warmup, Duration timeout, Duration duration,
                      Duration period, Duration sample, Path out, boolean split, int boshMaxWait,
                      int jitWarmup, TransportKind transport) {

    static final List<String> MODES = List.of("login", "rtt", "flood", "floor", "fanout", "soak");
    static final List<Integer> AUTO_SWEEP = List.of(8, 16, 32, 64, 128, 256, 500, 1000);
    /** The modes that run over TCP and WebSocket too. */
    static final List<String> TRANSPORT_MODES = List.of("login", "rtt", "flood");
    static final String USAGE = "usage: LoadHarness login|rtt|flood|floor|fanout|soak COUNT [--transport bosh|tcp|ws]"
        + " [--impl both|ours|smack]"
        + " [--raw true|false] [--split true|false] [--rounds R] [--concurrency C] [--sweep auto|C1,C2,...] [--hold S] [--warmup W]"
        + " [--timeout S] [--duration S] [--period S] [--sample S] [--bosh-max-wait S] [--jit-warmup N] [--out FILE]";

    /** @return these options with another hold (the sweep holds sessions only briefly) */
    HarnessOptions withHold(Duration newHold) {
        return new HarnessOptions(mode, count, contenders, rounds, concurrency, sweep, newHold, warmup, timeout,
            duration, period, sample, out, split, boshMaxWait, jitWarmup, transport);
    }

    /** @return the options of the JIT warm-up run: {@link #jitWarmup()} operations, no split, no warm-up of its own */
    HarnessOptions forJitWarmup() {
        return oneRound(jitWarmup);
    }

    /** The rounds' message count, one round, no split phases, no sweep: one point of the body sweep. */
    HarnessOptions forBodySweep() {
        return oneRound(count);
    }

    private HarnessOptions oneRound(int n) {
        return new HarnessOptions(mode, n, contenders, 1, concurrency, List.of(), hold, warmup, timeout,
            duration, period, sample, out, false, boshMaxWait, 0, transport);
    }

    boolean longScenario() {
        return mode.equals("fanout") || mode.equals("soak");
    }

    static HarnessOptions parse(String... args) {
        if (args.length < 2) {
            throw new IllegalArgumentException("missing MODE and COUNT");
        }
        String mode = args[0];
        if (!MODES.contains(mode)) {
            throw new IllegalArgumentException("unknown mode '" + mode + "'");
        }
        int count = positive("COUNT", args[1]);
        boolean scenario = mode.equals("fanout") || mode.equals("soak");
        String impl = "both";
        boolean raw = true;
        boolean split = true;
        int boshMaxWait = 0;
        int rounds = scenario || mode.equals("floor") ? 1 : 3;
        int concurrency = Math.min(count, 16);
        List<Integer> sweep = List.of();
        Duration hold = Duration.ofSeconds(10);
        int warmup = 20;
        // C2 was still compiling 15 s into a 1,000 round-trip run (40% of the process's CPU): without this,
        // client CPU per operation measured mostly the JIT
        int jitWarmup = switch (mode) {
            case "rtt" -> 20_000;
            case "flood" -> 100_000;
            default -> 0;
        };
        Duration timeout = Duration.ofSeconds(600);
        Duration duration = Duration.ofSeconds(mode.equals("soak") ? 600 : 120);
        Duration period = Duration.ofSeconds(5);
        Duration sample = Duration.ofSeconds(mode.equals("soak") ? 10 : 5);
        Path out = null;
        TransportKind transport = TransportKind.BOSH;
        List<String> rest = Arrays.asList(args).subList(2, args.length);
        for (int i = 0; i < rest.size(); i += 2) {
            String name = rest.get(i);
            if (i + 1 >= rest.size()) {
                throw new IllegalArgumentException("option " + name + " needs a value");
            }
            String value = rest.get(i + 1);
            switch (name) {
                case "--impl" -> impl = value;
                case "--transport" -> transport = TransportKind.parse(value);
                case "--raw" -> raw = Boolean.parseBoolean(value);
                case "--split" -> split = Boolean.parseBoolean(value);
                case "--bosh-max-wait" -> boshMaxWait = positive(name, value);
                case "--rounds" -> rounds = positive(name, value);
                case "--concurrency" -> concurrency = positive(name, value);
                case "--sweep" -> sweep = sweep(value, count);
                case "--hold" -> hold = seconds(value);
                case "--warmup" -> warmup = Integer.parseInt(value);
                case "--jit-warmup" -> jitWarmup = Integer.parseInt(value);
                case "--timeout" -> timeout = Duration.ofSeconds(positive(name, value));
                case "--duration" -> duration = seconds(value);
                case "--period" -> period = seconds(value);
                case "--sample" -> sample = seconds(value);
                case "--out" -> out = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        List<Contender> contenders = new ArrayList<>(switch (impl) {
            case "both" -> List.of(new OursContender(), new SmackContender());
            case "ours" -> List.<Contender>of(new OursContender());
            case "smack" -> List.<Contender>of(new SmackContender());
            default -> throw new IllegalArgumentException("--impl must be both, ours or smack, not " + impl);
        });
        if (raw && (mode.equals("rtt") || mode.equals("flood"))) {
            contenders.add(new RawContender());
        }
        if (!sweep.isEmpty() && !mode.equals("login")) {
            throw new IllegalArgumentException("--sweep is for login only");
        }
        if (transport != TransportKind.BOSH && !TRANSPORT_MODES.contains(mode)) {
            throw new IllegalArgumentException("--transport " + transport.label() + " is for login, rtt and flood only");
        }
        if (out == null) {
            out = Path.of("benchmarks", "results", fileName(mode, transport, count));
        }
        return new HarnessOptions(mode, count, List.copyOf(contenders), rounds, concurrency, sweep, hold, warmup,
            timeout, duration, period, sample, out, split, boshMaxWait, jitWarmup, transport);
    }

    /**
     * The default JSON file name: {@code MODE-COUNT.json} over BOSH (the names the BOSH tables read),
     * {@code MODE-TRANSPORT-COUNT.json} over TCP and WebSocket.
     */
    static String fileName(String mode, TransportKind transport, int count) {
        return mode + (transport == TransportKind.BOSH ? "" : "-" + transport.label()) + "-" + count + ".json";
    }

    private static List<Integer> sweep(String value, int count) {
        List<Integer> values = new ArrayList<>();
        if (value.equals("auto")) {
            for (int c : AUTO_SWEEP) {
                if (c < count) {
                    values.add(c);
                }
            }
            values.add(Math.min(count, AUTO_SWEEP.get(AUTO_SWEEP.size() - 1)));
        } else {
            for (String part : value.split(",")) {
                values.add(positive("--sweep", part.trim()));
            }
        }
        return List.copyOf(values);
    }

    private static Duration seconds(String value) {
        try {
            return Duration.ofMillis((long) (Double.parseDouble(value) * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number of seconds: '" + value + "'", e);
        }
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
