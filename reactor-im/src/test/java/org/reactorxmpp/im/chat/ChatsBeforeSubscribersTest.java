package org.reactorxmpp.im.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactorxmpp.im.testing.ImTesting;
import org.reactorxmpp.xmpp.extension.delay.Delay;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.jid.FullJid;
import org.reactorxmpp.xmpp.session.XmppClient;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.stanza.Stanza;
import org.reactorxmpp.xmpp.testing.ScriptedTransport;
import org.reactorxmpp.xmpp.xml.XmlElement;
import reactor.core.scheduler.Schedulers;

/**
 * Chats that contacts open before anyone subscribed are never lost: a server hands out offline messages
 * right after the initial presence, which the session sends before {@code connect()} returns, so they
 * arrive before the application could subscribe to anything. Real sessions over a scripted server.
 */
class ChatsBeforeSubscribersTest {

    private static final Duration T = Duration.ofSeconds(5);
    private static final FullJid ME = FullJid.parse("bob@example.com/desk");
    private static final BareJid ALICE = BareJid.parse("alice@example.com");
    private static final Instant SENT = Instant.parse("2026-11-30T22:00:00Z");

    private XmppSession session;

    @AfterEach
    void close() {
        if (session != null) {
            session.close().block(T);
        }
    }

    private static boolean isInitialPresence(XmlElement e) {
        return e.is(Stanza.NAMESPACE, "presence") && e.attribute("to") == null && e.attribute("type") == null;
    }

    private static Message offline(String body) {
        return Message.builder().type(Message.Type.CHAT).from(ALICE.withResource("web")).to(ME.asBare()).body(body)
            .child(Delay.CODEC.encode(new Delay(SENT, org.reactorxmpp.xmpp.jid.Jid.domain(ALICE.domainpart()), null))).build();
    }

    @Test
    void offlineMessagesSentRightAfterTheInitialPresenceOpenAChatThatIncomingStillAnnouncesWithItsMessages() {
        // the server answers the initial presence with the stored messages, as Prosody and ejabberd do
        ScriptedTransport server = ScriptedTransport.builder(ME.toString()).ignoring(e -> true)
            .expect("the initial presence", ChatsBeforeSubscribersTest::isInitialPresence)
            .thenRespond(p -> List.of(offline("while you were away").element(), offline("still there?").element()))
            .build();
        session = XmppClient.builder().jid(ME.toString()).password("any").transport(server)
            .saslScheduler(Schedulers.immediate()).feature(ChatManager.KEY)
            .build().connect().block(T);
        ChatManager chats = ChatManager.of(session);
        ImTesting.await(() -> !chats.chats().isEmpty()); // the chat was opened before anything below subscribed

        List<Chat> announced = new CopyOnWriteArrayList<>();
        chats.incoming().subscribe(announced::add);
        assertThat(announced).as("the chat the offline messages opened").singleElement()
            .satisfies(c -> assertThat(c.peer()).isEqualTo(ALICE));
        List<ChatMessage> messages = announced.get(0).messages().take(2).collectList().block(T);
        assertThat(messages).extracting(ChatMessage::body).containsExactly("while you were away", "still there?");
        assertThat(messages).allSatisfy(m -> assertThat(m.delay()).map(Delay::stamp).contains(SENT));
        server.verify();
    }

    @Test
    void everySubscriberOfIncomingGetsTheChatsStartedBeforeItThenTheNewOnesEachOnce() {
        ScriptedTransport server = ScriptedTransport.builder(ME.toString()).ignoring(e -> true).build();
        session = org.reactorxmpp.im.testing.ScriptedSessions.connect(server, ME);
        ChatManager chats = ChatManager.of(session);
        server.push(chat("alice@example.com/web"));
        List<Chat> early = new CopyOnWriteArrayList<>();
        chats.incoming().subscribe(early::add);
        server.push(chat("carol@example.com/phone"));
        List<Chat> late = new CopyOnWriteArrayList<>();
        chats.incoming().subscribe(late::add);
        server.push(chat("dave@example.com/pc"));
        server.push(chat("carol@example.com/phone")); // an existing chat: not announced again

        assertThat(early).extracting(Chat::peer).containsExactly(ALICE, BareJid.parse("carol@example.com"),
            BareJid.parse("dave@example.com"));
        assertThat(late).containsExactlyElementsOf(early);
        assertThat(chats.chat(ALICE)).isSameAs(early.get(0));
    }

    private static Message chat(String from) {
        return Message.builder().type(Message.Type.CHAT).from(FullJid.parse(from)).to(ME).body("hi").build();
    }
}
