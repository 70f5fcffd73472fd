package org.reactorxmpp.im.pubsub.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.reactorxmpp.xmpp.session.SessionLog;
import org.reactorxmpp.im.pubsub.PubSub;
import org.reactorxmpp.im.pubsub.PubSubEvent;
import org.reactorxmpp.xmpp.feature.FeatureContext;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * The session's PubSub feature: one route for every pubsub event, decoded once, and one {@link PubSub}
 * per service. Not API: obtained through {@link PubSub#of} and {@link PubSub#pep}.
 */
public final class PubSubFeature {

    private static final Logger log = LoggerFactory.getLogger(PubSubFeature.class);

    private final XmppSession session;
    private final Sinks.Many<PubSubEvent> events = Sinks.many().multicast().directBestEffort();
    private final Map<Jid, PubSub> services = new ConcurrentHashMap<>();
    private final PubSub pep;

    private PubSubFeature(XmppSession session) {
        this.session = session;
        this.pep = new DefaultPubSub(session, null, events.asFlux().filter(e -> isAccount(e.from())));
    }

    /** @param ctx the installation context @return the installed feature */
    public static PubSubFeature install(FeatureContext ctx) {
        PubSubFeature feature = new PubSubFeature(ctx.session());
        ctx.route(Message.class, EventCodec::isEvent, feature::onEvent);
        ctx.onDispose(feature.events::tryEmitComplete);
        return feature;
    }

    /** @param service a service @return its client */
    public PubSub service(Jid service) {
        return services.computeIfAbsent(service, s ->
            new DefaultPubSub(session, s, events.asFlux().filter(e -> s.equals(e.from()))));
    }

    /** @return the PEP client */
    public PubSub pep() {
        return pep;
    }

    private static boolean isAccount(Jid from) {
        return from != null && from.localpart().isPresent();
    }

    private void onEvent(Message message) {
        try {
            for (PubSubEvent e : EventCodec.decode(message)) {
                events.emitNext(e, Sinks.EmitFailureHandler.busyLooping(java.time.Duration.ofMillis(100)));
            }
        } catch (RuntimeException e) {
            log.debug("[{}] ignoring a malformed pubsub event from {}: {}", SessionLog.id(session), message.from(), e.toString());
        }
    }

    /** @return every event of the session, whatever its service */
    public Flux<PubSubEvent> allEvents() {
        return events.asFlux();
    }
}
