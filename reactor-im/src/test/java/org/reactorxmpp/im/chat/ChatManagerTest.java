package org.reactorxmpp.im.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.im.testing.ScriptedSessions;
import org.reactorxmpp.xmpp.extension.chatstates.ChatState;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.jid.FullJid;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.stanza.Presence;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.testing.ScriptedTransport;

/** Chat routing, locking, threads and states against an in-memory session. */
class ChatManagerTest {

    private static final Duration T = Duration.ofSeconds(5);
    private static final FullJid ME = FullJid.parse("alice@example.com/web");
    private static final BareJid BOB = BareJid.parse("bob@example.com");
    private static final FullJid BOB_PHONE = BOB.withResource("phone");
    private static final FullJid BOB_DESK = BOB.withResource("desk");

    /** A scripted server that answers nothing and records what the real session sends. */
    private final ScriptedTransport server = ScriptedTransport.builder(ME.toString()).ignoring(e -> true).build();
    private final XmppSession session = ScriptedSessions.connect(server, ME);
    private final ChatManager chats = ChatManager.of(session);

    private static Message fromBob(FullJid from, String thread, String body) {
        return Message.builder().type(Message.Type.CHAT).from(from).to(ME).thread(thread).body(body)
            .child(ChatState.ACTIVE.toElement()).build();
    }

    @Test
    void theSameManagerPerSessionAndChatStatesAdvertised() {
        assertThat(ChatManager.of(session)).isSameAs(chats).isSameAs(session.feature(ChatManager.KEY));
        assertThat(session.capabilities().features()).contains(ChatState.NAMESPACE);
    }

    @Test
    void aMessageFromAContactStartsAChatThatKeepsItsFirstMessageAndThread() {
        List<Chat> started = new CopyOnWriteArrayList<>();
        chats.incoming().subscribe(started::add);
        server.push(fromBob(BOB_PHONE, "t-1", "hi alice"));
        server.push(fromBob(BOB_PHONE, "t-1", "are you there?"));

        assertThat(started).singleElement().satisfies(c -> {
            assertThat(c.peer()).isEqualTo(BOB);
            assertThat(c.thread()).isEqualTo("t-1");
            assertThat(c.lockedTo()).contains(BOB_PHONE);
        });
        // subscribed after both arrived: nothing lost
        List<String> bodies = started.get(0).messages().take(2).map(ChatMessage::body).collectList().block(T);
        assertThat(bodies).containsExactly("hi alice", "are you there?");
        assertThat(chats.chat(BOB)).isSameAs(started.get(0));
    }

    @Test
    void privateMessagesFromRoomOccupantsAreOneChatPerOccupantAndTheRoomItsOwn() {
        BareJid room = BareJid.parse("coven@chat.example.com");
        FullJid witch = room.withResource("firstwitch");
        FullJid wizard = room.withResource("wizard");
        List<Chat> started = new CopyOnWriteArrayList<>();
        chats.incoming().subscribe(started::add);
        // XEP-0045 7.5: the service adds <x xmlns='http://jabber.org/protocol/muc#user'/> to private messages
        server.push(privateMessage(witch, "from the witch"));
        server.push(privateMessage(wizard, "from the wizard"));
        server.push(Message.builder().type(Message.Type.CHAT).from(room).to(ME).body("from the room").build());
        server.push(privateMessage(witch, "again"));

        assertThat(started).hasSize(3);
        assertThat(started).extracting(c -> c.occupant().orElse(null)).containsExactly(witch, wizard, null);
        assertThat(started).extracting(Chat::peer).containsOnly(room);
        Chat withWitch = started.get(0);
        assertThat(withWitch.messages().take(2).map(ChatMessage::body).collectList().block(T))
            .containsExactly("from the witch", "again");
        assertThat(started.get(1).messages().take(1).map(ChatMessage::body).blockFirst(T)).isEqualTo("from the wizard");
        assertThat(started.get(2).messages().take(1).map(ChatMessage::body).blockFirst(T)).isEqualTo("from the room");

        // replies go to the occupant (never to the room), marked as private messages; its presence changes nothing
        Message reply = withWitch.send("hello witch").block(T);
        assertThat(reply.to()).isEqualTo(witch);
        assertThat(reply.has(org.reactorxmpp.xmpp.xml.XmlName.of("http://jabber.org/protocol/muc#user", "x"))).isTrue();
        server.push(Presence.builder().from(witch).show(Presence.Show.AWAY).build());
        assertThat(withWitch.target()).isEqualTo(witch);
        assertThat(withWitch.lockedTo()).contains(witch);
        assertThat(started.get(2).target()).isEqualTo(room);
    }

    private static Message privateMessage(FullJid from, String body) {
        return Message.builder().type(Message.Type.CHAT).from(from).to(ME).body(body)
            .child(org.reactorxmpp.xmpp.xml.XmlElement.empty("http://jabber.org/protocol/muc#user", "x")).build();
    }

    @Test
    void aChatStateAloneStartsNoChatAndOwnOrOtherTypesAreIgnored() {
        server.push(Message.builder().type(Message.Type.CHAT).from(BOB_PHONE).child(ChatState.COMPOSING.toElement()).build());
        server.push(Message.builder().type(Message.Type.NORMAL).from(BOB_PHONE).body("normal").build());
        server.push(Message.builder().type(Message.Type.CHAT).from(ME.asBare().withResource("phone")).body("own").build());
        assertThat(chats.chats()).isEmpty();
    }

    @Test
    void sendsGoToTheBareJidUntilLockedThenToTheResourceUntilItsPresenceChanges() {
        Chat chat = chats.chat(BOB);
        Message first = chat.send("hello").block(T);
        assertThat(first.to()).isEqualTo(BOB);
        assertThat(first.type()).isEqualTo(Message.Type.CHAT);
        assertThat(first.thread()).contains(chat.thread());
        assertThat(first.id()).isNotBlank();
        assertThat(ChatState.of(first.element())).contains(ChatState.ACTIVE);
        assertThat(ScriptedSessions.sent(server)).containsExactly(first);

        server.push(fromBob(BOB_DESK, chat.thread(), "hi from the desk"));
        assertThat(chat.lockedTo()).contains(BOB_DESK);
        assertThat(chat.send("locked").block(T).to()).isEqualTo(BOB_DESK);

        server.push(Presence.builder().from(BOB_PHONE).show(Presence.Show.AWAY).build());
        assertThat(chat.lockedTo()).as("another resource's presence keeps the lock").contains(BOB_DESK);

        server.push(Presence.builder().from(BOB_DESK).show(Presence.Show.AWAY).build());
        assertThat(chat.lockedTo()).isEmpty();
        assertThat(chat.send("unlocked").block(T).to()).isEqualTo(BOB);

        server.push(fromBob(BOB_PHONE, chat.thread(), "now the phone"));
        assertThat(chat.target()).isEqualTo(BOB_PHONE);
        server.push(Presence.builder().from(BOB_PHONE).type(Presence.Type.UNAVAILABLE).build());
        assertThat(chat.target()).isEqualTo(BOB);
    }

    @Test
    void aPreparedMessageKeepsItsIdAndExtrasAndGetsTheChatAddressing() {
        Chat chat = chats.chat(BOB_PHONE);
        assertThat(chat.lockedTo()).contains(BOB_PHONE);
        Message prepared = Message.builder().id("m-1").body("rich").child(ChatState.ACTIVE.toElement()).build();
        Message sent = chat.send(prepared).block(T);
        assertThat(sent.id()).isEqualTo("m-1");
        assertThat(sent.to()).isEqualTo(BOB_PHONE);
        assertThat(sent.thread()).contains(chat.thread());
        assertThat(sent.body()).isEqualTo("rich");
    }

    @Test
    void statesAreReceivedPerChatAndSentStandalone() {
        Chat chat = chats.chat(BOB);
        List<ChatState> seen = new CopyOnWriteArrayList<>();
        chat.states().subscribe(seen::add);
        server.push(Message.builder().type(Message.Type.CHAT).from(BOB_PHONE).child(ChatState.COMPOSING.toElement()).build());
        server.push(Message.builder().type(Message.Type.CHAT).from(BOB_PHONE).child(ChatState.PAUSED.toElement()).build());
        server.push(fromBob(BOB_PHONE, chat.thread(), "done"));
        assertThat(seen).containsExactly(ChatState.COMPOSING, ChatState.PAUSED, ChatState.ACTIVE);

        chat.state(ChatState.GONE).block(T);
        List<org.reactorxmpp.xmpp.stanza.Stanza> sent = ScriptedSessions.sent(server);
        Message gone = (Message) sent.get(sent.size() - 1);
        assertThat(gone.body()).isNull();
        assertThat(ChatState.of(gone.element())).contains(ChatState.GONE);
        assertThat(gone.thread()).contains(chat.thread());
    }

    private static Message carbon(org.reactorxmpp.xmpp.jid.Jid from, String direction, Message copied) {
        return Message.builder().from(from).to(ME).child(org.reactorxmpp.xmpp.xml.XmlElement.builder(
                org.reactorxmpp.im.carbons.Carbons.NAMESPACE, direction)
            .child(org.reactorxmpp.im.forward.Forwarded.CODEC.encode(new org.reactorxmpp.im.forward.Forwarded(copied,
                java.util.Optional.of(org.reactorxmpp.xmpp.extension.delay.Delay.of(java.time.Instant.parse("2026-01-01T00:00:00Z"))))))
            .build()).build();
    }

    @Test
    void carbonsOfAConversationAppearInTheContactsChatMarkedAsCopiesAndForgedOnesNever() {
        FullJid myPhone = ME.asBare().withResource("phone");
        List<Chat> started = new CopyOnWriteArrayList<>();
        chats.incoming().subscribe(started::add);
        Message toPhone = Message.builder().type(Message.Type.CHAT).from(BOB_DESK).to(myPhone).thread("t-9")
            .body("to your phone").child(ChatState.ACTIVE.toElement()).build();
        Message fromPhone = Message.builder().type(Message.Type.CHAT).from(myPhone).to(BOB_DESK).thread("t-9")
            .body("from my phone").child(ChatState.ACTIVE.toElement()).build();

        server.push(carbon(BOB.asBare(), "received", toPhone.toBuilder().body("forged by bob").build()));
        assertThat(chats.chats()).as("a forged carbon starts no chat").isEmpty();

        server.push(carbon(ME.asBare(), "received", toPhone));
        assertThat(started).singleElement().satisfies(c -> {
            assertThat(c.peer()).isEqualTo(BOB);
            assertThat(c.thread()).isEqualTo("t-9");
        });
        Chat chat = started.get(0);
        List<ChatState> states = new CopyOnWriteArrayList<>();
        chat.states().subscribe(states::add);
        assertThat(chat.lockedTo()).as("the contact last wrote from the desk").contains(BOB_DESK);
        server.push(Presence.builder().from(BOB_DESK).show(Presence.Show.AWAY).build());
        server.push(carbon(ME.asBare(), "sent", fromPhone));
        assertThat(chat.lockedTo()).as("a sent carbon does not lock").isEmpty();
        server.push(carbon(BOB.asBare(), "sent", fromPhone.toBuilder().body("forged sent").build()));
        server.push(fromBob(BOB_DESK, "t-9", "direct"));
        server.push(carbon(ME.asBare(), "sent", Message.builder().type(Message.Type.NORMAL).from(myPhone).to(BOB_DESK)
            .body("not a chat message").build()));

        List<ChatMessage> messages = chat.messages().take(3).collectList().block(T);
        assertThat(messages).extracting(ChatMessage::origin).containsExactly(
            ChatMessage.Origin.CARBON_RECEIVED, ChatMessage.Origin.CARBON_SENT, ChatMessage.Origin.RECEIVED);
        assertThat(messages).extracting(ChatMessage::body).containsExactly("to your phone", "from my phone", "direct");
        assertThat(messages).extracting(ChatMessage::carbon).containsExactly(true, true, false);
        assertThat(messages).extracting(ChatMessage::outgoing).containsExactly(false, true, false);
        assertThat(messages.get(0).delay()).map(org.reactorxmpp.xmpp.extension.delay.Delay::stamp)
            .contains(java.time.Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(messages.get(1).message().to()).isEqualTo(BOB_DESK);
        assertThat(states).as("the contact's states (received carbon, direct message), not those of our own phone")
            .containsExactly(ChatState.ACTIVE, ChatState.ACTIVE);
        assertThat(chats.chats()).hasSize(1);
    }

    @Test
    void theStreamsCompleteWithTheSession() {
        Chat chat = chats.chat(BOB);
        var messages = chat.messages().collectList().toFuture();
        var incoming = chats.incoming().collectList().toFuture();
        session.close().block(T);
        assertThat(messages).succeedsWithin(T);
        assertThat(incoming).succeedsWithin(T);
    }
}
