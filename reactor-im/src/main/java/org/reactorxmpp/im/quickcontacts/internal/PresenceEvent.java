package org.reactorxmpp.im.quickcontacts.internal;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.extension.ExtensionCodec;
import org.reactorxmpp.xmpp.stanza.Presence;
import org.reactorxmpp.xmpp.stanza.Stanza;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlName;

/**
 * A pubsub event ({@code <event xmlns='http://jabber.org/protocol/pubsub#event'>}) read for the
 * presences its items carry: what a CUP temp-presence notification is.
 *
 * <p>The codec is used directly, not registered on the session: the {@code pubsub#event} element
 * belongs to a PubSub feature, which will own the general codec (quick contacts then depend on it).
 *
 * @param node the {@code node} of its {@code <items/>}, or {@code null} when it has none
 * @param presences the {@code <presence/>} payloads of its items, in order
 */
record PresenceEvent(@Nullable String node, List<Presence> presences) {

    static final String NAMESPACE = "http://jabber.org/protocol/pubsub#event";
    private static final XmlName EVENT = XmlName.of(NAMESPACE, "event");
    private static final XmlName ITEMS = XmlName.of(NAMESPACE, "items");
    private static final XmlName ITEM = XmlName.of(NAMESPACE, "item");
    private static final XmlName PRESENCE = XmlName.of(Stanza.NAMESPACE, "presence");

    /** Decodes {@code event/items/item/presence}; encodes an event with one item per presence. */
    static final ExtensionCodec<PresenceEvent> CODEC = new ExtensionCodec<>() {
        @Override
        public XmlName name() {
            return EVENT;
        }

        @Override
        public Class<PresenceEvent> type() {
            return PresenceEvent.class;
        }

        @Override
        public PresenceEvent decode(XmlElement event) {
            XmlElement items = event.element(ITEMS);
            if (items == null) {
                return new PresenceEvent(null, List.of());
            }
            List<Presence> presences = new ArrayList<>();
            items.elements(ITEM).forEach(item -> item.elements(PRESENCE).forEach(p -> presences.add(Presence.of(p))));
            return new PresenceEvent(items.attribute("node"), List.copyOf(presences));
        }

        @Override
        public XmlElement encode(PresenceEvent value) {
            XmlElement.Builder items = XmlElement.builder(ITEMS).attribute("node", value.node());
            value.presences().forEach(p -> items.child(XmlElement.builder(ITEM).child(p.element()).build()));
            return XmlElement.builder(EVENT).child(items.build()).build();
        }
    };
}
