package org.reactorxmpp.xmpp.session.internal;

import org.reactorxmpp.xmpp.session.ConnectPhase;
import org.reactorxmpp.xmpp.session.XmppConnectException;
import org.reactorxmpp.xmpp.transport.TransportConnection;
import reactor.core.publisher.Mono;

/**
 * Stream-management resumption (XEP-0198 section 5), tried after authentication and before binding:
 * {@code <resume previd h/>}, answered by {@code <resumed h/>} or {@code <failed/>} (with {@code h} when the
 * server still knew it). After {@code <failed/>} the stream stays usable for binding a new session.
 */
final class ResumeFlow {

    private final TransportConnection connection;
    private final ElementQueue queue;

    ResumeFlow(TransportConnection connection, ElementQueue queue) {
        this.connection = connection;
        this.queue = queue;
    }

    Mono<BoundConnection.Resumption> resume(SmSession.Ticket ticket) {
        return connection.send(SmElements.resume(ticket.id(), ticket.handled()))
            .then(Mono.defer(() -> queue.next(e -> SmElements.is(e, "resumed") || SmElements.is(e, "failed"))))
            .map(answer -> {
                Long h = SmElements.h(answer);
                if (SmElements.is(answer, "resumed")) {
                    if (h == null) {
                        throw new XmppConnectException(ConnectPhase.BIND, "<resumed/> without a valid h: " + answer,
                            false, null);
                    }
                    return new BoundConnection.Resumption(true, h);
                }
                return new BoundConnection.Resumption(false, h);
            });
    }
}
