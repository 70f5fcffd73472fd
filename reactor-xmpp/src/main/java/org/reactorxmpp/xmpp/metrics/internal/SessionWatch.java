package org.reactorxmpp.xmpp.metrics.internal;

import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.session.ConnectionState;
import org.reactorxmpp.xmpp.session.XmppSession;

/** Follows one session's states into the session gauges and the reconnect and failover counters. */
public final class SessionWatch {

    private final ClientMeters meters;
    private final XmppSession session;
    private final AtomicReference<ConnectionState.@Nullable Kind> current = new AtomicReference<>();
    private volatile boolean lost;
    private volatile @Nullable URI lastUrl;

    private SessionWatch(XmppSession session, ClientMeters meters) {
        this.session = session;
        this.meters = meters;
    }

    /**
     * @param session a session just set up
     * @param meters where to count
     */
    public static void watch(XmppSession session, ClientMeters meters) {
        SessionWatch watch = new SessionWatch(session, meters);
        session.states().subscribe(watch::on, e -> watch.end(), watch::end);
    }

    private void on(ConnectionState state) {
        ConnectionState.Kind kind = state.kind();
        ConnectionState.Kind previous = current.getAndSet(kind);
        meters.state(previous, kind);
        switch (kind) {
            case RECONNECTING -> {
                lost = true;
                meters.reconnectAttempt();
            }
            case CONNECTED -> {
                if (lost) {
                    lost = false;
                    meters.reconnected();
                }
                URI url = state.url().or(() -> session.connectionDetails().url()).orElse(null);
                URI before = lastUrl;
                if (url != null && before != null && !url.equals(before)) {
                    meters.failover();
                }
                if (url != null) {
                    lastUrl = url;
                }
            }
            default -> { }
        }
    }

    private void end() {
        ConnectionState.Kind previous = current.getAndSet(ConnectionState.Kind.DISCONNECTED);
        if (previous != ConnectionState.Kind.DISCONNECTED) {
            meters.state(previous, ConnectionState.Kind.DISCONNECTED);
        }
    }
}
