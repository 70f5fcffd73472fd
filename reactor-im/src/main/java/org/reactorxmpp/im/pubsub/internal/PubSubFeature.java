package org.reactorxmpp.im.pubsub.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.reactorxmpp.xmpp.session.SessionLog;
import org.reactorxmpp.im.pubsub.PubSub;
import org.reactorxmpp.im.pubsub.PubSubEvent;
import org.reactorxmpp.im.pubsub.SubscriptionRequest;
import org.reactorxmpp.xmpp.feature.FeatureContext;
import org.reactorxmpp.xmpp.feature.FeatureKey;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Sinks;

/**
 * The session's PubSub feature: one route for every pubsub event and authorization request, decoded
 * once, and one {@link PubSub} per service. Not API: obtained through {@link PubSub#of} and {@link PubSub#pep}.
 */
public final class PubSubFeature {

    private static final Logger log = LoggerFactory.getLogger(PubSubFeature.class);
    private static final FeatureKey<PubSubFeature> KEY = FeatureKey.of("pubsub", PubSubFeature::install);
    private static final Sinks.EmitFailureHandler RETRY = Sinks.EmitFailureHandler.busyLooping(Duration.ofMillis(100));

    private final XmppSession session;
    private final Sinks.Many<PubSubEvent> events = Sinks.many().multicast().directBestEffort();
    private final Sinks.Many<SubscriptionRequest> requests = Sinks.many().multicast().directBestEffort();
    private final Map<Jid, PubSub> services = new ConcurrentHashMap<>();
    private final PubSub pep;

    private PubSubFeature(XmppSession session) {
        this.session = session;
        this.pep = new DefaultPubSub(session, null, events.asFlux().filter(e -> isAccount(e.from())),
            requests.asFlux().filter(r -> isAccount(r.service())));
    }

    /** @param session a session @return its PubSub feature, installed on first use */
    public static PubSubFeature of(XmppSession session) {
        return session.feature(KEY);
    }

    private static PubSubFeature install(FeatureContext ctx) {
        PubSubFeature feature = new PubSubFeature(ctx.session());
        ctx.route(Message.class, EventCodec::isEvent, feature::onEvent);
        ctx.route(Message.class, AuthorizationCodec::isRequest, feature::onRequest);
        ctx.onDispose(() -> {
            feature.events.tryEmitComplete();
            feature.requests.tryEmitComplete();
        });
        return feature;
    }

    /** @param service a service @return its client */
    public PubSub service(Jid service) {
        return services.computeIfAbsent(service, s -> new DefaultPubSub(session, s,
            events.asFlux().filter(e -> s.equals(e.from())), requests.asFlux().filter(r -> s.equals(r.service()))));
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
                events.emitNext(e, RETRY);
            }
        } catch (RuntimeException e) {
            log.debug("[{}] ignoring a malformed pubsub event from {}: {}", SessionLog.id(session), message.from(), e.toString());
        }
    }

    private void onRequest(Message message) {
        try {
            AuthorizationCodec.decode(message).ifPresent(r -> requests.emitNext(r, RETRY));
        } catch (RuntimeException e) {
            log.debug("{}: ignoring a malformed authorization request from {}: {}", session.jid(), message.from(),
                e.toString());
        }
    }
}
