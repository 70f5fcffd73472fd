package org.reactorxmpp.im.muc.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.im.forms.DataForm;
import org.reactorxmpp.im.muc.Affiliation;
import org.reactorxmpp.im.muc.MucException;
import org.reactorxmpp.im.muc.MucUser;
import org.reactorxmpp.im.muc.Role;
import org.reactorxmpp.im.muc.RoomConfiguration;
import org.reactorxmpp.xmpp.extension.ExtensionCodec;
import org.reactorxmpp.xmpp.extension.ExtensionDecodeException;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.stanza.StanzaErrorException;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlName;
import reactor.core.publisher.Mono;

/** The owner (muc#owner) and admin (muc#admin) requests of one room. */
final class RoomAdmin {

    private static final String OWNER = MucStanzas.OWNER;
    private static final String ADMIN = MucStanzas.ADMIN;

    private final XmppSession session;
    private final BareJid room;

    RoomAdmin(XmppSession session, BareJid room) {
        this.session = session;
        this.room = room;
    }

    /** Sends a request to the room; a stanza error becomes a {@link MucException} naming what was attempted. */
    Mono<Iq> request(Iq iq, String what) {
        return session.request(iq).onErrorMap(StanzaErrorException.class, e -> MucException.of(room, e.error(), what));
    }

    Mono<Void> acceptDefaultConfiguration() {
        return submit(DataForm.builder(DataForm.Type.SUBMIT).build(), "accepting the default configuration");
    }

    Mono<RoomConfiguration> configuration() {
        return request(Iq.get(room, XmlElement.empty(OWNER, "query")), "fetching the configuration").map(result -> {
            XmlElement form = result.payload().map(q -> q.element(DataForm.CODEC.name())).orElse(null);
            if (form == null) {
                throw new MucException(MucException.Reason.OTHER, room, null, "the room sent no configuration form", null);
            }
            try {
                return new RoomConfiguration(room, ExtensionCodec.decode(DataForm.CODEC, form));
            } catch (ExtensionDecodeException e) {
                throw new MucException(MucException.Reason.OTHER, room, null, "the room sent an invalid configuration form", e);
            }
        });
    }

    Mono<Void> configure(RoomConfiguration configuration) {
        return Mono.fromCallable(() -> configuration.form().submit())
            .flatMap(form -> submit(form, "configuring"));
    }

    Mono<Void> configure(UnaryOperator<RoomConfiguration> change) {
        return configuration().map(change).flatMap(this::configure);
    }

    private Mono<Void> submit(DataForm form, String what) {
        return request(Iq.set(room, XmlElement.builder(OWNER, "query").child(DataForm.CODEC.encode(form)).build()), what)
            .then();
    }

    Mono<Void> destroy(@Nullable String reason, @Nullable BareJid alternate) {
        XmlElement destroy = XmlElement.builder(OWNER, "destroy").attribute("jid", alternate)
            .textChild(OWNER, "reason", reason).build();
        return request(Iq.set(room, XmlElement.builder(OWNER, "query").child(destroy).build()), "destroying").then();
    }

    Mono<Void> role(String nick, Role role, @Nullable String reason) {
        return request(Iq.set(room, MucStanzas.adminItem(nick, null, role.value(), null, reason)),
            "changing the role of " + nick + " to " + role.value()).then();
    }

    Mono<Void> affiliation(BareJid user, Affiliation affiliation, @Nullable String reason) {
        return request(Iq.set(room, MucStanzas.adminItem(null, user, null, affiliation.value(), reason)),
            "changing the affiliation of " + user + " to " + affiliation.value()).then();
    }

    Mono<List<MucUser.Item>> list(@Nullable Role role, @Nullable Affiliation affiliation) {
        XmlElement query = MucStanzas.adminItem(null, null, role == null ? null : role.value(),
            affiliation == null ? null : affiliation.value(), null);
        return request(Iq.get(room, query), "listing " + (role != null ? role.value() : affiliation.value()) + "s")
            .map(result -> {
                List<MucUser.Item> items = new ArrayList<>();
                result.payload().ifPresent(q -> q.elements(XmlName.of(ADMIN, "item")).forEach(i ->
                    items.add(new MucUser.Item(Affiliation.of(i.attribute("affiliation")), Role.of(i.attribute("role")),
                        Jid.tryParse(i.attribute("jid")).orElse(null), i.attribute("nick"),
                        i.childText(XmlName.of(ADMIN, "reason")), null))));
                return List.copyOf(items);
            });
    }
}
