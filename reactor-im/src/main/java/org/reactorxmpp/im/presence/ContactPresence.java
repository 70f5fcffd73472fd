package org.reactorxmpp.im.presence;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.jid.BareJid;

/** The presence of one contact: its available resources and the primary one. Immutable. */
public final class ContactPresence {

    private final BareJid jid;
    private final List<ResourcePresence> resources;

    /**
     * @param jid the contact
     * @param resources its available resources
     */
    public ContactPresence(BareJid jid, Collection<ResourcePresence> resources) {
        this.jid = Objects.requireNonNull(jid, "jid");
        List<ResourcePresence> sorted = new ArrayList<>(resources);
        sorted.sort(ResourcePresence.PRIMARY_ORDER);
        this.resources = List.copyOf(sorted);
    }

    /** @param jid the contact @return an offline contact */
    public static ContactPresence offline(BareJid jid) {
        return new ContactPresence(jid, List.of());
    }

    /** @return the contact */
    public BareJid jid() {
        return jid;
    }

    /** @return the available resources, primary first */
    public List<ResourcePresence> resources() {
        return resources;
    }

    /** @return the primary presence: see {@link ResourcePresence#PRIMARY_ORDER}; empty when offline */
    public Optional<ResourcePresence> primary() {
        return resources.isEmpty() ? Optional.empty() : Optional.of(resources.get(0));
    }

    /** @return whether at least one resource is available */
    public boolean isAvailable() {
        return !resources.isEmpty();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof ContactPresence && jid.equals(((ContactPresence) o).jid)
            && resources.equals(((ContactPresence) o).resources);
    }

    @Override
    public int hashCode() {
        return Objects.hash(jid, resources);
    }

    @Override
    public String toString() {
        return "ContactPresence{" + jid + " " + resources + "}";
    }
}
