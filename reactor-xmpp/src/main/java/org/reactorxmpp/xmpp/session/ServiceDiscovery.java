package org.reactorxmpp.xmpp.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlName;
import reactor.core.publisher.Mono;

/**
 * Service discovery requests (XEP-0030) over a session: what an entity is and can do
 * ({@code disco#info}), and which items it has ({@code disco#items}). Stateless; errors are those of
 * {@link XmppSession#request(Iq)} (a {@link org.reactorxmpp.xmpp.stanza.StanzaErrorException} for an
 * error reply or a timeout).
 *
 * <pre>{@code
 * ServiceDiscovery disco = new ServiceDiscovery(session);
 * disco.items(Jid.domain("example.com"), null)
 *     .flatMapMany(Flux::fromIterable)
 *     .subscribe(item -> System.out.println(item.jid()));
 * }</pre>
 */
public final class ServiceDiscovery {

    /** The disco#items namespace. */
    public static final String ITEMS = "http://jabber.org/protocol/disco#items";

    private final XmppSession session;

    /**
     * @param session the session the requests go through
     */
    public ServiceDiscovery(XmppSession session) {
        this.session = Objects.requireNonNull(session, "session");
    }

    /**
     * @param entity whom to ask
     * @param node the node to ask about, or {@code null}
     * @return the answer; a result without {@code <query/>} is an empty answer
     */
    public Mono<EntityInfo> info(Jid entity, @Nullable String node) {
        return infoQuery(entity, node).map(EntityInfo::fromQuery);
    }

    /** The raw disco#info {@code <query/>} of the answer (an empty one when the result carried none). */
    Mono<XmlElement> infoQuery(Jid entity, @Nullable String node) {
        Objects.requireNonNull(entity, "entity");
        XmlElement query = XmlElement.builder(EntityInfo.NAMESPACE, "query").attribute("node", node).build();
        return session.request(Iq.get(entity, query)).map(result -> {
            XmlElement answer = result.element().element(XmlName.of(EntityInfo.NAMESPACE, "query"));
            return answer != null ? answer : XmlElement.empty(EntityInfo.NAMESPACE, "query");
        });
    }

    /**
     * @param entity whom to ask
     * @param node the node to list, or {@code null}
     * @return the items, in the order of the answer; items with a missing or invalid JID are skipped
     */
    public Mono<List<DiscoItem>> items(Jid entity, @Nullable String node) {
        Objects.requireNonNull(entity, "entity");
        XmlElement query = XmlElement.builder(ITEMS, "query").attribute("node", node).build();
        return session.request(Iq.get(entity, query)).map(result -> {
            List<DiscoItem> items = new ArrayList<>();
            XmlElement answer = result.element().element(XmlName.of(ITEMS, "query"));
            if (answer != null) {
                answer.elements(XmlName.of(ITEMS, "item")).forEach(item ->
                    Jid.tryParse(item.attribute("jid")).ifPresent(jid ->
                        items.add(new DiscoItem(jid, item.attribute("node"), item.attribute("name")))));
            }
            return List.copyOf(items);
        });
    }
}
