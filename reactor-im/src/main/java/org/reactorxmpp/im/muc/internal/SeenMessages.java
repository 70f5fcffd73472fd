package org.reactorxmpp.im.muc.internal;

import java.util.LinkedHashSet;
import java.util.Iterator;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlName;

/**
 * The identities of the last messages of a room, so that history sent again by a rejoin is not delivered
 * twice: the room's XEP-0359 stanza-id when present, else sender nick, message id and body.
 * Messages without any id are always new. Not thread-safe (used under the room's lock).
 */
final class SeenMessages {

    private static final XmlName STANZA_ID = XmlName.of("urn:xmpp:sid:0", "stanza-id");

    private final int capacity;
    private final LinkedHashSet<String> keys = new LinkedHashSet<>();

    SeenMessages(int capacity) {
        this.capacity = capacity;
    }

    /** @return whether the message is new (and now remembered) */
    boolean add(Message m, @Nullable String nick) {
        String key = key(m, nick);
        if (key == null) {
            return true;
        }
        if (!keys.add(key)) {
            return false;
        }
        if (keys.size() > capacity) {
            Iterator<String> oldest = keys.iterator();
            oldest.next();
            oldest.remove();
        }
        return true;
    }

    private static @Nullable String key(Message m, @Nullable String nick) {
        String room = m.from() == null ? "" : m.from().asBare().toString();
        XmlElement sid = m.element().elements(STANZA_ID)
            .filter(e -> room.equals(e.attribute("by"))).findFirst().orElse(null);
        if (sid != null && sid.attribute("id") != null) {
            return "sid\u0000" + sid.attribute("id");
        }
        if (m.id() == null) {
            return null;
        }
        return "id\u0000" + nick + "\u0000" + m.id() + "\u0000" + m.body();
    }
}
