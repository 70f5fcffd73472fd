package org.reactorxmpp.im.pubsub.internal;

import static org.reactorxmpp.im.pubsub.PubSub.NAMESPACE;

import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.im.pubsub.PubSubItem;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlName;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Retrieving a node's items page by page with result set management (XEP-0059): each request asks for
 * {@code max} items after the last one received; the next page is asked for only while the reply has a
 * {@code <set/>} with a {@code <last/>}, a full page, and (where given) a count not yet reached. A
 * service that ignores RSM answers everything without {@code <set/>}: that reply is all there is.
 */
final class ItemPages {

    static final String RSM = "http://jabber.org/protocol/rsm";

    private ItemPages() {
    }

    static XmlElement request(String node, int max, @Nullable String after) {
        XmlElement.Builder set = XmlElement.builder(RSM, "set").textChild(RSM, "max", Integer.toString(max));
        if (after != null) {
            set.textChild(RSM, "after", after);
        }
        return XmlElement.builder(NAMESPACE, "pubsub")
            .child(XmlElement.builder(NAMESPACE, "items").attribute("node", node).build())
            .child(set.build()).build();
    }

    static Flux<PubSubItem> all(String node, int max, Function<@Nullable String, Mono<Iq>> page) {
        return from(max, null, 0, page);
    }

    private static Flux<PubSubItem> from(int max, @Nullable String after, int seen,
                                         Function<@Nullable String, Mono<Iq>> page) {
        return page.apply(after).flatMapMany(reply -> {
            List<PubSubItem> items = items(reply);
            Flux<PubSubItem> these = Flux.fromIterable(items);
            String last = next(reply, items.size(), max, seen);
            return last == null ? these : these.concatWith(Flux.defer(() -> from(max, last, seen + items.size(), page)));
        });
    }

    /** @return the {@code after} of the next page, or {@code null} when this was the last */
    static @Nullable String next(Iq reply, int received, int max, int seenBefore) {
        XmlElement set = reply.payload().map(p -> p.element(RSM, "set")).orElse(null);
        if (set == null || received == 0 || received < max) {
            return null;
        }
        String last = set.childText(XmlName.of(RSM, "last"));
        String count = set.childText(XmlName.of(RSM, "count"));
        if (count != null && seenBefore + received >= Integer.parseInt(count.trim())) {
            return null;
        }
        return last;
    }

    static List<PubSubItem> items(Iq reply) {
        return reply.payload().map(p -> p.element(NAMESPACE, "items"))
            .map(items -> items.elements().filter(e -> e.is(NAMESPACE, "item")).map(EventCodec::item).toList())
            .orElse(List.of());
    }
}
