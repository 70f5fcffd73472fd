package org.reactorxmpp.samples;

import java.util.Objects;

import org.reactorxmpp.im.geoloc.ContactLocation;
import org.reactorxmpp.im.geoloc.GeoLocation;
import org.reactorxmpp.im.geoloc.Geoloc;
import org.reactorxmpp.im.pubsub.AccessModel;
import org.reactorxmpp.im.pubsub.PublishOptions;
import org.reactorxmpp.xmpp.session.XmppSession;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Location sharing between contacts over PEP (XEP-0163) with reactor-im's {@link GeoLocation} (XEP-0080):
 * share a stream of positions with the contacts who receive one's presence, and follow theirs. Following
 * advertises {@code http://jabber.org/protocol/geoloc+notify} while subscribed (presence re-sent with the
 * new caps); sharing ends with the empty location, which tells contacts that one stopped.
 *
 * <pre>{@code
 * LocationSharing sharing = new LocationSharing(session);
 * Disposable following = sharing.follow().subscribe(System.out::println);   // "bob@example.com: Verona"
 * sharing.share(Flux.just(Geoloc.builder().lat(45.4384).lon(10.9916).locality("Verona").build()))
 *     .subscribe();
 * following.dispose();                                                    // the interest is withdrawn
 * }</pre>
 */
public final class LocationSharing {

    private final GeoLocation geo;

    /** @param session a connected session */
    public LocationSharing(XmppSession session) {
        this.geo = GeoLocation.of(Objects.requireNonNull(session, "session"));
    }

    /**
     * Publishes each position in turn, readable by presence subscribers only, then the empty location.
     *
     * @param positions where one is, one after the other
     * @return completion once the last position and the stop are published
     */
    public Mono<Void> share(Flux<Geoloc> positions) {
        PublishOptions presenceOnly = PublishOptions.empty().accessModel(AccessModel.PRESENCE);
        return positions.concatMap(where -> geo.publish(where, presenceOnly)).then(geo.stop());
    }

    /** @return one line per location a contact publishes ("contact: place", or "contact stopped sharing"), hot */
    public Flux<String> follow() {
        return geo.locations().map(LocationSharing::describe);
    }

    static String describe(ContactLocation location) {
        if (location.stopped()) {
            return location.contact() + " stopped sharing";
        }
        Geoloc g = location.geoloc();
        String place = g.locality() != null ? g.locality()
            : g.lat() != null && g.lon() != null ? g.lat() + ", " + g.lon() : "somewhere";
        return location.contact() + ": " + place + location.delay().map(at -> " (as of " + at + ")").orElse("");
    }
}
