package org.reactorxmpp.im.muc.internal;

import java.time.format.DateTimeFormatter;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.im.muc.History;
import org.reactorxmpp.im.muc.Muc;
import org.reactorxmpp.im.muc.MucUser;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.stanza.Presence;
import org.reactorxmpp.xmpp.xml.XmlElement;

/** The stanzas of XEP-0045 and XEP-0249 a client sends. */
final class MucStanzas {

    static final String OWNER = Muc.NAMESPACE + "#owner";
    static final String ADMIN = Muc.NAMESPACE + "#admin";
    static final String CONFERENCE = "jabber:x:conference";

    private MucStanzas() {
    }

    /** @return a fresh stanza id (not guessable across sessions, no blocking entropy source) */
    static String id() {
        return "muc-" + Long.toString(java.util.concurrent.ThreadLocalRandom.current().nextLong() >>> 1, 36);
    }

    /** The join presence: {@code <x xmlns='http://jabber.org/protocol/muc'>} with password and history. */
    static Presence join(BareJid room, String nick, @Nullable String password, History history) {
        XmlElement.Builder x = XmlElement.builder(Muc.NAMESPACE, "x").textChild(Muc.NAMESPACE, "password", password);
        if (!history.isServerDefault()) {
            x.child(XmlElement.builder(Muc.NAMESPACE, "history")
                .attribute("maxstanzas", history.maxStanzas())
                .attribute("maxchars", history.maxChars())
                .attribute("seconds", history.seconds())
                .attribute("since", history.since() == null ? null : DateTimeFormatter.ISO_INSTANT.format(history.since()))
                .build());
        }
        return Presence.builder().to(room.withResource(nick)).child(x.build()).build();
    }

    static Message invite(BareJid room, BareJid user, @Nullable String reason) {
        return Message.builder().to(room).child(XmlElement.builder(MucUser.NAMESPACE, "x")
            .child(XmlElement.builder(MucUser.NAMESPACE, "invite").attribute("to", user)
                .textChild(MucUser.NAMESPACE, "reason", reason).build()).build()).build();
    }

    static Message decline(BareJid room, Jid inviter, @Nullable String reason) {
        return Message.builder().to(room).child(XmlElement.builder(MucUser.NAMESPACE, "x")
            .child(XmlElement.builder(MucUser.NAMESPACE, "decline").attribute("to", inviter)
                .textChild(MucUser.NAMESPACE, "reason", reason).build()).build()).build();
    }

    static Message inviteDirect(BareJid user, BareJid room, @Nullable String reason, @Nullable String password) {
        return Message.builder().to(user).child(XmlElement.builder(CONFERENCE, "x").attribute("jid", room)
            .attribute("reason", reason).attribute("password", password).build()).build();
    }

    /** A muc#admin item query: {@code <item nick|jid role|affiliation><reason/></item>}. */
    static XmlElement adminItem(@Nullable String nick, @Nullable Jid jid, @Nullable String role,
                                @Nullable String affiliation, @Nullable String reason) {
        return XmlElement.builder(ADMIN, "query").child(XmlElement.builder(ADMIN, "item")
            .attribute("nick", nick).attribute("jid", jid).attribute("role", role).attribute("affiliation", affiliation)
            .textChild(ADMIN, "reason", reason).build()).build();
    }
}
