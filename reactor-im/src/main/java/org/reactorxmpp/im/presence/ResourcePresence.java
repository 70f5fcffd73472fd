package org.reactorxmpp.im.presence;

import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.stanza.Presence;

/**
 * The available presence of one resource of a contact, with the order in which it was received.
 */
public final class ResourcePresence {

    /**
     * The primary-presence order, best first: higher priority, then show rank
     * (chat &gt; available &gt; away &gt; xa &gt; dnd), then the most recent.
     */
    public static final Comparator<ResourcePresence> PRIMARY_ORDER = Comparator
        .comparingInt((ResourcePresence r) -> r.presence.priority()).reversed()
        .thenComparingInt(r -> showRank(r.presence))
        .thenComparing(Comparator.comparingLong((ResourcePresence r) -> r.sequence).reversed());

    private final Jid jid;
    private final Presence presence;
    private final long sequence;

    /**
     * @param jid the resource's JID (bare when the contact sent presence without resource)
     * @param presence its last available presence
     * @param sequence when it was received, increasing
     */
    public ResourcePresence(Jid jid, Presence presence, long sequence) {
        this.jid = Objects.requireNonNull(jid, "jid");
        this.presence = Objects.requireNonNull(presence, "presence");
        this.sequence = sequence;
    }

    /**
     * @param presence a presence
     * @return its show rank, 0 is best: chat 0, available (no show) 1, away 2, xa 3, dnd 4, unknown 5
     */
    public static int showRank(Presence presence) {
        Optional<Presence.Show> show = presence.show();
        if (show.isEmpty()) {
            return 1;
        }
        switch (show.get()) {
            case CHAT:
                return 0;
            case AWAY:
                return 2;
            case XA:
                return 3;
            case DND:
                return 4;
            default:
                return 5;
        }
    }

    /** @return the resource's JID */
    public Jid jid() {
        return jid;
    }

    /** @return the last available presence of the resource */
    public Presence presence() {
        return presence;
    }

    /** @return the show value, empty for plain available */
    public Optional<Presence.Show> show() {
        return presence.show();
    }

    /** @return the status text */
    public Optional<String> status() {
        return Optional.ofNullable(presence.status());
    }

    /** @return the priority */
    public int priority() {
        return presence.priority();
    }

    /** @return the receive order (greater is more recent) */
    public long sequence() {
        return sequence;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof ResourcePresence && jid.equals(((ResourcePresence) o).jid)
            && presence.equals(((ResourcePresence) o).presence) && sequence == ((ResourcePresence) o).sequence;
    }

    @Override
    public int hashCode() {
        return Objects.hash(jid, presence, sequence);
    }

    @Override
    public String toString() {
        return jid + " " + presence.show().map(Presence.Show::value).orElse("available") + " prio "
            + presence.priority() + " #" + sequence;
    }
}
