package org.reactorxmpp.im;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.im.blocking.Blocking;
import org.reactorxmpp.im.carbons.Carbons;
import org.reactorxmpp.im.chat.Chat;
import org.reactorxmpp.im.chat.ChatManager;
import org.reactorxmpp.im.chat.ChatMessage;
import org.reactorxmpp.im.forward.Forwarded;
import org.reactorxmpp.im.presence.PresenceService;
import org.reactorxmpp.im.pubsub.PubSub;
import org.reactorxmpp.im.pubsub.PubSubEvent;
import org.reactorxmpp.im.receipts.Receipts;
import org.reactorxmpp.im.roster.Roster;
import org.reactorxmpp.im.roster.RosterItem;
import org.reactorxmpp.im.testing.ScriptedSessions;
import org.reactorxmpp.im.xhtml.XhtmlBody;
import org.reactorxmpp.im.xhtml.XhtmlIm;
import org.reactorxmpp.xmpp.extension.chatstates.ChatState;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.jid.FullJid;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.stanza.Presence;
import org.reactorxmpp.xmpp.testing.ScriptedTransport;
import org.reactorxmpp.xmpp.xml.XmlElement;
import reactor.core.publisher.Flux;
import reactor.test.subscriber.TestSubscriber;

/**
 * Every feature stream of reactor-im follows the inbound overflow rule (DESIGN.md section 3): a
 * subscriber that requests nothing while more events arrive than the stream buffers gets all the
 * buffered events, then a {@link FeatureOverflowException} naming the stream and its limit; nothing
 * is dropped silently. Real sessions over a scripted server push one event more than the limit.
 */
class FeatureOverflowTest {

    private static final FullJid ME = FullJid.parse("alice@example.com/web");
    private static final FullJid BOB = FullJid.parse("bob@example.com/desk");

    private final ScriptedTransport server = ScriptedTransport.builder(ME.toString()).ignoring(e -> true).build();
    private final XmppSession session = ScriptedSessions.connect(server, ME);

    /** Subscribes without demand, pushes {@code limit + 1} events, then requests them all. */
    private static <T> List<T> overflowed(Flux<T> stream, int limit, String feature, IntConsumer push) {
        TestSubscriber<T> slow = TestSubscriber.<T>builder().initialRequest(0).build();
        stream.subscribe(slow);
        IntStream.rangeClosed(0, limit).forEach(push);
        assertThat(slow.isTerminated()).as("nothing before the subscriber asks").isFalse();
        slow.request(Long.MAX_VALUE);
        assertThat(slow.getReceivedOnNext()).as("every buffered event first").hasSize(limit);
        assertThat(slow.expectTerminalError()).isInstanceOfSatisfying(FeatureOverflowException.class, e -> {
            assertThat(e.feature()).isEqualTo(feature);
            assertThat(e.capacity()).isEqualTo(limit);
        });
        return slow.getReceivedOnNext();
    }

    private static Message chat(FullJid from, String body) {
        return Message.builder().type(Message.Type.CHAT).from(from).to(ME).body(body).build();
    }

    private void deliverIq(Iq iq, boolean last) {
        if (last) {
            ScriptedSessions.deliver(server, iq); // answered in order: the earlier ones are processed too
        } else {
            server.push(iq);
        }
    }

    @Test
    void chatMessagesAndStates() {
        Chat chat = ChatManager.of(session).chat(BOB.asBare());
        List<ChatMessage> messages = overflowed(chat.messages(), 256, "chat messages of bob@example.com",
            i -> server.push(chat(BOB, "m" + i)));
        assertThat(messages).extracting(ChatMessage::body).startsWith("m0", "m1").endsWith("m255");
        overflowed(chat.states(), 256, "chat states of bob@example.com",
            i -> server.push(Message.builder().type(Message.Type.CHAT).from(BOB).child(ChatState.COMPOSING.toElement()).build()));
    }

    @Test
    void chatMessagesKeptForTheFirstSubscriberBeyondTheLimit() {
        ChatManager chats = ChatManager.of(session);
        IntStream.rangeClosed(0, 256).forEach(i -> server.push(chat(BOB, "m" + i)));
        Chat chat = chats.chat(BOB.asBare());
        TestSubscriber<ChatMessage> first = TestSubscriber.create();
        chat.messages().subscribe(first);
        assertThat(first.getReceivedOnNext()).hasSize(256).extracting(ChatMessage::body).endsWith("m255");
        assertThat(first.expectTerminalError()).isInstanceOf(FeatureOverflowException.class);
    }

    @Test
    void incomingChats() {
        overflowed(ChatManager.of(session).incoming(), 256, "chats started by contacts",
            i -> server.push(chat(FullJid.parse("c" + i + "@example.com/r"), "hi")));
    }

    @Test
    void carbons() {
        Message copied = chat(BOB, "copied");
        Message carbon = Message.builder().from(ME.asBare()).to(ME).child(XmlElement.builder(Carbons.NAMESPACE, "received")
            .child(Forwarded.CODEC.encode(new Forwarded(copied, Optional.empty()))).build()).build();
        overflowed(Carbons.of(session).carbons(), 256, "carbons", i -> server.push(carbon));
    }

    @Test
    void xhtmlMessages() {
        XhtmlBody body = XhtmlBody.builder().strong("hi").build();
        Message rich = XhtmlIm.attach(Message.builder().from(BOB).to(ME).body("hi"), body).build();
        overflowed(XhtmlIm.of(session).messages(), 256, "XHTML-IM messages", i -> server.push(rich));
    }

    @Test
    void receipts() {
        overflowed(Receipts.of(session).receipts(), 256, "receipts", i -> server.push(Message.builder().from(BOB).to(ME)
            .child(XmlElement.builder(Receipts.RECEIVED).attribute("id", "m" + i).build()).build()));
    }

    @Test
    void blockingChanges() {
        overflowed(Blocking.of(session).changes(), 256, "blocking changes", i -> deliverIq(Iq.builder(Iq.Type.SET)
            .id("b" + i).from(ME.asBare()).to(ME).payload(XmlElement.builder(Blocking.NAMESPACE, "block")
                .child(XmlElement.builder(Blocking.NAMESPACE, "item").attribute("jid", "spam" + i + "@example.org").build())
                .build()).build(), i == 256));
    }

    @Test
    void rosterChanges() {
        String ns = RosterItem.NAMESPACE;
        overflowed(Roster.of(session).changes(), 1024, "roster changes", i -> deliverIq(Iq.builder(Iq.Type.SET)
            .id("r" + i).from(ME.asBare()).to(ME).payload(XmlElement.builder(ns, "query")
                .child(XmlElement.builder(ns, "item").attribute("jid", "c" + i + "@example.com").attribute("subscription", "none").build())
                .build()).build(), i == 1024));
    }

    @Test
    void presenceChanges() {
        overflowed(PresenceService.of(session).changes(), 1024, "presence changes",
            i -> server.push(Presence.builder().from(BareJid.parse("c" + i + "@example.com").withResource("r")).to(ME).build()));
    }
    private static Message published(Jid from, String node, int i) {
        String ns = "http://jabber.org/protocol/pubsub#event";
        return Message.builder().from(from).to(ME).child(XmlElement.builder(ns, "event")
            .child(XmlElement.builder(ns, "items").attribute("node", node)
                .child(XmlElement.builder(ns, "item").attribute("id", "i" + i).build()).build()).build()).build();
    }

    @Test
    void pubsubEventsOfASlowSubscriberWhileAFastOneAndALaterOneGetEverything() {
        Jid service = Jid.domain("pubsub.example.com");
        PubSub pubsub = PubSub.of(session, service);
        TestSubscriber<PubSubEvent> fast = TestSubscriber.create();
        pubsub.events().subscribe(fast);
        // another service's events do not fill this service's subscribers' buffers
        IntStream.range(0, 300).forEach(i -> server.push(published(Jid.domain("other.example.com"), "news", i)));
        List<PubSubEvent> slow = overflowed(pubsub.events(), 256, "pubsub events", i -> server.push(published(service, "news", i)));
        assertThat(slow).extracting(PubSubEvent::node).containsOnly("news");
        assertThat(fast.getReceivedOnNext()).hasSize(257);
        assertThat(fast.isTerminated()).as("a slow subscriber does not end the stream").isFalse();

        TestSubscriber<PubSubEvent> later = TestSubscriber.create();
        pubsub.events().subscribe(later);
        server.push(published(service, "news", 999));
        assertThat(later.getReceivedOnNext()).singleElement()
            .satisfies(e -> assertThat(((PubSubEvent.Published) e).items().get(0).id()).isEqualTo("i999"));
        assertThat(later.isTerminated()).isFalse();
    }

    @Test
    void pepEvents() {
        overflowed(PubSub.pep(session).events(), 256, "pubsub events",
            i -> server.push(published(BOB.asBare(), "http://jabber.org/protocol/tune", i)));
    }
}
