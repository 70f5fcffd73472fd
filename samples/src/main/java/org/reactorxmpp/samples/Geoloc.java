package org.reactorxmpp.samples;

import org.reactorxmpp.xmpp.extension.ExtensionCodec;
import org.reactorxmpp.xmpp.feature.FeatureContext;
import org.reactorxmpp.xmpp.feature.FeatureKey;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.stanza.StanzaError;
import org.reactorxmpp.xmpp.stanza.StanzaErrorException;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlName;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The README's "Writing an extension" example, compiled: XEP-0080 geolocation as a session feature
 * (a codec, an IQ handler, a PEP {@code +notify} capability, a stanza route, a teardown).
 *
 * <pre>{@code
 * Geoloc.of(session).locations().subscribe(where -> System.out.println(where.locality()));
 * Geoloc.of(session).publish(new Geoloc.Location("Verona")).subscribe();
 * }</pre>
 */
public final class Geoloc {

    public static final String NAMESPACE = "http://jabber.org/protocol/geoloc";
    public static final FeatureKey<Geoloc> KEY = FeatureKey.of("geoloc", Geoloc::install);

    /** The value and its tree codec: XmlElement <-> Location, no re-parsing. */
    public record Location(String locality) { }
    static final ExtensionCodec<Location> CODEC = new ExtensionCodec<>() {
        public XmlName name() { return XmlName.of(NAMESPACE, "geoloc"); }
        public Class<Location> type() { return Location.class; }
        public Location decode(XmlElement e) { return new Location(e.childText(XmlName.of(NAMESPACE, "locality"))); }
        public XmlElement encode(Location l) { return XmlElement.builder(name()).textChild(NAMESPACE, "locality", l.locality()).build(); }
    };

    private final XmppSession session;
    private final Sinks.Many<Location> locations = Sinks.many().multicast().directBestEffort();

    private Geoloc(XmppSession session) {
        this.session = session;
    }

    private static Geoloc install(FeatureContext ctx) {
        Geoloc geoloc = new Geoloc(ctx.session());
        ctx.codec(CODEC);                                   // in session.codecs() while installed
        ctx.capability(NAMESPACE + "+notify");             // PEP interest: ver changes, presence re-sent
        ctx.handle(Iq.Type.GET, XmlName.of(NAMESPACE, "geoloc"),   // an IQ handler by (type, element)
            iq -> Mono.error(new StanzaErrorException(StanzaError.of(StanzaError.Condition.NOT_ALLOWED), iq)));
        ctx.route(Message.class, m -> m.has(XmlName.of(EVENT, "event")), geoloc::onEvent);
        ctx.onDispose(geoloc.locations::tryEmitComplete);  // the session ended
        return geoloc;
    }

    /** @return the geolocation service of the session (the same one every time) */
    public static Geoloc of(XmppSession session) {
        return session.feature(KEY);
    }

    public Flux<Location> locations() {
        return locations.asFlux();
    }

    public Mono<Void> publish(Location where) {
        XmlElement publish = XmlElement.builder(PUBSUB, "pubsub").child(XmlElement.builder(PUBSUB, "publish")
            .attribute("node", NAMESPACE).child(XmlElement.builder(PUBSUB, "item").child(CODEC.encode(where)).build())
            .build()).build();
        return session.request(Iq.set(null, publish)).then();
    }

    private void onEvent(Message m) {
        XmlElement items = m.element().element(EVENT, "event").element(EVENT, "items");
        if (items != null && NAMESPACE.equals(items.attribute("node"))) {
            items.elements().flatMap(item -> item.elements(CODEC.name()))
                .forEach(e -> locations.tryEmitNext(ExtensionCodec.decode(CODEC, e)));
        }
    }

    private static final String PUBSUB = "http://jabber.org/protocol/pubsub";
    private static final String EVENT = PUBSUB + "#event";
}
