package org.reactorxmpp.im.geoloc;

import org.reactorxmpp.im.pep.Pep;
import org.reactorxmpp.im.pubsub.PubSubEvent;
import org.reactorxmpp.im.pubsub.PubSubItem;
import org.reactorxmpp.im.pubsub.PublishOptions;
import org.reactorxmpp.xmpp.session.XmppSession;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Geolocation over PEP (XEP-0080 with XEP-0163): publish mine, stop publishing, and contacts' locations.
 * Subscribing to {@link #locations()} advertises {@code http://jabber.org/protocol/geoloc+notify}; the
 * interest is withdrawn when the last subscriber cancels.
 *
 * <pre>{@code
 * GeoLocation geo = GeoLocation.of(session);
 * Disposable watching = geo.locations().subscribe(l -> map.move(l.contact(), l.geoloc()));
 * geo.publish(Geoloc.builder().lat(45.4384).lon(10.9916).build()).subscribe();
 * geo.stop().subscribe();
 * }</pre>
 */
public final class GeoLocation {

    private final Pep pep;

    private GeoLocation(Pep pep) {
        this.pep = pep;
    }

    /** @param session the session @return its geolocation service */
    public static GeoLocation of(XmppSession session) {
        return new GeoLocation(Pep.of(session));
    }

    /** @param where my location @return the item id, once published (readable by presence subscribers) */
    public Mono<String> publish(Geoloc where) {
        return publish(where, PublishOptions.empty());
    }

    /** @param where my location @param options publish-options, for example an access model @return the item id */
    public Mono<String> publish(Geoloc where, PublishOptions options) {
        return Mono.defer(() -> pep.publish(Geoloc.NAMESPACE, PubSubItem.of(null, Geoloc.CODEC.encode(where)), options));
    }

    /** @return completion once the empty location (XEP-0080: stopped publishing) is published */
    public Mono<Void> stop() {
        return publish(Geoloc.EMPTY).then();
    }

    /**
     * @return contacts' (and my own) locations as they are published, hot from the moment of subscription
     *     (see {@link Pep#events(String)}: subscribing makes the service send contacts' last locations)
     */
    public Flux<ContactLocation> locations() {
        return pep.events(Geoloc.NAMESPACE).ofType(PubSubEvent.Published.class).filter(e -> e.from() != null)
            .concatMapIterable(e -> e.items().stream().flatMap(i -> i.payload(Geoloc.CODEC).stream())
                .map(g -> new ContactLocation(e.from().asBare(), g, e.delay().orElse(null))).toList());
    }
}
