package org.reactorxmpp.im.privatedata;

import java.util.Objects;

import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlName;
import reactor.core.publisher.Mono;

/**
 * Private XML storage (XEP-0049, {@value #NAMESPACE}): one element per qualified name, stored on the
 * server for the account. Static functions (the XEP has no state and no inbound traffic).
 *
 * <pre>{@code
 * PrivateStorage.set(session, XmlElement.builder("urn:example:settings", "settings").attribute("theme", "dark").build())
 *     .then(PrivateStorage.get(session, XmlName.of("urn:example:settings", "settings")))
 *     .subscribe(e -> System.out.println(e.attribute("theme")));
 * }</pre>
 */
public final class PrivateStorage {

    /** {@code jabber:iq:private}. */
    public static final String NAMESPACE = "jabber:iq:private";

    private PrivateStorage() {
    }

    /**
     * @param session the session
     * @param name the stored element's qualified name (not in {@code jabber:client} or {@code jabber:iq:private})
     * @return the stored element; an empty element of that name when nothing is stored
     */
    public static Mono<XmlElement> get(XmppSession session, XmlName name) {
        Objects.requireNonNull(name, "name");
        return Mono.defer(() -> session.request(Iq.get(null, query(XmlElement.builder(name).build())))
            .map(reply -> reply.payload().map(q -> q.element(name)).filter(Objects::nonNull)
                .orElseGet(() -> XmlElement.builder(name).build())));
    }

    /**
     * @param session the session
     * @param data the element to store, replacing the one of the same name
     * @return completion once stored
     */
    public static Mono<Void> set(XmppSession session, XmlElement data) {
        Objects.requireNonNull(data, "data");
        if (data.namespace().isEmpty() || data.namespace().equals(NAMESPACE) || data.namespace().equals("jabber:client")) {
            return Mono.error(new IllegalArgumentException("private data needs its own namespace: " + data.name()));
        }
        return Mono.defer(() -> session.request(Iq.set(null, query(data))).then());
    }

    private static XmlElement query(XmlElement child) {
        return XmlElement.builder(NAMESPACE, "query").child(child).build();
    }
}
