package org.reactorxmpp.xmpp.session.internal;

import java.time.Clock;

import org.reactorxmpp.xmpp.sasl.SaslCredentials;
import org.reactorxmpp.xmpp.session.XmppSession;
import reactor.core.publisher.Mono;

/** Not API: the entry {@code XmppClient.connect()} delegates to. */
public final class SessionConnector {

    private SessionConnector() {
    }

    /**
     * Opens a session: one {@link DefaultXmppSession}, for its whole life, on its first connection.
     *
     * <p>The password lives in the session only as long as needed: without reconnect each attempt's
     * copy is zeroed as soon as SASL is over; with reconnect the session keeps one copy for the next
     * negotiations and zeroes it when it ends (close, give-up, or a failed first connect).
     *
     * @param settings the validated settings
     * @return the session once connected
     */
    public static Mono<XmppSession> connect(SessionSettings settings) {
        return Mono.defer(() -> new DefaultXmppSession(settings, Clock.systemDefaultZone()).start());
    }

    /**
     * Goes on with a handed-over session: one {@link DefaultXmppSession} on the attached connection.
     *
     * @param settings the validated settings
     * @param handover the handover, for the client's account
     * @return the session once the server accepted the attached connection
     */
    public static Mono<XmppSession> attach(SessionSettings settings, org.reactorxmpp.xmpp.session.SessionHandover handover) {
        return Mono.defer(() -> new DefaultXmppSession(settings, Clock.systemDefaultZone()).startAttached(handover));
    }

    /** @return a fresh copy of the account's credentials, owned by the caller */
    static SaslCredentials credentials(SessionSettings settings) {
        return SaslCredentials.builder()
            .username(settings.jid().localpart().orElseThrow())
            .password(settings.password())
            .host(settings.jid().domainpart())
            .build();
    }
}
