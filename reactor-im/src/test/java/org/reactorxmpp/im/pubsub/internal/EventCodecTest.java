package org.reactorxmpp.im.pubsub.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.im.forms.DataForm;
import org.reactorxmpp.im.pubsub.PubSubEvent;
import org.reactorxmpp.im.pubsub.PubSubSubscription;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.xml.XmlElement;

class EventCodecTest {

    private static final String NS = EventCodec.NAMESPACE;
    private static final Jid SERVICE = Jid.domain("pubsub.example.com");

    private static Message message(XmlElement... children) {
        XmlElement.Builder event = XmlElement.builder(NS, "event");
        for (XmlElement c : children) {
            event.child(c);
        }
        return Message.builder().from(SERVICE).child(event.build())
            .child(XmlElement.builder("urn:xmpp:delay", "delay").attribute("stamp", "2026-11-30T10:00:00Z").build())
            .build();
    }

    @Test
    void itemsWithPayloadPublisherAndRetractsWithTheDelay() {
        XmlElement payload = XmlElement.builder("urn:example", "entry").text("hi").build();
        List<PubSubEvent> events = EventCodec.decode(message(XmlElement.builder(NS, "items").attribute("node", "news")
            .child(XmlElement.builder(NS, "item").attribute("id", "1").attribute("publisher", "a@example.com")
                .child(payload).build())
            .child(XmlElement.builder(NS, "retract").attribute("id", "0").build()).build()));

        assertThat(events).hasSize(2);
        PubSubEvent.Published published = (PubSubEvent.Published) events.get(0);
        assertThat(published.from()).isEqualTo(SERVICE);
        assertThat(published.node()).isEqualTo("news");
        assertThat(published.delay()).contains(Instant.parse("2026-11-30T10:00:00Z"));
        assertThat(published.items()).singleElement().satisfies(i -> {
            assertThat(i.id()).isEqualTo("1");
            assertThat(i.publisher()).isEqualTo(Jid.parse("a@example.com"));
            assertThat(i.payload()).isEqualTo(payload);
        });
        assertThat(((PubSubEvent.Retracted) events.get(1)).ids()).containsExactly("0");
    }

    @Test
    void purgeDeleteWithRedirectConfigurationAndSubscription() {
        List<PubSubEvent> events = EventCodec.decode(message(
            XmlElement.builder(NS, "purge").attribute("node", "a").build(),
            XmlElement.builder(NS, "delete").attribute("node", "b")
                .child(XmlElement.builder(NS, "redirect").attribute("uri", "xmpp:s?;node=c").build()).build(),
            XmlElement.builder(NS, "configuration").attribute("node", "d")
                .child(DataForm.CODEC.encode(DataForm.submit("http://jabber.org/protocol/pubsub#node_config",
                    java.util.Map.of("pubsub#max_items", List.of("5"))))).build(),
            XmlElement.builder(NS, "subscription").attribute("node", "e").attribute("jid", "b@example.com")
                .attribute("subscription", "pending").attribute("subid", "s1").build(),
            XmlElement.builder("urn:other", "unknown").attribute("node", "f").build()));

        assertThat(events).hasSize(4);
        assertThat(events.get(0)).isInstanceOf(PubSubEvent.Purged.class).extracting(PubSubEvent::node).isEqualTo("a");
        assertThat(((PubSubEvent.Deleted) events.get(1)).redirect()).isEqualTo("xmpp:s?;node=c");
        assertThat(((PubSubEvent.Configured) events.get(2)).configuration().field("pubsub#max_items").orElseThrow()
            .values()).containsExactly("5");
        PubSubSubscription s = ((PubSubEvent.SubscriptionChanged) events.get(3)).subscription();
        assertThat(s.state()).isEqualTo(PubSubSubscription.State.PENDING);
        assertThat(s.subid()).isEqualTo("s1");
        assertThat(s.jid()).isEqualTo(Jid.parse("b@example.com"));
    }

    @Test
    void aMessageWithoutEventHasNone() {
        Message plain = Message.builder().from(SERVICE).body("hello").build();
        assertThat(EventCodec.isEvent(plain)).isFalse();
        assertThat(EventCodec.decode(plain)).isEmpty();
    }
}
