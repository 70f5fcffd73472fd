package org.reactorxmpp.im.receipts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.im.testing.ScriptedSessions;
import org.reactorxmpp.xmpp.jid.FullJid;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.testing.ScriptedTransport;
import reactor.test.StepVerifier;

/** Receipt requests, automatic answers and matching, against an in-memory session. */
class ReceiptsTest {

    private static final FullJid ME = FullJid.parse("alice@example.com/web");
    private static final FullJid BOB = FullJid.parse("bob@example.com/phone");
    private static final FullJid MALLORY = FullJid.parse("mallory@example.com/x");

    /** A scripted server that answers nothing and records what the real session sends. */
    private final ScriptedTransport server = ScriptedTransport.builder(ME.toString()).ignoring(e -> true).build();

    private static Message receipt(FullJid from, String id) {
        return Message.builder().from(from).to(ME).child(XmlElement.builder(Receipts.RECEIVED).attribute("id", id).build()).build();
    }

    @Test
    void aSentMessageIsMatchedToItsReceiptEvenWhenTheReceiptArrivesBeforeTheSendCompletes() {
        AtomicReference<String> sentId = new AtomicReference<>();
        // the receipts arrive while the message is being sent
        ScriptedTransport server = ScriptedTransport.builder(ME.toString()).ignoring(e -> true)
            .expect("the message", e -> e.is(org.reactorxmpp.xmpp.stanza.Stanza.NAMESPACE, "message"))
            .thenRespond(out -> {
                String id = out.attribute("id");
                sentId.set(id);
                return List.of(receipt(MALLORY, id).element(),  // same id, other sender: not this receipt
                    receipt(BOB, "another-id").element(),
                    receipt(BOB, id).element());
            })
            .build();
        XmppSession session = ScriptedSessions.connect(server, ME);
        Receipts receipts = Receipts.of(session);
        assertThat(session.capabilities().features()).contains(Receipts.NAMESPACE);
        StepVerifier.create(receipts.send(Message.builder().to(BOB.asBare()).type(Message.Type.CHAT).body("hi").build()))
            .assertNext(r -> {
                assertThat(r.from()).isEqualTo(BOB);
                assertThat(r.id()).isEqualTo(sentId.get());
            })
            .verifyComplete();
        Message sent = (Message) ScriptedSessions.sent(server).get(0);
        assertThat(Receipts.requested(sent)).isTrue();
        assertThat(sent.id()).isNotBlank();
    }

    @Test
    void requestsAreAnsweredAutomaticallyWithTheRequestedId() {
        XmppSession session = ScriptedSessions.connect(server, ME);
        Receipts.of(session);
        server.push(Message.builder().from(BOB).to(ME).id("m-7").type(Message.Type.CHAT).body("x")
            .child(XmlElement.builder(Receipts.REQUEST).build()).build());
        server.push(Message.builder().from(BOB).to(ME).type(Message.Type.CHAT).body("no id")
            .child(XmlElement.builder(Receipts.REQUEST).build()).build());
        assertThat(ScriptedSessions.sent(server)).singleElement().satisfies(s -> {
            assertThat(s.to()).isEqualTo(BOB);
            assertThat(s.element().element(Receipts.RECEIVED).attribute("id")).isEqualTo("m-7");
        });
    }

    @Test
    void withoutAutoAnswerNothingIsSentButReceiptsAreStillMatched() {
        XmppSession session = ScriptedSessions.connect(server, ME);
        Receipts receipts = session.feature(Receipts.feature(false));
        var seen = receipts.receipts().next().toFuture();
        server.push(Message.builder().from(BOB).to(ME).id("m-8").type(Message.Type.CHAT).body("x")
            .child(XmlElement.builder(Receipts.REQUEST).build()).build());
        server.push(receipt(BOB, "m-1"));
        assertThat(ScriptedSessions.sent(server)).isEmpty();
        assertThat(seen).succeedsWithin(Duration.ofSeconds(5)).isEqualTo(new Receipt(BOB, "m-1"));
    }
}
