package org.reactorxmpp.im.receipts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.im.testing.FakeSession;
import org.reactorxmpp.xmpp.jid.FullJid;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.xml.XmlElement;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Receipt requests, automatic answers and matching, against an in-memory session. */
class ReceiptsTest {

    private static final FullJid ME = FullJid.parse("alice@example.com/web");
    private static final FullJid BOB = FullJid.parse("bob@example.com/phone");
    private static final FullJid MALLORY = FullJid.parse("mallory@example.com/x");

    private static Message receipt(FullJid from, String id) {
        return Message.builder().from(from).to(ME).child(XmlElement.builder(Receipts.RECEIVED).attribute("id", id).build()).build();
    }

    @Test
    void aSentMessageIsMatchedToItsReceiptEvenWhenTheReceiptArrivesBeforeTheSendCompletes() {
        FakeSession session = new FakeSession(ME);
        Receipts receipts = Receipts.of(session);
        assertThat(session.capabilities().features()).contains(Receipts.NAMESPACE);
        AtomicReference<String> sentId = new AtomicReference<>();
        session.transport(out -> Mono.fromRunnable(() -> {
            sentId.set(out.id());
            session.deliver(receipt(MALLORY, out.id()));      // same id, other sender: not this receipt
            session.deliver(receipt(BOB, "another-id"));
            session.deliver(receipt(BOB, out.id()));
        }));
        StepVerifier.create(receipts.send(Message.builder().to(BOB.asBare()).type(Message.Type.CHAT).body("hi").build()))
            .assertNext(r -> {
                assertThat(r.from()).isEqualTo(BOB);
                assertThat(r.id()).isEqualTo(sentId.get());
            })
            .verifyComplete();
        Message sent = (Message) session.sent.get(0);
        assertThat(Receipts.requested(sent)).isTrue();
        assertThat(sent.id()).isNotBlank();
    }

    @Test
    void requestsAreAnsweredAutomaticallyWithTheRequestedId() {
        FakeSession session = new FakeSession(ME);
        Receipts.of(session);
        session.deliver(Message.builder().from(BOB).to(ME).id("m-7").type(Message.Type.CHAT).body("x")
            .child(XmlElement.builder(Receipts.REQUEST).build()).build());
        session.deliver(Message.builder().from(BOB).to(ME).type(Message.Type.CHAT).body("no id")
            .child(XmlElement.builder(Receipts.REQUEST).build()).build());
        assertThat(session.sent).singleElement().satisfies(s -> {
            assertThat(s.to()).isEqualTo(BOB);
            assertThat(s.element().element(Receipts.RECEIVED).attribute("id")).isEqualTo("m-7");
        });
    }

    @Test
    void withoutAutoAnswerNothingIsSentButReceiptsAreStillMatched() {
        FakeSession session = new FakeSession(ME);
        Receipts receipts = session.feature(Receipts.feature(false));
        var seen = receipts.receipts().next().toFuture();
        session.deliver(Message.builder().from(BOB).to(ME).id("m-8").type(Message.Type.CHAT).body("x")
            .child(XmlElement.builder(Receipts.REQUEST).build()).build());
        session.deliver(receipt(BOB, "m-1"));
        assertThat(session.sent).isEmpty();
        assertThat(seen).succeedsWithin(Duration.ofSeconds(5)).isEqualTo(new Receipt(BOB, "m-1"));
    }
}
