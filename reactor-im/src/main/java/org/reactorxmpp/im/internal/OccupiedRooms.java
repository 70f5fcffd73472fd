package org.reactorxmpp.im.internal;

import java.util.Objects;
import java.util.function.Predicate;

import org.reactorxmpp.xmpp.feature.FeatureKey;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.jid.FullJid;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.xml.XmlName;

/**
 * The rooms this session is in (or entering), as the MUC feature knows them, for the features that must tell
 * a room occupant from a contact: chats key a private message from {@code room@service/nick} (XEP-0045 section
 * 7.5) by that full JID, not by the room. A feature of its own, with no capability, route or handler, so
 * obtaining it changes nothing on the wire and does not install MUC. Not API.
 *
 * <pre>{@code
 * OccupiedRooms rooms = ctx.feature(OccupiedRooms.KEY);
 * rooms.track(joined::containsKey);                       // the MUC feature: its live map of rooms
 * boolean pm = rooms.isPrivateMessage(from, message);     // the chats: an occupant's private message?
 * }</pre>
 */
public final class OccupiedRooms {

    /** The feature. */
    public static final FeatureKey<OccupiedRooms> KEY = FeatureKey.of("occupied rooms", ctx -> new OccupiedRooms());

    /** {@code <x xmlns='http://jabber.org/protocol/muc#user'/>}: what a MUC service adds to private messages. */
    public static final XmlName MUC_USER = XmlName.of("http://jabber.org/protocol/muc#user", "x");

    private volatile Predicate<BareJid> occupied = jid -> false;

    private OccupiedRooms() {
    }

    /** @param rooms which JIDs are rooms the session is in; read live, at each question */
    public void track(Predicate<BareJid> rooms) {
        this.occupied = Objects.requireNonNull(rooms, "rooms");
    }

    /** @param jid a bare JID @return whether it is a room the session is in (or entering) */
    public boolean isRoom(BareJid jid) {
        return occupied.test(jid);
    }

    /**
     * @param peer who the message is from (or, for a sent one, to)
     * @param message the message
     * @return whether it is a private message with a room occupant: a full JID whose bare JID is a room we are
     *     in, or a message carrying the muc#user {@code <x/>} the room adds
     */
    public boolean isPrivateMessage(Jid peer, Message message) {
        return peer instanceof FullJid full && (message.has(MUC_USER) || isRoom(full.asBare()));
    }
}
