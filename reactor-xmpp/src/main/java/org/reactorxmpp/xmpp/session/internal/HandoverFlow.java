package org.reactorxmpp.xmpp.session.internal;

import org.reactorxmpp.xmpp.sasl.SaslCredentials;
import org.reactorxmpp.xmpp.session.SessionHandover;
import org.reactorxmpp.xmpp.session.SessionHandoverException;
import org.reactorxmpp.xmpp.transport.StreamOpen;
import org.reactorxmpp.xmpp.transport.Transport;
import org.reactorxmpp.xmpp.transport.TransportConnection;
import reactor.core.publisher.Mono;

/**
 * Attaching a handed-over session: the transport takes over its state, and the result is a {@link BoundConnection}
 * with the handover's JID and features, without SASL or bind. Errors are {@link SessionHandoverException}s.
 */
final class HandoverFlow {

    private HandoverFlow() {
    }

    /**
     * @param settings the client's settings
     * @param handover the handover
     * @param credentials what a later reconnect would authenticate with (kept by the bound connection)
     * @return the bound connection once the server accepted the attached session
     */
    static Mono<BoundConnection> attach(SessionSettings settings, SessionHandover handover, SaslCredentials credentials) {
        Transport transport = settings.transport();
        if (transport == null || settings.failover() != null) {
            return Mono.error(new SessionHandoverException(SessionHandoverException.Reason.UNSUPPORTED,
                "a client with candidate URLs cannot attach a session: give it the one transport the session runs on"));
        }
        StreamOpen open = StreamOpen.to(settings.jid().domainpart()).withFrom(settings.jid().toString())
            .withLang(settings.lang());
        ElementQueue queue = new ElementQueue();
        return transport.attach(handover.transportState(), open)
            .onErrorMap(e -> !(e instanceof SessionHandoverException), e -> new SessionHandoverException(
                SessionHandoverException.Reason.REJECTED, "the server did not accept the handed-over session of "
                + handover.jid() + " (" + e.getMessage() + "): log in again", e))
            .timeout(settings.connectTimeout(), Mono.error(() -> new SessionHandoverException(
                SessionHandoverException.Reason.REJECTED, "the server did not answer the handed-over session of "
                + handover.jid() + " within " + settings.connectTimeout())), settings.timer())
            .map((TransportConnection connection) -> {
                connection.inbound().subscribe(queue::onNext, queue::onError, queue::onComplete);
                return new BoundConnection(connection, handover.jid(), handover.features(), null, queue, credentials);
            });
    }
}
