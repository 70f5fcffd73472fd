package org.reactorxmpp.xmpp.session.internal;

import java.time.Clock;
import java.util.function.UnaryOperator;

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
     * @param prepare applied to the connected session before it is handed out and before its initial presence
     *     (installs the features declared on the client)
     * @return the session once connected
     */
    public static Mono<XmppSession> connect(SessionSettings settings, UnaryOperator<Mono<XmppSession>> prepare) {
        return Mono.defer(() -> new DefaultXmppSession(settings, Clock.systemDefaultZone()).start(prepare));
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
