package org.reactorxmpp.xmpp.feature.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.session.SessionLog;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Stanza;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;

/** Features' inbound routes over one subscription to the session's inbound stanzas. Thread-safe. */
final class StanzaRoutes {

    private static final Logger log = LoggerFactory.getLogger(StanzaRoutes.class);

    private record Route<S extends Stanza>(Class<S> type, Predicate<? super S> filter, Consumer<? super S> receiver) {
        void offer(Stanza stanza) {
            if (type.isInstance(stanza)) {
                S s = type.cast(stanza);
                if (filter.test(s)) {
                    receiver.accept(s);
                }
            }
        }
    }

    private final XmppSession session;
    private final List<Route<?>> routes = new CopyOnWriteArrayList<>();
    private @Nullable Disposable subscription;

    StanzaRoutes(XmppSession session) {
        this.session = session;
    }

    synchronized <S extends Stanza> Disposable add(Class<S> type, Predicate<? super S> filter, Consumer<? super S> receiver) {
        Route<S> route = new Route<>(type, filter, receiver);
        routes.add(route);
        if (subscription == null) {
            subscription = session.inbound().subscribe(this::deliver,
                e -> log.debug("[{}] inbound ended for the features' routes", SessionLog.id(session), e));
        }
        return () -> routes.remove(route);
    }

    private void deliver(Stanza stanza) {
        for (Route<?> route : routes) {
            try {
                route.offer(stanza);
            } catch (RuntimeException e) {
                log.warn("[{}] a feature's route failed on a {}", SessionLog.id(session), stanza.element().localName(), e);
            }
        }
    }

    synchronized void dispose() {
        routes.clear();
        if (subscription != null) {
            subscription.dispose();
        }
    }
}
