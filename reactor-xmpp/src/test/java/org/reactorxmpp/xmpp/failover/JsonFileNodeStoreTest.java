package org.reactorxmpp.xmpp.failover;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.jid.Jid;
import org.slf4j.LoggerFactory;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

class JsonFileNodeStoreTest {

    private static final BareJid ALICE = Jid.parse("alice@example.com").asBare();
    private static final BareJid BOB = Jid.parse("bob@example.com").asBare();
    private static final HomeNodes NODES = HomeNodes.of(URI.create("https://a.example.com:7335/httpbinding"),
        URI.create("https://b.example.com:7335/httpbinding"));

    @TempDir
    Path dir;

    private Instant now = Instant.parse("2026-03-01T12:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(JsonFileNodeStore.class);

    @BeforeEach
    void captureLogs() {
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        logger.detachAppender(logs);
    }

    private Path file() {
        return dir.resolve("nodes.json");
    }

    private JsonFileNodeStore store(Scheduler scheduler) {
        return JsonFileNodeStore.builder(file()).expiry(Duration.ofHours(1)).clock(clock).scheduler(scheduler).build();
    }

    private JsonFileNodeStore store() {
        return store(Schedulers.immediate());
    }

    private List<String> warnings() {
        return logs.list.stream().filter(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
            .map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void savedNodesAreLoadedPerAccountAndForgotten() {
        store().save(ALICE, NODES).block();
        store().save(BOB, HomeNodes.of(URI.create("http://10.0.0.3/httpbinding"), null)).block();
        assertThat(store().load(ALICE).block()).isEqualTo(NODES);
        assertThat(store().load(BOB).block().backup()).isEmpty();
        store().forget(ALICE).block();
        assertThat(store().load(ALICE).blockOptional()).isEmpty();
        assertThat(store().load(BOB).blockOptional()).isPresent();
        assertThat(warnings()).isEmpty();
    }

    @Test
    void eachWriteReplacesTheFileByAnAtomicMoveLeavingNoTemporaryFile() throws Exception {
        store().save(ALICE, NODES).block();
        Object before = Files.readAttributes(file(), java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        store().save(BOB, NODES).block();
        Object after = Files.readAttributes(file(), java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        assertThat(before).isNotNull();
        assertThat(after).as("a new file (moved over the old one), not the old one rewritten in place")
            .isNotEqualTo(before);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("nodes.json");
        }
        String json = Files.readString(file());
        assertThat(json).contains("\"version\" : 1", "\"alice@example.com\"", "\"bob@example.com\"",
            "\"home\" : \"https://a.example.com:7335/httpbinding\"", "\"learnedAt\" : \"2026-03-01T12:00:00Z\"");
    }

    @Test
    void entriesExpireAfterTheirDurationAndAreDroppedAtTheNextWrite() throws Exception {
        store().save(ALICE, NODES).block();
        now = now.plus(Duration.ofMinutes(60));
        assertThat(store().load(ALICE).blockOptional()).as("exactly at the expiry: still valid").isPresent();
        now = now.plusSeconds(1);
        assertThat(store().load(ALICE).blockOptional()).isEmpty();
        store().save(BOB, NODES).block();
        assertThat(Files.readString(file())).doesNotContain("alice@example.com");
    }

    @Test
    void aCorruptFileIsIgnoredWithAWarningAndReplacedAtTheNextWrite() throws Exception {
        Files.writeString(file(), "{\"version\": 1, \"accounts\": {\"alice@exa", StandardCharsets.UTF_8);
        assertThat(store().load(ALICE).blockOptional()).isEmpty();
        assertThat(warnings()).singleElement().asString().contains("ignoring the CUP node store", file().toString());

        store().save(BOB, NODES).block();
        assertThat(store().load(BOB).block()).isEqualTo(NODES);
    }

    @Test
    void aMalformedEntryIsIgnoredWithAWarningTheOthersStay() throws Exception {
        Files.writeString(file(), "{\"version\":1,\"accounts\":{"
            + "\"alice@example.com\":{\"home\":\"http://a/\",\"learnedAt\":\"yesterday\"},"
            + "\"bob@example.com\":{\"home\":\"http://b/x\",\"learnedAt\":\"2026-03-01T11:59:00Z\"}}}");
        assertThat(store().load(ALICE).blockOptional()).isEmpty();
        assertThat(store().load(BOB).block().home()).isEqualTo(URI.create("http://b/x"));
        assertThat(warnings()).anySatisfy(w -> assertThat(w).contains("alice@example.com", "malformed"));
    }

    @Test
    void anUnwritableLocationIsLoggedNeverSignalled() throws Exception {
        Path notADirectory = dir.resolve("plain-file");
        Files.writeString(notADirectory, "x");
        JsonFileNodeStore broken = JsonFileNodeStore.builder(notADirectory.resolve("nodes.json"))
            .scheduler(Schedulers.immediate()).build();
        broken.save(ALICE, NODES).block();
        assertThat(broken.load(ALICE).blockOptional()).isEmpty();
        assertThat(warnings()).anySatisfy(w -> assertThat(w).contains("could not write the CUP node store"));
    }

    @Test
    void fileIoRunsOnTheStoreSchedulerNotTheCallersThread() {
        List<String> threads = new CopyOnWriteArrayList<>();
        // an I/O-capable scheduler (newSingle threads are non-blocking ones: BlockHound rightly refuses file I/O there)
        Scheduler io = Schedulers.newBoundedElastic(1, 16, "node-store-io");
        try {
            JsonFileNodeStore s = store(io);
            s.save(ALICE, NODES).doOnSuccess(v -> threads.add(Thread.currentThread().getName())).block();
            s.load(ALICE).doOnNext(v -> threads.add(Thread.currentThread().getName())).block();
        } finally {
            io.dispose();
        }
        assertThat(threads).hasSize(2).allSatisfy(t -> assertThat(t).startsWith("node-store-io"));
    }
}
