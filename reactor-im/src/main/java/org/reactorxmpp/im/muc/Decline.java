package org.reactorxmpp.im.muc;

import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.jid.Jid;

/**
 * Someone declined our invitation to a room.
 *
 * @param room the room
 * @param from who declined, as the room says
 * @param reason their text, or {@code null}
 */
public record Decline(BareJid room, @Nullable Jid from, @Nullable String reason) {
    public Decline {
        Objects.requireNonNull(room, "room");
    }
}
