package org.reactorxmpp.im.mam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.reactorxmpp.im.testing.ImTesting.TIMEOUT;
import static org.reactorxmpp.im.testing.ImTesting.closeAll;
import static org.reactorxmpp.im.testing.ImTesting.connect;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.reactorxmpp.xmpp.extension.delay.Delay;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.testing.OnBothServers;
import org.reactorxmpp.xmpp.testing.TestAccount;
import org.reactorxmpp.xmpp.testing.XmppTestServer;
import reactor.core.publisher.Flux;

/** 250 archived messages fetched in pages of 50 from each real server: in order, nothing missing. */
@OnBothServers
class MessageArchiveIT {

    @Parameter
    XmppTestServer server;

    @Test
    void twoHundredFiftyMessagesInPagesOfFiftyInOrder() {
        List<TestAccount> accounts = server.newAccounts("mam", 2);
        XmppSession alice = connect(server, accounts.get(0), "web");
        try {
            Instant before = Instant.now().minusSeconds(5);
            Flux.range(0, 250)
                .concatMap(i -> alice.send(Message.builder().to(accounts.get(1).bareJid()).type(Message.Type.CHAT)
                    .id("mam-" + i).body(String.format("m%03d", i)).build()))
                .then().block(Duration.ofSeconds(60));

            List<ArchivedMessage> all = MessageArchive.of(alice)
                .query(ArchiveQuery.builder().with(accounts.get(1).bareJid()).start(before).pageSize(50).build())
                .collectList().block(Duration.ofSeconds(60));

            assertThat(all).extracting(a -> a.forwarded().message().body())
                .containsExactlyElementsOf(IntStream.range(0, 250).mapToObj(i -> String.format("m%03d", i)).toList());
            assertThat(all).extracting(ArchivedMessage::archiveId).doesNotHaveDuplicates();
            assertThat(all).allSatisfy(a -> assertThat(a.forwarded().delay()).map(Delay::stamp).isPresent());

            // after an archive id: the rest, in pages of 20
            List<ArchivedMessage> after = MessageArchive.of(alice)
                .query(ArchiveQuery.builder().with(accounts.get(1).bareJid()).after(all.get(199).archiveId()).pageSize(20).build())
                .collectList().block(TIMEOUT);
            assertThat(after).extracting(a -> a.forwarded().message().body())
                .containsExactlyElementsOf(IntStream.range(200, 250).mapToObj(i -> String.format("m%03d", i)).toList());

            // another peer: nothing in this time range
            assertThat(MessageArchive.of(alice).query(ArchiveQuery.builder().with(alice.jid().asBare()).start(before).build())
                .collectList().block(TIMEOUT)).isEmpty();
        } finally {
            closeAll(alice);
        }
    }

    @Test
    void preferencesCanBeReadAndWritten() {
        XmppSession alice = connect(server, server.newAccounts("mamprefs", 1).get(0), "web");
        try {
            MessageArchive archive = MessageArchive.of(alice);
            assertThat(archive.preferences().block(TIMEOUT).defaultBehaviour()).isNotEqualTo(ArchivePreferences.Default.UNKNOWN);
            ArchivePreferences wanted = new ArchivePreferences(ArchivePreferences.Default.ROSTER, List.of(), List.of());
            archive.preferences(wanted).block(TIMEOUT);
            assertThat(archive.preferences().block(TIMEOUT).defaultBehaviour()).isEqualTo(ArchivePreferences.Default.ROSTER);
        } finally {
            closeAll(alice);
        }
    }
}
