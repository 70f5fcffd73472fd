package org.reactorxmpp.im.pubsub.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.im.forms.DataForm;
import org.reactorxmpp.im.pubsub.PubSubEvent;
import org.reactorxmpp.im.pubsub.PubSubItem;
import org.reactorxmpp.im.pubsub.PubSubSubscription;
import org.reactorxmpp.xmpp.extension.ExtensionCodec;
import org.reactorxmpp.xmpp.extension.delay.Delay;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlName;

/**
 * Reads {@code <event xmlns='http://jabber.org/protocol/pubsub#event'>} into typed events, from the
 * element tree the session parsed. Children it does not know are skipped (they stay in the message).
 */
public final class EventCodec {

    public static final String NAMESPACE = "http://jabber.org/protocol/pubsub#event";
    public static final XmlName EVENT = XmlName.of(NAMESPACE, "event");

    private EventCodec() {
    }

    /** @param message a message @return whether it carries a pubsub event */
    public static boolean isEvent(Message message) {
        return message.has(EVENT);
    }

    /**
     * @param message a message with a pubsub event
     * @return its events, with the sender and the delay of the message
     */
    public static List<PubSubEvent> decode(Message message) {
        XmlElement event = message.element().element(EVENT);
        if (event == null) {
            return List.of();
        }
        Instant delay = message.extension(Delay.CODEC).map(Delay::stamp).orElse(null);
        return decode(event, message.from(), delay);
    }

    /**
     * @param event the event element
     * @param from the sender
     * @param delay the delayed-delivery stamp, or {@code null}
     * @return its events
     */
    public static List<PubSubEvent> decode(XmlElement event, @Nullable Jid from, @Nullable Instant delay) {
        List<PubSubEvent> events = new ArrayList<>(1);
        event.elements().filter(e -> NAMESPACE.equals(e.namespace())).forEach(e -> {
            String node = e.attribute("node");
            if (node == null) {
                return;
            }
            switch (e.localName()) {
                case "items" -> items(e, from, node, delay, events);
                case "purge" -> events.add(new PubSubEvent.Purged(from, node, delay));
                case "delete" -> {
                    XmlElement redirect = e.element(NAMESPACE, "redirect");
                    events.add(new PubSubEvent.Deleted(from, node, redirect == null ? null : redirect.attribute("uri"), delay));
                }
                case "configuration" -> {
                    XmlElement x = e.element(DataForm.NAMESPACE, "x");
                    events.add(new PubSubEvent.Configured(from, node,
                        x == null ? null : ExtensionCodec.decode(DataForm.CODEC, x), delay));
                }
                case "subscription" -> {
                    Jid jid = Jid.tryParse(e.attribute("jid")).orElse(null);
                    if (jid != null) {
                        events.add(new PubSubEvent.SubscriptionChanged(from, node, new PubSubSubscription(node, jid,
                            e.attribute("subid"), PubSubSubscription.State.of(e.attribute("subscription"))), delay));
                    }
                }
                default -> { }
            }
        });
        return events;
    }

    private static void items(XmlElement items, @Nullable Jid from, String node, @Nullable Instant delay,
                              List<PubSubEvent> events) {
        List<PubSubItem> published = new ArrayList<>();
        List<String> retracted = new ArrayList<>();
        items.elements().filter(e -> NAMESPACE.equals(e.namespace())).forEach(e -> {
            if ("item".equals(e.localName())) {
                published.add(item(e));
            } else if ("retract".equals(e.localName()) && e.attribute("id") != null) {
                retracted.add(e.attribute("id"));
            }
        });
        if (!published.isEmpty()) {
            events.add(new PubSubEvent.Published(from, node, published, delay));
        }
        if (!retracted.isEmpty()) {
            events.add(new PubSubEvent.Retracted(from, node, retracted, delay));
        }
    }

    /** @param item an {@code <item/>} of either namespace @return the item */
    public static PubSubItem item(XmlElement item) {
        XmlElement payload = item.elements().findFirst().orElse(null);
        return new PubSubItem(item.attribute("id"), Jid.tryParse(item.attribute("publisher")).orElse(null), payload);
    }
}
