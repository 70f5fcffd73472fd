package org.reactorxmpp.xmpp.feature.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.reactorxmpp.xmpp.session.IqHandler;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.stanza.StanzaError;
import org.reactorxmpp.xmpp.stanza.StanzaErrorException;
import org.reactorxmpp.xmpp.xml.XmlName;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * Features' IQ handlers by (type, payload name): one session handler per namespace dispatches to
 * them; the namespace is released when its last handler goes. Thread-safe.
 */
final class IqRoutes {

    private record Route(Iq.Type type, XmlName payload) {
    }

    private final XmppSession session;
    private final Map<Route, IqHandler> handlers = new ConcurrentHashMap<>();
    private final Map<String, Disposable> namespaces = new HashMap<>();

    IqRoutes(XmppSession session) {
        this.session = session;
    }

    synchronized Disposable add(Iq.Type type, XmlName payload, IqHandler handler) {
        if (type != Iq.Type.GET && type != Iq.Type.SET) {
            throw new IllegalArgumentException("IQ handlers answer get or set, not " + type);
        }
        Route route = new Route(type, payload);
        if (handlers.putIfAbsent(route, handler) != null) {
            throw new IllegalStateException("an IQ handler for " + type + " " + payload + " is already registered");
        }
        String ns = payload.namespace();
        if (!namespaces.containsKey(ns)) {
            try {
                namespaces.put(ns, session.handle(ns, this::dispatch));
            } catch (RuntimeException e) {
                handlers.remove(route);
                throw e;
            }
        }
        return () -> remove(route, handler);
    }

    private synchronized void remove(Route route, IqHandler handler) {
        if (handlers.remove(route, handler)
            && handlers.keySet().stream().noneMatch(r -> r.payload().namespace().equals(route.payload().namespace()))) {
            Disposable d = namespaces.remove(route.payload().namespace());
            if (d != null) {
                d.dispose();
            }
        }
    }

    private Mono<Iq> dispatch(Iq request) {
        IqHandler handler = request.payload()
            .map(p -> handlers.get(new Route(request.type(), p.name())))
            .orElse(null);
        if (handler == null) {
            return Mono.error(new StanzaErrorException(StanzaError.of(StanzaError.Condition.FEATURE_NOT_IMPLEMENTED), request));
        }
        return handler.handle(request);
    }
}
