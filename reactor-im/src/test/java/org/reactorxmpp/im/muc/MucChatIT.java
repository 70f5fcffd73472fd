package org.reactorxmpp.im.muc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.reactorxmpp.im.testing.ImTesting.TIMEOUT;
import static org.reactorxmpp.im.testing.ImTesting.collect;
import static org.reactorxmpp.im.testing.ImTesting.expect;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.reactorxmpp.im.chat.Chat;
import org.reactorxmpp.im.chat.ChatManager;
import org.reactorxmpp.im.chat.ChatMessage;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.stanza.Presence;
import org.reactorxmpp.xmpp.testing.OnBothServers;
import org.reactorxmpp.xmpp.testing.XmppTestServer;
import reactor.core.publisher.Flux;

/** Talking in rooms on each real server: history on join, subject, three users, private messages, nick change. */
@OnBothServers
class MucChatIT extends MucSessions {

    private XmppSession carol;

    MucChatIT(XmppTestServer server) {
        super(server, "mucchat", 3);
    }

    @BeforeEach
    void third() {
        carol = sessions.get(2);
    }

    private static List<RoomMessage> take(Room room, int count) {
        return room.messages().take(count).collectList().block(TIMEOUT);
    }

    @Test
    void historyOnJoinIsLimitedByMaxStanzasMarkedDelayedAndEndsWithTheSubject() {
        BareJid jid = t.newRoom("history");
        Room owner = Muc.of(alice).createInstant(jid, "alice").block(TIMEOUT);
        owner.changeSubject("Spells").block(TIMEOUT);
        assertThat(owner.subject()).contains("Spells");
        for (int i = 1; i <= 5; i++) {
            owner.send("m" + i).block(TIMEOUT);
        }
        take(owner, 5); // all five reflected to the sender, so the room has them

        Room room = Muc.of(bob).join(jid, "bob", JoinOptions.builder().history(History.lastMessages(3)).build()).block(TIMEOUT);
        var live = expect(room.messages(), m -> !m.history());
        List<RoomMessage> history = take(room, 3);
        assertThat(history).extracting(m -> m.body().orElse("")).containsExactly("m3", "m4", "m5");
        assertThat(history).allSatisfy(m -> {
            assertThat(m.history()).isTrue();
            assertThat(m.delay()).isNotNull();
            assertThat(m.nick()).isEqualTo("alice");
        });
        // the subject ends the history phase: it is known once a live message arrives
        owner.send("now").block(TIMEOUT);
        RoomMessage now = live.get();
        assertThat(now.body()).contains("now");
        assertThat(now.delay()).isNull();
        assertThat(room.subject()).contains("Spells");

        Room none = Muc.of(carol).join(jid, "carol", JoinOptions.builder().history(History.none()).build()).block(TIMEOUT);
        var first = expect(none.messages(), m -> true);
        owner.send("after carol").block(TIMEOUT);
        assertThat(first.get().body()).contains("after carol");
    }

    @Test
    void threeUsersChatAndSeeEachOtherComeAndGo() {
        BareJid jid = t.newRoom("three");
        Room a = Muc.of(alice).createInstant(jid, "alice").block(TIMEOUT);
        var bobJoined = expect(a.occupantEvents(), e -> e.kind() == OccupantEvent.Kind.JOINED && e.occupant().nick().equals("bob"));
        Room b = Muc.of(bob).join(jid, "bob").block(TIMEOUT);
        assertThat(bobJoined.get().occupant().role()).isEqualTo(Role.PARTICIPANT);
        Room c = Muc.of(carol).join(jid, "carol").block(TIMEOUT);
        assertThat(c.occupants()).containsOnlyKeys("alice", "bob", "carol");

        var atAlice = expect(a.messages().filter(m -> m.nick().equals("carol")), m -> true);
        var atBob = expect(b.messages().filter(m -> m.nick().equals("carol")), m -> true);
        c.send("Double, double toil and trouble").block(TIMEOUT);
        assertThat(atAlice.get().body()).contains("Double, double toil and trouble");
        assertThat(atBob.get().body()).contains("Double, double toil and trouble");
        List<String> atCarol = Flux.merge(b.send("Fire burn"), a.send("and cauldron bubble")).thenMany(c.messages())
            .filter(m -> !m.nick().equals("carol")).map(m -> m.body().orElse("")).take(2).collectList().block(TIMEOUT);
        assertThat(atCarol).containsExactlyInAnyOrder("Fire burn", "and cauldron bubble");

        var away = expect(a.occupantEvents(), e -> e.kind() == OccupantEvent.Kind.CHANGED && e.occupant().nick().equals("bob")
            && e.occupant().presence().show().filter(s -> s == Presence.Show.AWAY).isPresent());
        b.changePresence(Presence.Show.AWAY, "brewing").block(TIMEOUT);
        assertThat(away.get().occupant().presence().status()).isEqualTo("brewing");

        var left = expect(a.occupantEvents(), e -> e.kind() == OccupantEvent.Kind.LEFT && e.occupant().nick().equals("carol"));
        c.leave("bye").block(TIMEOUT);
        assertThat(left.get().self()).isFalse();
        assertThat(a.occupants()).containsOnlyKeys("alice", "bob");
    }

    @Test
    void privateMessagesReachOnlyTheOccupant() {
        BareJid jid = t.newRoom("private");
        Room a = Muc.of(alice).createInstant(jid, "alice").block(TIMEOUT);
        Room b = Muc.of(bob).join(jid, "bob").block(TIMEOUT);
        assertThat(b.selfPing().block(TIMEOUT)).isTrue(); // XEP-0410, answered by both servers
        var whisper = expect(b.privateMessages(), m -> true);
        a.sendPrivate("bob", "psst").block(TIMEOUT);
        Message m = whisper.get();
        assertThat(m.body()).isEqualTo("psst");
        assertThat(m.from()).isEqualTo(jid.withResource("alice"));
        var reply = expect(a.privateMessages(), x -> true);
        b.sendPrivate("alice", "what?").block(TIMEOUT);
        assertThat(reply.get().body()).isEqualTo("what?");
    }

    @Test
    void privateMessagesFromTwoOccupantsAreTwoChatsEachAnsweringItsOccupant() {
        BareJid jid = t.newRoom("pmchats");
        ChatManager chats = ChatManager.of(alice);
        Room a = Muc.of(alice).createInstant(jid, "alice").block(TIMEOUT);
        Room b = Muc.of(bob).join(jid, "bob").block(TIMEOUT);
        Room c = Muc.of(carol).join(jid, "carol").block(TIMEOUT);
        var started = expect(chats.incoming().take(2).collectList().flux(), list -> true);
        b.sendPrivate("alice", "from bob").block(TIMEOUT);
        c.sendPrivate("alice", "from carol").block(TIMEOUT);

        List<Chat> two = started.get();
        assertThat(two).extracting(chat -> chat.occupant().orElseThrow())
            .containsExactlyInAnyOrder(jid.withResource("bob"), jid.withResource("carol"));
        Chat withBob = chats.chat(jid.withResource("bob"));
        Chat withCarol = chats.chat(jid.withResource("carol"));
        assertThat(two).containsExactlyInAnyOrder(withBob, withCarol);
        assertThat(withBob.messages().take(1).map(ChatMessage::body).blockFirst(TIMEOUT)).isEqualTo("from bob");
        assertThat(withCarol.messages().take(1).map(ChatMessage::body).blockFirst(TIMEOUT)).isEqualTo("from carol");

        // the answer in bob's chat reaches bob, as a private message from alice in the room; carol's reaches carol
        var atBob = expect(b.privateMessages(), m -> "only bob".equals(m.body()));
        var atCarol = collect(c.privateMessages(), m -> "to carol".equals(m.body()));
        withBob.send("only bob").block(TIMEOUT);
        assertThat(atBob.get().from()).isEqualTo(jid.withResource("alice"));
        withCarol.send("to carol").block(TIMEOUT);
        assertThat(atCarol.get()).extracting(Message::body).containsExactly("to carol");
        assertThat(a.joined()).isTrue();
    }

    @Test
    void nickChangeIsReflectedAndSeenByOthersAndAConflictIsTyped() {
        BareJid jid = t.newRoom("nick");
        Room a = Muc.of(alice).createInstant(jid, "alice").block(TIMEOUT);
        Room b = Muc.of(bob).join(jid, "bob").block(TIMEOUT);
        var renamed = expect(a.occupantEvents(), e -> e.kind() == OccupantEvent.Kind.LEFT && e.has(MucUser.NICK_CHANGED));
        var rejoined = expect(a.occupantEvents(), e -> e.kind() == OccupantEvent.Kind.JOINED && e.occupant().nick().equals("robert"));
        b.changeNick("robert").block(TIMEOUT);
        assertThat(b.nick()).isEqualTo("robert");
        assertThat(b.self().nick()).isEqualTo("robert");
        assertThat(renamed.get().newNick()).isEqualTo("robert");
        rejoined.get();
        assertThat(a.occupants()).containsOnlyKeys("alice", "robert");
        assertThat(b.joined()).isTrue();

        try {
            b.changeNick("alice").block(TIMEOUT);
            throw new AssertionError("the nick change was not refused");
        } catch (MucException e) {
            assertThat(e.reason()).isEqualTo(MucException.Reason.NICK_CONFLICT);
        }
        assertThat(b.nick()).isEqualTo("robert");
        var after = expect(a.messages(), m -> "robert".equals(m.nick()));
        b.send("still here").block(TIMEOUT);
        assertThat(after.get().body()).contains("still here");
    }
}
