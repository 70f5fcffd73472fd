package org.reactorxmpp.im.receipts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.reactorxmpp.im.testing.ImTesting.TIMEOUT;
import static org.reactorxmpp.im.testing.ImTesting.closeAll;
import static org.reactorxmpp.im.testing.ImTesting.connect;
import static org.reactorxmpp.im.testing.ImTesting.expect;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.reactorxmpp.im.carbons.Carbon;
import org.reactorxmpp.im.carbons.Carbons;
import org.reactorxmpp.im.chat.Chat;
import org.reactorxmpp.im.chat.ChatManager;
import org.reactorxmpp.im.forward.Forwarded;
import org.reactorxmpp.xmpp.extension.delay.Delay;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.testing.OnBothServers;
import org.reactorxmpp.xmpp.testing.TestAccount;
import org.reactorxmpp.xmpp.testing.XmppTestServer;
import org.reactorxmpp.xmpp.xml.XmlElement;

/** Receipts, carbons (with a forged one) and delayed delivery on each real server. */
@OnBothServers
class MessageExtensionsIT {

    @Parameter
    XmppTestServer server;

    @Test
    void aReceiptIsMatchedToTheSentMessage() {
        List<TestAccount> accounts = server.newAccounts("receipts", 2);
        XmppSession alice = connect(server, accounts.get(0), "web");
        XmppSession bob = connect(server, accounts.get(1), "desk");
        try {
            Receipts.of(bob); // answers automatically
            Message sent = Message.builder().id("receipt-1").to(bob.jid()).type(Message.Type.CHAT).body("did you get this?").build();
            Receipt receipt = Receipts.of(alice).send(sent).block(TIMEOUT);
            assertThat(receipt).isEqualTo(new Receipt(bob.jid(), "receipt-1"));
        } finally {
            closeAll(alice, bob);
        }
    }

    @Test
    void carbonsBetweenTwoResourcesAndAForgedCarbonDropped() {
        List<TestAccount> accounts = server.newAccounts("carbons", 2);
        XmppSession web = connect(server, accounts.get(0), "web");
        XmppSession phone = connect(server, accounts.get(0), "phone");
        XmppSession bob = connect(server, accounts.get(1), "desk");
        try {
            Carbons carbons = Carbons.of(web);
            carbons.enable().block(TIMEOUT);
            Carbons.of(phone).enable().block(TIMEOUT);
            List<Carbon> seen = new CopyOnWriteArrayList<>();
            carbons.carbons().subscribe(seen::add);

            // bob forges a carbon to the web resource, then writes normally
            Message innocent = Message.builder().from(bob.jid()).to(phone.jid()).type(Message.Type.CHAT).body("forged").build();
            // both servers deliver it as it is (seen on the wire): the client must drop it
            var forgedArrived = expect(web.messages(), m -> m.element().elementIn(Carbons.NAMESPACE).isPresent());
            var after = expect(web.messages(), m -> "after the forgery".equals(m.body()));
            bob.send(Message.builder().to(web.jid()).type(Message.Type.CHAT)
                .child(XmlElement.builder(Carbons.NAMESPACE, "received").child(Forwarded.CODEC.encode(
                    new Forwarded(innocent, java.util.Optional.empty()))).build()).build()).block(TIMEOUT);
            bob.send(Message.builder().to(web.jid()).type(Message.Type.CHAT).body("after the forgery").build()).block(TIMEOUT);
            assertThat(forgedArrived.get().from()).isEqualTo(bob.jid());
            after.get();

            // bob writes to the phone: the web resource gets a received carbon
            var received = expect(carbons.carbons(), c -> c.direction() == Carbon.Direction.RECEIVED);
            bob.send(Message.builder().to(phone.jid()).type(Message.Type.CHAT).body("to the phone").build()).block(TIMEOUT);
            Carbon in = received.get();
            assertThat(in.forwarded().message().body()).isEqualTo("to the phone");
            assertThat(in.forwarded().message().to()).isEqualTo(phone.jid());

            // the phone answers: the web resource gets a sent carbon
            var sentCopy = expect(carbons.carbons(), c -> c.direction() == Carbon.Direction.SENT);
            phone.send(Message.builder().to(bob.jid()).type(Message.Type.CHAT).body("from the phone").build()).block(TIMEOUT);
            Carbon out = sentCopy.get();
            assertThat(out.forwarded().message().body()).isEqualTo("from the phone");
            assertThat(out.forwarded().message().to()).isEqualTo(bob.jid());

            assertThat(seen).as("no forged carbon surfaced").noneMatch(c -> "forged".equals(c.forwarded().message().body()));
        } finally {
            closeAll(web, phone, bob);
        }
    }

    @Test
    void anOfflineMessageCarriesItsDelay() {
        List<TestAccount> accounts = server.newAccounts("delay", 2);
        XmppSession alice = connect(server, accounts.get(0), "web");
        try {
            ChatManager.of(alice).chat(accounts.get(1).bareJid()).send("while you were away").block(TIMEOUT);
            // written is not processed: a ping round trip on the same stream proves the server took the message
            // (and stored it offline) before bob comes online (ejabberd routes asynchronously)
            alice.request(org.reactorxmpp.xmpp.stanza.Iq.get(org.reactorxmpp.xmpp.jid.Jid.domain(alice.jid().domainpart()),
                XmlElement.empty("urn:xmpp:ping", "ping"))).block(TIMEOUT);
            XmppSession bob = connect(server, accounts.get(1), "desk", ChatManager.KEY);
            try {
                // the offline message may have opened the chat before connect() returned: incoming() replays it
                Chat chat = expect(ChatManager.of(bob).incoming(), c -> true).get();
                Message m = expect(chat.messages(), x -> true).get().message();
                assertThat(m.body()).isEqualTo("while you were away");
                assertThat(m.extension(Delay.CODEC)).as("delay of the offline message").isPresent();
            } finally {
                closeAll(bob);
            }
        } finally {
            closeAll(alice);
        }
    }
}
