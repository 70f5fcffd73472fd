package org.reactorxmpp.im.presence.internal;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.reactorxmpp.im.presence.ContactPresence;
import org.reactorxmpp.im.presence.PresenceChange;
import org.reactorxmpp.im.presence.ResourcePresence;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.stanza.Presence;

/** The per-resource presence table: pure state, not thread-safe (the service serializes calls). */
final class PresenceTracker {

    private final Map<BareJid, Map<Jid, ResourcePresence>> contacts = new HashMap<>();
    private long sequence;

    /**
     * Applies an available, unavailable or error presence; other types are ignored.
     *
     * @param presence the presence, with a {@code from}
     * @return the change, empty when the presence does not change availability data
     */
    Optional<PresenceChange> apply(Presence presence) {
        Jid from = presence.from();
        if (from == null) {
            return Optional.empty();
        }
        BareJid bare = from.asBare();
        switch (presence.type()) {
            case AVAILABLE:
                contacts.computeIfAbsent(bare, k -> new LinkedHashMap<>())
                    .put(from, new ResourcePresence(from, presence, ++sequence));
                break;
            case UNAVAILABLE:
            case ERROR:
                Map<Jid, ResourcePresence> resources = contacts.get(bare);
                if (resources != null) {
                    if (from.resourcepart().isEmpty()) {
                        resources.clear(); // unavailable from the bare JID: every resource is gone
                    } else {
                        resources.remove(from);
                    }
                    if (resources.isEmpty()) {
                        contacts.remove(bare);
                    }
                }
                break;
            default:
                return Optional.empty();
        }
        return Optional.of(new PresenceChange(from, presence, contact(bare)));
    }

    /** @param jid a contact @return its presence */
    ContactPresence contact(BareJid jid) {
        Map<Jid, ResourcePresence> resources = contacts.get(jid);
        return resources == null ? ContactPresence.offline(jid) : new ContactPresence(jid, resources.values());
    }

    /** @return the available contacts */
    Map<BareJid, ContactPresence> available() {
        Map<BareJid, ContactPresence> map = new LinkedHashMap<>();
        contacts.keySet().forEach(j -> map.put(j, contact(j)));
        return map;
    }

    /** @return the contacts that were available, now all marked offline (for a lost connection) */
    List<BareJid> clear() {
        List<BareJid> gone = List.copyOf(contacts.keySet());
        contacts.clear();
        return gone;
    }
}
