package org.reactorxmpp.im.presence;

import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.stanza.Presence;

/** A contact's presence changed: the stanza that changed it and the contact's presence after it. */
public final class PresenceChange {

    private final Jid from;
    private final Presence presence;
    private final ContactPresence contact;

    /**
     * @param from the sender (a full JID, or bare for presence without resource)
     * @param presence the available or unavailable presence received
     * @param contact the contact's presence after the change
     */
    public PresenceChange(Jid from, Presence presence, ContactPresence contact) {
        this.from = Objects.requireNonNull(from, "from");
        this.presence = Objects.requireNonNull(presence, "presence");
        this.contact = Objects.requireNonNull(contact, "contact");
    }

    /** @return the sender */
    public Jid from() {
        return from;
    }

    /** @return the presence received */
    public Presence presence() {
        return presence;
    }

    /** @return whether the sender became unavailable */
    public boolean isUnavailable() {
        return presence.type() != Presence.Type.AVAILABLE;
    }

    /** @return the contact after the change */
    public ContactPresence contact() {
        return contact;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof PresenceChange && from.equals(((PresenceChange) o).from)
            && presence.equals(((PresenceChange) o).presence) && contact.equals(((PresenceChange) o).contact);
    }

    @Override
    public int hashCode() {
        return Objects.hash(from, presence, contact);
    }

    @Override
    public String toString() {
        return "PresenceChange{" + from + " " + (isUnavailable() ? "unavailable" : "available") + " -> " + contact + "}";
    }
}
