package org.reactorxmpp.xmpp.failover;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.jid.Jid;
import reactor.core.scheduler.Schedulers;

class CupServiceDiscoveryTest {

    private static final BareJid ALICE = Jid.parse("alice@example.com").asBare();
    private static final URI SD1 = URI.create("https://sd1.example.com:7335/httpbinding");
    private static final URI SD2 = URI.create("https://sd2.example.com:7335/httpbinding");

    @TempDir
    Path dir;

    private CupServiceDiscovery cup() {
        return CupServiceDiscovery.builder().primary(SD1).secondary(SD2)
            .store(JsonFileNodeStore.builder(dir.resolve("n.json")).expiry(Duration.ofDays(1))
                .scheduler(Schedulers.immediate()).build())
            .build();
    }

    @Test
    void learnsNodeUrlsFromTheHostnamesStoresThemAndPutsThemFirst() {
        CupServiceDiscovery cup = cup();
        assertThat(cup.candidates(ALICE).candidates().block()).containsExactly(
            Candidate.of(SD1, Candidate.Role.PRIMARY), Candidate.of(SD2, Candidate.Role.SECONDARY));

        HomeNodes nodes = cup.learn(ALICE, List.of("cup-a", "cup-b.other.org")).block();
        assertThat(nodes).isEqualTo(HomeNodes.of(URI.create("https://cup-a.example.com:7335/httpbinding"),
            URI.create("https://cup-b.other.org:7335/httpbinding")));
        assertThat(cup.candidates(ALICE).candidates().block()).extracting(Candidate::role).containsExactly(
            Candidate.Role.HOME, Candidate.Role.BACKUP, Candidate.Role.PRIMARY, Candidate.Role.SECONDARY);
        assertThat(cup.candidates(ALICE).restart().block()).extracting(Candidate::url).containsExactly(SD1, SD2);
    }

    @Test
    void noHostnameForgetsTheStoredNodes() {
        CupServiceDiscovery cup = cup();
        cup.learn(ALICE, List.of("10.0.0.3")).block();
        assertThat(cup.store().load(ALICE).block().home()).isEqualTo(URI.create("https://10.0.0.3:7335/httpbinding"));
        assertThat(cup.learn(ALICE, List.of()).blockOptional()).isEmpty();
        assertThat(cup.store().load(ALICE).blockOptional()).isEmpty();
    }

    @Test
    void anUnusableHomeNameIsIgnoredAnUnusableBackupDropped() {
        CupServiceDiscovery cup = cup();
        assertThat(cup.learn(ALICE, List.of("bad name")).blockOptional()).isEmpty();
        assertThat(cup.learn(ALICE, List.of("cup-a", "bad/name")).block())
            .isEqualTo(HomeNodes.of(URI.create("https://cup-a.example.com:7335/httpbinding"), null));
    }
}
