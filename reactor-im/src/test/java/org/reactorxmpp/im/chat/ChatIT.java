package org.reactorxmpp.im.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.reactorxmpp.im.testing.ImTesting.TIMEOUT;
import static org.reactorxmpp.im.testing.ImTesting.closeAll;
import static org.reactorxmpp.im.testing.ImTesting.connect;
import static org.reactorxmpp.im.testing.ImTesting.expect;
import static org.reactorxmpp.im.testing.ImTesting.await;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.reactorxmpp.im.carbons.Carbons;
import org.reactorxmpp.im.presence.PresenceService;
import org.reactorxmpp.im.xhtml.RichMessage;
import org.reactorxmpp.im.xhtml.XhtmlBody;
import org.reactorxmpp.im.xhtml.XhtmlIm;
import org.reactorxmpp.xmpp.extension.chatstates.ChatState;
import org.reactorxmpp.xmpp.jid.FullJid;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.stanza.Presence;
import org.reactorxmpp.xmpp.testing.OnBothServers;
import org.reactorxmpp.xmpp.testing.TestAccount;
import org.reactorxmpp.xmpp.testing.XmppTestServer;

/** One-to-one chat between real accounts on each real server: locking, unlocking, threads, chat states, XHTML-IM. */
@OnBothServers
class ChatIT {

    @Parameter
    XmppTestServer server;

    @Test
    void aChatLocksToTheAnsweringResourceUnlocksOnItsPresenceAndKeepsItsThread() {
        List<TestAccount> accounts = server.newAccounts("chat", 2);
        XmppSession alice = connect(server, accounts.get(0), "web");
        XmppSession desk = connect(server, accounts.get(1), "desk");
        XmppSession phone = connect(server, accounts.get(1), "phone");
        try {
            // the desk has the highest priority: a message to the bare JID reaches it
            PresenceService.of(desk).send(null, null, 5).block(TIMEOUT);
            ChatManager deskChats = ChatManager.of(desk);
            var deskChat = expect(deskChats.incoming(), c -> true);

            Chat chat = ChatManager.of(alice).chat(accounts.get(1).bareJid());
            assertThat(chat.target()).isEqualTo(accounts.get(1).bareJid());
            chat.send("hello bob").block(TIMEOUT);

            Chat atDesk = deskChat.get();
            assertThat(atDesk.peer()).isEqualTo(alice.jid().asBare());
            assertThat(atDesk.thread()).as("thread kept").isEqualTo(chat.thread());
            assertThat(atDesk.lockedTo()).contains(alice.jid());
            assertThat(expect(atDesk.messages(), m -> true).get().body()).isEqualTo("hello bob");

            // the other side sees chat states
            var composing = expect(atDesk.states(), s -> s == ChatState.COMPOSING);
            chat.state(ChatState.COMPOSING).block(TIMEOUT);
            composing.get();

            // bob answers from the desk: alice's chat locks to it, the thread is kept
            var reply = expect(chat.messages(), m -> true);
            atDesk.send("hi alice").block(TIMEOUT);
            Message answered = reply.get().message();
            assertThat(answered.from()).isEqualTo(desk.jid());
            assertThat(answered.thread()).contains(chat.thread());
            assertThat(chat.lockedTo()).contains((FullJid) desk.jid());
            var second = expect(atDesk.messages(), m -> "only to the desk".equals(m.body()));
            assertThat(chat.send("only to the desk").block(TIMEOUT).to()).isEqualTo(desk.jid());
            assertThat(second.get().message().thread()).contains(chat.thread());

            // XHTML-IM round trip, sanitised on arrival
            var rich = expect(XhtmlIm.of(desk).messages(), r -> true);
            XhtmlBody body = XhtmlBody.builder().text("see ").strong("this").link(URI.create("https://example.com/"), "link").build();
            chat.send(XhtmlIm.attach(Message.builder().body(body.plainText()), body).build()).block(TIMEOUT);
            RichMessage received = rich.get();
            assertThat(received.message().body()).isEqualTo("see thislink");
            assertThat(received.html()).startsWith("see <strong>this</strong><a href=\"https://example.com/\"").endsWith(">link</a>");

            // the desk's presence changes (directed, as no subscription exists): unlocked
            PresenceService.of(desk).sendDirected(alice.jid(), Presence.builder().show(Presence.Show.AWAY).build()).block(TIMEOUT);
            await(() -> chat.lockedTo().isEmpty());
            assertThat(chat.target()).isEqualTo(accounts.get(1).bareJid());

            // the phone writes in the same thread: locked to the phone
            var fromPhone = expect(chat.messages(), m -> phone.jid().equals(m.message().from()));
            ChatManager.of(phone).chat(alice.jid()).send(Message.builder().thread(chat.thread()).body("phone here").build()).block(TIMEOUT);
            assertThat(fromPhone.get().message().thread()).contains(chat.thread());
            assertThat(chat.lockedTo()).contains((FullJid) phone.jid());
        } finally {
            closeAll(alice, desk, phone);
        }
    }

    @Test
    void carbonsOfAConversationOnOneResourceAppearInTheChatOfTheOther() {
        List<TestAccount> accounts = server.newAccounts("chatcarbons", 2);
        XmppSession web = connect(server, accounts.get(0), "web");
        XmppSession phone = connect(server, accounts.get(0), "phone");
        XmppSession bob = connect(server, accounts.get(1), "desk");
        try {
            ChatManager onPhone = ChatManager.of(phone);
            Carbons.of(phone).enable().block(TIMEOUT);
            var started = expect(onPhone.incoming(), c -> c.peer().equals(bob.jid().asBare()));

            // bob writes alice's web resource: the phone sees it in its chat with bob, as a received carbon
            var atWeb = expect(ChatManager.of(web).incoming(), c -> true);
            ChatManager.of(bob).chat(web.jid()).send("to your web client").block(TIMEOUT);
            Chat chatOnPhone = started.get();
            assertThat(chatOnPhone.thread()).isEqualTo(atWeb.get().thread());
            ChatMessage received = expect(chatOnPhone.messages(), m -> true).get();
            assertThat(received.origin()).isEqualTo(ChatMessage.Origin.CARBON_RECEIVED);
            assertThat(received.body()).isEqualTo("to your web client");
            assertThat(received.message().from()).isEqualTo(bob.jid());
            assertThat(received.message().to()).isEqualTo(web.jid());

            // the web resource answers bob: the phone sees it in the same chat, as sent by another resource
            var sentCopy = expect(chatOnPhone.messages(), ChatMessage::outgoing);
            atWeb.get().send("answered from the web").block(TIMEOUT);
            ChatMessage sent = sentCopy.get();
            assertThat(sent.origin()).isEqualTo(ChatMessage.Origin.CARBON_SENT);
            assertThat(sent.body()).isEqualTo("answered from the web");
            assertThat(sent.message().from()).isEqualTo(web.jid());
            assertThat(sent.message().to().asBare()).isEqualTo(bob.jid().asBare());
            assertThat(sent.message().thread()).contains(chatOnPhone.thread());
            assertThat(onPhone.chats()).as("one chat with bob, no chat with the own account").hasSize(1);
        } finally {
            closeAll(web, phone, bob);
        }
    }
}
