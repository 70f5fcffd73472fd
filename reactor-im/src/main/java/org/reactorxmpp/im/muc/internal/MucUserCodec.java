package org.reactorxmpp.im.muc.internal;

import java.util.LinkedHashSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.im.muc.Affiliation;
import org.reactorxmpp.im.muc.MucUser;
import org.reactorxmpp.im.muc.Role;
import org.reactorxmpp.xmpp.extension.ExtensionCodec;
import org.reactorxmpp.xmpp.extension.ExtensionDecodeException;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.jid.JidFormatException;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlName;

/** The codec of {@link MucUser}; use {@link MucUser#CODEC}. Not API. */
public final class MucUserCodec implements ExtensionCodec<MucUser> {

    private static final String NS = MucUser.NAMESPACE;
    private static final XmlName NAME = XmlName.of(NS, "x");

    @Override
    public XmlName name() {
        return NAME;
    }

    @Override
    public Class<MucUser> type() {
        return MucUser.class;
    }

    @Override
    public MucUser decode(XmlElement x) {
        Set<Integer> codes = new LinkedHashSet<>();
        x.elements(XmlName.of(NS, "status")).forEach(s -> {
            try {
                codes.add(Integer.parseInt(String.valueOf(s.attribute("code")).trim()));
            } catch (NumberFormatException e) {
                throw new ExtensionDecodeException(NAME, "a status code that is not a number: " + s.attribute("code"));
            }
        });
        MucUser.Item item = null;
        XmlElement i = x.element(NS, "item");
        if (i != null) {
            XmlElement actor = i.element(NS, "actor");
            item = new MucUser.Item(Affiliation.of(i.attribute("affiliation")), Role.of(i.attribute("role")),
                jid(i.attribute("jid")), i.attribute("nick"), i.childText(XmlName.of(NS, "reason")),
                actor == null ? null : actor.attribute("nick"));
        }
        XmlElement destroy = x.element(NS, "destroy");
        return new MucUser(codes, item, invite(x.element(NS, "invite")), invite(x.element(NS, "decline")),
            destroy == null ? null : new MucUser.Destroy(jid(destroy.attribute("jid")),
                destroy.childText(XmlName.of(NS, "reason"))),
            x.childText(XmlName.of(NS, "password")));
    }

    private static MucUser.@Nullable Invite invite(@Nullable XmlElement e) {
        return e == null ? null : new MucUser.Invite(jid(e.attribute("from")), jid(e.attribute("to")),
            e.childText(XmlName.of(NS, "reason")));
    }

    private static @Nullable Jid jid(@Nullable String text) {
        if (text == null) {
            return null;
        }
        try {
            return Jid.parse(text);
        } catch (JidFormatException e) {
            throw new ExtensionDecodeException(NAME, "an invalid JID '" + text + "': " + e.getMessage(), e);
        }
    }

    @Override
    public XmlElement encode(MucUser value) {
        XmlElement.Builder x = XmlElement.builder(NAME);
        MucUser.Item item = value.item();
        if (item != null) {
            XmlElement.Builder i = XmlElement.builder(NS, "item")
                .attribute("affiliation", item.affiliation() == Affiliation.UNKNOWN ? null : item.affiliation().value())
                .attribute("role", item.role() == Role.UNKNOWN ? null : item.role().value())
                .attribute("jid", item.jid()).attribute("nick", item.nick());
            if (item.actor() != null) {
                i.child(XmlElement.builder(NS, "actor").attribute("nick", item.actor()).build());
            }
            x.child(i.textChild(NS, "reason", item.reason()).build());
        }
        if (value.invite() != null) {
            x.child(invite("invite", value.invite()));
        }
        if (value.decline() != null) {
            x.child(invite("decline", value.decline()));
        }
        MucUser.Destroy d = value.destroy();
        if (d != null) {
            x.child(XmlElement.builder(NS, "destroy").attribute("jid", d.alternate()).textChild(NS, "reason", d.reason()).build());
        }
        x.textChild(NS, "password", value.password());
        value.statusCodes().stream().sorted()
            .forEach(c -> x.child(XmlElement.builder(NS, "status").attribute("code", c).build()));
        return x.build();
    }

    private static XmlElement invite(String name, MucUser.Invite i) {
        return XmlElement.builder(NS, name).attribute("from", i.from()).attribute("to", i.to())
            .textChild(NS, "reason", i.reason()).build();
    }
}
