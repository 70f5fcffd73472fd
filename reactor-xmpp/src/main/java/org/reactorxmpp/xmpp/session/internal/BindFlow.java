package org.reactorxmpp.xmpp.session.internal;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.jid.FullJid;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.jid.JidFormatException;
import org.reactorxmpp.xmpp.session.ConnectPhase;
import org.reactorxmpp.xmpp.session.XmppConnectException;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.stanza.Stanza;
import org.reactorxmpp.xmpp.stanza.StanzaErrorException;
import org.reactorxmpp.xmpp.stream.Namespaces;
import org.reactorxmpp.xmpp.stream.StreamFeatures;
import org.reactorxmpp.xmpp.transport.TransportConnection;
import org.reactorxmpp.xmpp.xml.XmlElement;
import reactor.core.publisher.Mono;

/**
 * Resource binding (RFC 6120 section 7) and, only when the server requires it, the legacy session
 * IQ (RFC 3921 section 3).
 */
final class BindFlow {

    private final TransportConnection connection;
    private final ElementQueue queue;

    BindFlow(TransportConnection connection, ElementQueue queue) {
        this.connection = connection;
        this.queue = queue;
    }

    /**
     * @param features the features of the authenticated stream
     * @param resource the resource to ask for, or {@code null} for a server-assigned one
     * @return the bound full JID
     */
    Mono<FullJid> bind(StreamFeatures features, @Nullable String resource) {
        return Mono.defer(() -> {
            if (!features.offersBind()) {
                return Mono.error(new XmppConnectException(ConnectPhase.BIND,
                    "the server does not offer resource binding in " + features, false, null));
            }
            XmlElement.Builder bind = XmlElement.builder(Namespaces.BIND, "bind");
            if (resource != null) {
                bind.textChild(Namespaces.BIND, "resource", resource);
            }
            Iq request = Iq.set(null, bind.build());
            return exchange(request).map(BindFlow::boundJid).flatMap(jid -> features.requiresSession()
                ? exchange(Iq.set(Jid.domain(jid.domainpart()), XmlElement.empty(Namespaces.SESSION, "session")))
                    .thenReturn(jid)
                : Mono.just(jid));
        });
    }

    private Mono<Iq> exchange(Iq request) {
        String id = request.id();
        String what = request.payload().map(XmlElement::localName).orElse("iq");
        return connection.send(request.element())
            .then(queue.next(e -> e.is(Stanza.NAMESPACE, "iq") && id != null && id.equals(e.attribute("id"))
                && !Iq.Type.of(e.attribute("type")).isRequest()))
            .map(Iq::of)
            .flatMap(reply -> reply.type() == Iq.Type.ERROR
                ? Mono.error(new XmppConnectException(ConnectPhase.BIND, what + " refused by the server: "
                    + reply.error().map(err -> err.condition().elementName()).orElse("no error condition"),
                    false, StanzaErrorException.of(reply)))
                : Mono.just(reply));
    }

    private static FullJid boundJid(Iq result) {
        XmlElement bind = result.element().element(Namespaces.BIND, "bind");
        String text = bind == null ? null : bind.childText(org.reactorxmpp.xmpp.xml.XmlName.of(Namespaces.BIND, "jid"));
        if (text == null || text.isBlank()) {
            throw new XmppConnectException(ConnectPhase.BIND, "the bind result carries no <jid/>", false, null);
        }
        try {
            Jid jid = Jid.parse(text.trim());
            if (jid instanceof FullJid) {
                return (FullJid) jid;
            }
            throw new XmppConnectException(ConnectPhase.BIND, "the bound JID '" + text + "' has no resource", false, null);
        } catch (JidFormatException e) {
            throw new XmppConnectException(ConnectPhase.BIND, "the bound JID is invalid: " + e.getMessage(), false, e);
        }
    }
}
