package org.reactorxmpp.xmpp.feature.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.reactorxmpp.xmpp.session.SessionLog;
import org.reactorxmpp.xmpp.session.ConnectionState;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Features' reconnect hooks over one subscription to the session's live state changes: after each
 * {@code CONNECTED} that ends a reconnect with a new XMPP session, every hook runs (concurrently; reconnects one
 * after the other). A reconnect that resumed the session (XEP-0198) runs none.
 */
final class ReconnectHooks {

    private static final Logger log = LoggerFactory.getLogger(ReconnectHooks.class);

    private final XmppSession session;
    private final List<Supplier<? extends Publisher<?>>> hooks = new CopyOnWriteArrayList<>();
    private @Nullable Disposable subscription;

    ReconnectHooks(XmppSession session) {
        this.session = session;
    }

    /**
     * @param states live state changes
     * @return one signal per {@code CONNECTED} that follows a {@code RECONNECTING} and started a new XMPP session
     *     (not the first connect, not a stream-management resume: then the server forgot nothing)
     */
    static Flux<ConnectionState> reconnected(Flux<ConnectionState> states) {
        return Flux.defer(() -> {
            boolean[] reconnecting = new boolean[1];
            return states.filter(s -> {
                if (s.kind() == ConnectionState.Kind.RECONNECTING) {
                    reconnecting[0] = true;
                    return false;
                }
                if (s.kind() == ConnectionState.Kind.CONNECTED && reconnecting[0]) {
                    reconnecting[0] = false;
                    return !s.isResumed();
                }
                return false;
            });
        });
    }

    synchronized Disposable add(Supplier<? extends Publisher<?>> hook) {
        hooks.add(hook);
        if (subscription == null) {
            subscription = reconnected(session.stateChanges())
                .concatMap(s -> Flux.fromIterable(hooks).flatMap(h -> Mono.defer(() -> Flux.from(h.get()).then())
                    .onErrorResume(e -> {
                        log.debug("[{}] a reconnect hook failed", SessionLog.id(session), e);
                        return Mono.empty();
                    })))
                .subscribe(null, e -> log.debug("[{}] state changes ended with an error", SessionLog.id(session), e));
        }
        return () -> hooks.remove(hook);
    }

    synchronized void dispose() {
        hooks.clear();
        if (subscription != null) {
            subscription.dispose();
        }
    }
}
