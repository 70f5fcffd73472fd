package org.reactorxmpp.xmpp.failover;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A {@link NodeStore} in one small JSON file, keyed by bare JID:
 * <pre>{@code
 * {"version": 1, "accounts": {"alice@example.com":
 *     {"home": "https://a.example.com/httpbinding", "backup": "https://b.example.com/httpbinding",
 *      "learnedAt": "2024-05-01T10:15:30Z"}}}
 * }</pre>
 * Entries older than the expiry are ignored and dropped at the next write (CAXL kept them forever).
 * Every write goes to a temporary file in the same directory, then replaces the store with an atomic
 * move, so a reader (or a crash) never sees half a file. A file that cannot be read or parsed, and
 * entries that are malformed, are ignored with a warning; a failed write is logged and dropped: the
 * store never makes a connect fail. File I/O runs on {@link Schedulers#boundedElastic()} (or the given
 * scheduler), never on the caller's thread; writes of one store instance are serialised.
 * Several processes sharing a file may lose each other's updates (the last write wins), never corrupt it.
 *
 * <pre>{@code
 * NodeStore store = JsonFileNodeStore.builder(Path.of("/var/lib/app/cup-nodes.json"))
 *     .expiry(Duration.ofDays(7)).build();
 * }</pre>
 */
public final class JsonFileNodeStore implements NodeStore {

    private static final Logger log = LoggerFactory.getLogger(JsonFileNodeStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int VERSION = 1;

    private final Path file;
    private final Duration expiry;
    private final Clock clock;
    private final Scheduler scheduler;
    private final Object lock = new Object();

    private JsonFileNodeStore(Path file, Duration expiry, Clock clock, Scheduler scheduler) {
        this.file = file.toAbsolutePath();
        this.expiry = expiry;
        this.clock = clock;
        this.scheduler = scheduler;
    }

    /**
     * @param file the JSON file
     * @return a builder
     */
    public static Builder builder(Path file) {
        return new Builder(Objects.requireNonNull(file, "file"));
    }

    /** @return the file */
    public Path file() {
        return file;
    }

    /** @return how long stored nodes are used */
    public Duration expiry() {
        return expiry;
    }

    @Override
    public Mono<HomeNodes> load(BareJid account) {
        Objects.requireNonNull(account, "account");
        return Mono.fromCallable(() -> {
            synchronized (lock) {
                Entry e = read().get(account.toString());
                return e == null ? null : e.nodes;
            }
        }).subscribeOn(scheduler);
    }

    @Override
    public Mono<Void> save(BareJid account, HomeNodes nodes) {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(nodes, "nodes");
        return update(account, new Entry(nodes, clock.instant()));
    }

    @Override
    public Mono<Void> forget(BareJid account) {
        Objects.requireNonNull(account, "account");
        return update(account, null);
    }

    private Mono<Void> update(BareJid account, @Nullable Entry entry) {
        return Mono.<Void>fromRunnable(() -> {
            synchronized (lock) {
                Map<String, Entry> all = read();
                if (entry != null) {
                    all.put(account.toString(), entry);
                    write(all);
                } else if (all.remove(account.toString()) != null) {
                    write(all);
                }
            }
        }).subscribeOn(scheduler);
    }

    /** @return the entries that have not expired; empty (with a warning) when the file is unusable */
    private Map<String, Entry> read() {
        Map<String, Entry> entries = new LinkedHashMap<>();
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException absent) {
            return entries;
        } catch (IOException | RuntimeException e) {
            log.warn("ignoring the CUP node store {}: it cannot be read or parsed ({})", file, e.toString());
            return entries;
        }
        JsonNode accounts = root == null ? null : root.get("accounts");
        if (accounts == null || !accounts.isObject()) {
            log.warn("ignoring the CUP node store {}: no \"accounts\" object", file);
            return entries;
        }
        Instant now = clock.instant();
        for (Iterator<Map.Entry<String, JsonNode>> it = accounts.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            try {
                JsonNode n = field.getValue();
                URI home = URI.create(n.get("home").asText());
                JsonNode b = n.get("backup");
                URI backup = b == null || b.isNull() ? null : URI.create(b.asText());
                Instant learnedAt = Instant.parse(n.get("learnedAt").asText());
                if (!learnedAt.plus(expiry).isBefore(now)) {
                    entries.put(field.getKey(), new Entry(HomeNodes.of(home, backup), learnedAt));
                }
            } catch (RuntimeException malformed) {
                log.warn("ignoring the entry of {} in the CUP node store {}: malformed ({})", field.getKey(), file,
                    malformed.toString());
            }
        }
        return entries;
    }

    private void write(Map<String, Entry> entries) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", VERSION);
        ObjectNode accounts = root.putObject("accounts");
        entries.forEach((jid, e) -> {
            ObjectNode n = accounts.putObject(jid);
            n.put("home", e.nodes.home().toString());
            e.nodes.backup().ifPresent(b -> n.put("backup", b.toString()));
            n.put("learnedAt", e.learnedAt.toString());
        });
        Path tmp = null;
        try {
            Path dir = file.getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            tmp = Files.createTempFile(dir, file.getFileName() + ".", ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                JSON.writerWithDefaultPrettyPrinter().writeValue(out, root);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            tmp = null;
        } catch (IOException | RuntimeException e) {
            log.warn("could not write the CUP node store {}: {}", file, e.toString());
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }

    @Override
    public String toString() {
        return "JsonFileNodeStore{" + file + ", expiry " + expiry + "}";
    }

    private record Entry(HomeNodes nodes, Instant learnedAt) {
    }

    /** Builds a {@link JsonFileNodeStore}. */
    public static final class Builder {
        private final Path file;
        private Duration expiry = Duration.ofDays(7);
        private Clock clock = Clock.systemUTC();
        private Scheduler scheduler = Schedulers.boundedElastic();

        private Builder(Path file) {
            this.file = file;
        }

        /**
         * @param expiry how long stored nodes are used after they were last learned; default 7 days
         * @return this builder
         */
        public Builder expiry(Duration expiry) {
            Objects.requireNonNull(expiry, "expiry");
            if (expiry.isNegative() || expiry.isZero()) {
                throw new IllegalArgumentException("expiry must be positive, was " + expiry);
            }
            this.expiry = expiry;
            return this;
        }

        /**
         * @param clock the time source (tests); default UTC system clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @param scheduler where file I/O runs; default {@link Schedulers#boundedElastic()}
         * @return this builder
         */
        public Builder scheduler(Scheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /** @return the store */
        public JsonFileNodeStore build() {
            return new JsonFileNodeStore(file, expiry, clock, scheduler);
        }
    }
}
