package org.reactorxmpp.samples.guide;

import java.time.Duration;

import org.reactorxmpp.xmpp.XmppException;
import org.reactorxmpp.xmpp.sasl.SaslCondition;
import org.reactorxmpp.xmpp.sasl.SaslException;
import org.reactorxmpp.xmpp.session.ConnectionState;
import org.reactorxmpp.xmpp.session.Reconnect;
import org.reactorxmpp.xmpp.session.XmppClient;
import org.reactorxmpp.xmpp.session.XmppConnectException;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.stanza.StanzaError;
import org.reactorxmpp.xmpp.stanza.StanzaErrorException;
import org.reactorxmpp.xmpp.transport.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/** docs/sessions.md */
final class Sessions {

    private static final Logger log = LoggerFactory.getLogger(Sessions.class);

    private Sessions() {
    }

    static XmppClient reconnecting(Transport transport) {
        // tag::reconnect[]
        XmppClient client = XmppClient.builder()
            .jid("alice@example.com")
            .password("secret")
            .transport(transport)
            .reconnect(Reconnect.backoff(Duration.ofSeconds(1), Duration.ofMinutes(2)).maxAttempts(20))
            .offlineQueueSize(256)                   // calls made while no connection is up wait here
            .build();
        // end::reconnect[]
        return client;
    }

    static Disposable states(XmppSession session) {
        // tag::states[]
        return session.states().subscribe(state -> {
            switch (state.kind()) {
                case RECONNECTING -> log.warn("reconnect attempt {}", state.attempt(), state.cause().orElse(null));
                case CONNECTED -> log.info("connected: {}", session.connectionDetails());
                case DISCONNECTED -> log.info("session over", state.cause().orElse(null));
                default -> { }
            }
        });
        // end::states[]
    }

    static Mono<XmppSession> connectWithErrors(XmppClient client) {
        // tag::errors[]
        return client.connect()
            .onErrorMap(SaslException.class, e -> e.condition() == SaslCondition.NOT_AUTHORIZED
                ? new IllegalArgumentException("wrong password for " + client.jid(), e) : e)
            .doOnError(XmppConnectException.class, e -> log.warn("connect failed in phase {} (timeout: {})",
                e.phase(), e.isTimeout()))
            // retry only what may succeed later: XmppException.isTransient()
            .retryWhen(Retry.backoff(3, Duration.ofSeconds(1))
                .filter(e -> e instanceof XmppException x && x.isTransient()));
        // end::errors[]
    }

    static Mono<Iq> stanzaError(XmppSession session, Iq request) {
        // tag::stanza-error[]
        return session.request(request)                                   // Mono<Iq>, correlated by id and sender
            .onErrorResume(StanzaErrorException.class,
                e -> e.condition() == StanzaError.Condition.ITEM_NOT_FOUND
                    ? Mono.empty()                                        // the entity does not exist
                    : Mono.error(e));
        // end::stanza-error[]
    }

    static Disposable stateKinds(XmppSession session) {
        // tag::state-kinds[]
        return session.stateChanges()
            .filter(s -> s.kind() == ConnectionState.Kind.RECONNECTING)
            .subscribe(s -> log.info("lost the connection, attempt {}", s.attempt()));
        // end::state-kinds[]
    }
}
