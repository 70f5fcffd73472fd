package org.reactorxmpp.im.muc.internal;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.im.forms.DataForm;
import org.reactorxmpp.im.muc.MucException;
import org.reactorxmpp.im.muc.RoomInfo;
import org.reactorxmpp.xmpp.extension.ExtensionCodec;
import org.reactorxmpp.xmpp.extension.ExtensionDecodeException;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.session.DiscoIdentity;
import org.reactorxmpp.xmpp.session.DiscoItem;
import org.reactorxmpp.xmpp.session.ServiceDiscovery;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.stanza.StanzaErrorException;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlName;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Finding MUC services, listing rooms (RSM-paged where the service pages), room info. */
final class MucSearch {

    static final String RSM = "http://jabber.org/protocol/rsm";
    private static final String ITEMS = ServiceDiscovery.ITEMS;

    private final XmppSession session;
    private final ServiceDiscovery disco;

    MucSearch(XmppSession session) {
        this.session = session;
        this.disco = new ServiceDiscovery(session);
    }

    Flux<Jid> services() {
        Jid server = Jid.domain(session.jid().domainpart());
        return disco.items(server, null).flatMapMany(Flux::fromIterable)
            .flatMapSequential(item -> disco.info(item.jid(), null)
                .filter(info -> info.identities().stream().anyMatch(MucSearch::isTextConference))
                .map(info -> item.jid())
                .onErrorResume(StanzaErrorException.class, e -> Mono.empty()));
    }

    private static boolean isTextConference(DiscoIdentity identity) {
        return "conference".equals(identity.category()) && "text".equals(identity.type());
    }

    /** One page of a room list: the items, the {@code after} it was asked with, and the RSM {@code last} to ask after next. */
    record Page(List<DiscoItem> items, @Nullable String after, @Nullable String last) {
    }

    Flux<DiscoItem> rooms(Jid service, int pageSize) {
        if (pageSize < 1) {
            return Flux.error(new IllegalArgumentException("pageSize must be positive: " + pageSize));
        }
        // a short page is not the end: ejabberd counts rooms it then hides from us; the end is a page
        // without items or without <last/>, or a server repeating itself
        return page(service, pageSize, null)
            .expand(p -> p.last() == null || p.items().isEmpty() || p.last().equals(p.after()) ? Mono.empty()
                : page(service, pageSize, p.last()))
            .concatMapIterable(Page::items);
    }

    private Mono<Page> page(Jid service, int max, @Nullable String after) {
        XmlElement set = XmlElement.builder(RSM, "set").textChild(RSM, "max", Integer.toString(max))
            .textChild(RSM, "after", after).build();
        return session.request(Iq.get(service, XmlElement.builder(ITEMS, "query").child(set).build())).map(result -> {
            List<DiscoItem> items = new ArrayList<>();
            XmlElement query = result.payload().orElse(XmlElement.empty(ITEMS, "query"));
            query.elements(XmlName.of(ITEMS, "item")).forEach(i -> Jid.tryParse(i.attribute("jid"))
                .ifPresent(j -> items.add(new DiscoItem(j, i.attribute("node"), i.attribute("name")))));
            XmlElement answer = query.element(RSM, "set");
            // a service without RSM (Prosody) answers everything at once, without <set/>: one page
            String last = answer == null ? null : answer.childText(XmlName.of(RSM, "last"));
            return new Page(List.copyOf(items), after, last);
        });
    }

    Mono<RoomInfo> info(BareJid room) {
        return disco.info(room, null)
            .onErrorMap(StanzaErrorException.class, e -> MucException.of(room, e.error(), "asking for room info"))
            .map(info -> {
                DataForm form = null;
                for (XmlElement x : info.forms()) {
                    try {
                        DataForm f = ExtensionCodec.decode(DataForm.CODEC, x);
                        if (f.formType().filter(RoomInfo.FORM_TYPE::equals).isPresent()) {
                            form = f;
                        }
                    } catch (ExtensionDecodeException e) {
                        // another form we cannot read does not spoil the room's info
                    }
                }
                String name = info.identities().stream().filter(MucSearch::isTextConference)
                    .findFirst().flatMap(DiscoIdentity::name).orElse(null);
                return new RoomInfo(room, name, info.features(), form);
            });
    }
}
