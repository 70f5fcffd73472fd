package org.reactorxmpp.im.muc;

import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.jid.FullJid;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.stanza.Presence;

/**
 * An occupant of a room as its latest presence describes it.
 *
 * @param jid the occupant JID, {@code room@service/nick}
 * @param role the role
 * @param affiliation the affiliation
 * @param realJid the real JID, when the room shows it to us (non-anonymous room, or we moderate)
 * @param presence the occupant's latest presence
 */
public record Occupant(FullJid jid, Role role, Affiliation affiliation, @Nullable Jid realJid, Presence presence) {

    public Occupant {
        Objects.requireNonNull(jid, "jid");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(affiliation, "affiliation");
        Objects.requireNonNull(presence, "presence");
    }

    /** @return the nick, the resource of the occupant JID */
    public String nick() {
        return jid.resource();
    }

    /** @return the real JID, when visible to us */
    public Optional<Jid> real() {
        return Optional.ofNullable(realJid);
    }
}
