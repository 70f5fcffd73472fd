package org.reactorxmpp.im.roster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reactorxmpp.xmpp.extension.ExtensionCodec;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.xml.XmlElement;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/** {@link RosterStore#jsonFile}: per-account entries, atomic replacement, corrupt files ignored, I/O off the caller. */
class JsonFileRosterStoreTest {

    private static final Duration T = Duration.ofSeconds(10);
    private static final BareJid JULIET = BareJid.parse("juliet@example.com");
    private static final BareJid ROMEO = BareJid.parse("romeo@montague.example");

    @TempDir
    Path dir;

    private static RosterItem full() {
        return ExtensionCodec.decode(RosterItem.CODEC, XmlElement.builder(RosterItem.NAMESPACE, "item")
            .attribute("jid", "nurse@example.com").attribute("name", "Nurse").attribute("subscription", "from")
            .attribute("ask", "subscribe").attribute("approved", "true")
            .textChild(RosterItem.NAMESPACE, "group", "Servants").textChild(RosterItem.NAMESPACE, "group", "Capulets")
            .build());
    }

    @Test
    void aNewInstanceOnTheSameFileReadsWhatWasSavedPerAccount() {
        Path file = dir.resolve("roster.json");
        RosterSnapshot juliets = RosterSnapshot.of("v7", List.of(full(),
            RosterItem.of(BareJid.parse("tybalt@example.com"), null, List.of())));
        RosterSnapshot romeos = RosterSnapshot.of(null, List.of(RosterItem.of(JULIET, "J", List.of("Love"))));
        RosterStore store = RosterStore.jsonFile(file);
        store.save(JULIET, juliets).block(T);
        store.save(ROMEO, romeos).block(T);

        RosterStore reopened = RosterStore.jsonFile(file);
        assertThat(reopened.load(JULIET).block(T)).isEqualTo(juliets);
        assertThat(reopened.load(ROMEO).block(T)).isEqualTo(romeos);
        assertThat(reopened.load(BareJid.parse("nobody@example.com")).block(T)).isNull();

        // replacing one account keeps the other
        RosterSnapshot newer = juliets.without("v8", BareJid.parse("tybalt@example.com"));
        reopened.save(JULIET, newer).block(T);
        assertThat(RosterStore.jsonFile(file).load(JULIET).block(T)).isEqualTo(newer);
        assertThat(RosterStore.jsonFile(file).load(ROMEO).block(T)).isEqualTo(romeos);
    }

    @Test
    void noFileMeansNothingStored() {
        assertThat(RosterStore.jsonFile(dir.resolve("absent.json")).load(JULIET).block(T)).isNull();
    }

    @Test
    void aCorruptFileIsIgnoredAndReplacedOnSave() throws IOException {
        Path file = dir.resolve("roster.json");
        Files.writeString(file, "{\"format\":1,\"accounts\":{\"juliet@exa", StandardCharsets.UTF_8);
        RosterStore store = RosterStore.jsonFile(file);
        assertThat(store.load(JULIET).block(T)).isNull();

        RosterSnapshot roster = RosterSnapshot.of("1", List.of(full()));
        store.save(JULIET, roster).block(T);
        assertThat(RosterStore.jsonFile(file).load(JULIET).block(T)).isEqualTo(roster);

        // an entry with an invalid JID is ignored, not thrown
        Files.writeString(file, "{\"format\":1,\"accounts\":{\"juliet@example.com\":{\"ver\":\"2\",\"items\":"
            + "[{\"jid\":\"@@\"}]}}}", StandardCharsets.UTF_8);
        assertThat(RosterStore.jsonFile(file).load(JULIET).block(T)).isNull();
    }

    @Test
    void writesLeaveNoTemporaryFilesAndRunOffNonBlockingThreads() throws IOException {
        Path file = dir.resolve("roster.json");
        RosterStore store = RosterStore.jsonFile(file);
        // subscribed from a non-blocking thread: BlockHound fails the test if the file I/O ran there
        Scheduler parallel = Schedulers.newParallel("non-blocking-test", 1);
        try {
            for (int i = 0; i < 5; i++) {
                store.save(JULIET, RosterSnapshot.of("v" + i, List.of(full()))).subscribeOn(parallel).block(T);
            }
            assertThat(store.load(JULIET).subscribeOn(parallel).block(T).version()).contains("v4");
        } finally {
            parallel.dispose();
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void savesSubscribedInOrderNeverLeaveAnOlderRoster() {
        Path file = dir.resolve("roster.json");
        RosterStore store = RosterStore.jsonFile(file);
        List<Mono<Void>> saves = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            saves.add(store.save(JULIET, RosterSnapshot.of("v" + i, List.of(full()))));
        }
        // all subscribed at once, in order; the workers may run them in any order
        Mono.when(saves).block(T);
        assertThat(RosterStore.jsonFile(file).load(JULIET).block(T).version()).contains("v19");
    }
}
