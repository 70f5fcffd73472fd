package org.reactorxmpp.xmpp.feature;

import java.util.Collection;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.reactivestreams.Publisher;
import org.reactorxmpp.xmpp.extension.ExtensionCodec;
import org.reactorxmpp.xmpp.session.Capabilities;
import org.reactorxmpp.xmpp.session.DiscoIdentity;
import org.reactorxmpp.xmpp.session.IqHandler;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.stanza.Stanza;
import org.reactorxmpp.xmpp.xml.XmlName;
import reactor.core.Disposable;

/**
 * What a {@link Feature} installs itself with on one session. Everything registered here belongs
 * to the feature and is removed when the session ends (in reverse installation order: a feature
 * goes before the features it depends on): IQ handlers, stanza routes, codecs, capabilities,
 * reconnect hooks, and whatever is handed to {@link #onDispose(Disposable)}. Registration is meant
 * for {@link Feature#install(FeatureContext)}; it also works later, as long as the session lives.
 *
 * <p>A feature's event streams follow the rule of every inbound stream: hot, each subscriber with its
 * own bounded buffer, and a subscriber that falls behind gets what was buffered, then a typed overflow
 * error; nothing is dropped silently and nobody waits (a {@code directBestEffort} sink would drop
 * events for a slow subscriber without a word). The reactor-im features use their {@code HotStream}
 * helper for it, which ends a lagging subscriber with a {@code FeatureOverflowException}; elsewhere,
 * {@code sink.asFlux().onBackpressureBuffer(256, dropped -> { }, BufferOverflowStrategy.ERROR)} per
 * subscriber does the same with Reactor alone:
 *
 * <pre>{@code
 * public Geoloc install(FeatureContext ctx) {
 *     Roster roster = ctx.feature(Roster.KEY);                           // a dependency
 *     ctx.capability("http://jabber.org/protocol/geoloc+notify");         // PEP: ver changes, presence re-sent
 *     ctx.codec(GeolocCodec.INSTANCE);
 *     HotStream<Location> events = HotStream.live("geoloc events", 256);  // 256 buffered per subscriber
 *     ctx.route(Message.class, m -> m.has(EVENT), m -> events.emit(decode(m)));  // routes run one at a time
 *     ctx.onReconnect(() -> Mono.fromRunnable(() -> log.info("reconnected")));
 *     ctx.onDispose(events::complete);                                    // subscribers complete with the session
 *     return new Geoloc(ctx.session(), events.flux());
 * }
 * }</pre>
 */
public interface FeatureContext {

    /** @return the session the feature is installed on */
    XmppSession session();

    /**
     * Obtains another feature of the same session, installing it first if needed; it outlives this one.
     *
     * @param dependency the feature depended on
     * @param <D> its service type
     * @return its service
     * @throws IllegalStateException on a dependency cycle
     */
    <D> D feature(Feature<D> dependency);

    /**
     * Answers incoming IQs of one type whose payload has one qualified name. A namespace may have
     * handlers from several features, one per (type, name); an IQ that matches none is answered
     * {@code feature-not-implemented}.
     *
     * @param type {@link Iq.Type#GET} or {@link Iq.Type#SET}
     * @param payload the payload element's qualified name, for example {@code {jabber:iq:roster}query}
     * @param handler the handler
     * @throws IllegalStateException when (type, payload) already has a handler on this session
     */
    void handle(Iq.Type type, XmlName payload, IqHandler handler);

    /**
     * Routes inbound stanzas to the feature: each stanza of the type that the filter accepts is
     * passed to the receiver on the thread that delivered it (an event loop: do not block). The
     * session's features share one inbound subscription; an exception from a receiver is logged and
     * does not stop the route.
     *
     * @param type {@code Message.class}, {@code Presence.class}, {@code Iq.class} or {@code Stanza.class}
     * @param filter which stanzas
     * @param receiver what to do with them
     * @param <S> the stanza type
     */
    <S extends Stanza> void route(Class<S> type, Predicate<? super S> filter, Consumer<? super S> receiver);

    /**
     * Adds a codec to the session's {@link XmppSession#codecs()}.
     *
     * @param codec the codec
     * @throws IllegalArgumentException when another codec already handles its element name
     */
    void codec(ExtensionCodec<?> codec);

    /**
     * Advertises a feature in disco#info and entity caps while this feature lives.
     *
     * @param feature for example {@code http://jabber.org/protocol/geoloc+notify}
     */
    void capability(String feature);

    /** @param identity an identity advertised while this feature lives */
    void identity(DiscoIdentity identity);

    /**
     * A caps variant (base capabilities plus extra features) advertised while this feature lives.
     *
     * @param extraFeatures the features on top of the base ones
     * @return the variant, for the {@code <c/>} of directed presence
     * @see Capabilities#variant(Collection)
     */
    Capabilities.Variant variant(Collection<String> extraFeatures);

    /**
     * Runs after each reconnect that started a new XMPP session (the session's {@code CONNECTED} that follows a
     * {@code RECONNECTING}), for what the server forgot with the old session: rejoin rooms, reload the roster,
     * enable carbons again. Not after a reconnect that resumed the session with stream management (XEP-0198,
     * {@link org.reactorxmpp.xmpp.session.ConnectionState#isResumed()}): the server kept all of it and sent
     * again what the old connection missed, so doing it again would duplicate it. An error is logged and does
     * not stop later hooks.
     *
     * @param hook subscribed once per reconnect
     */
    void onReconnect(Supplier<? extends Publisher<?>> hook);

    /** @param teardown disposed when the feature is removed (the session ended) */
    void onDispose(Disposable teardown);
}
