package org.reactorxmpp.im.roster;

import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/** One change of the roster, from a roster push or from a (re)load compared with what was known. */
public final class RosterChange {

    /** What happened to the item. */
    public enum Kind {
        ADDED, UPDATED, REMOVED
    }

    private final Kind kind;
    private final RosterItem item;
    private final @Nullable RosterItem previous;

    private RosterChange(Kind kind, RosterItem item, @Nullable RosterItem previous) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.item = Objects.requireNonNull(item, "item");
        this.previous = previous;
        if (kind != Kind.ADDED && previous == null) {
            throw new IllegalArgumentException(kind + " needs the previous item");
        }
    }

    /** @param item the new item @return an ADDED change */
    public static RosterChange added(RosterItem item) {
        return new RosterChange(Kind.ADDED, item, null);
    }

    /** @param previous the item before @param item the item after @return an UPDATED change */
    public static RosterChange updated(RosterItem previous, RosterItem item) {
        return new RosterChange(Kind.UPDATED, item, previous);
    }

    /** @param previous the removed item @return a REMOVED change (its item is the removed one) */
    public static RosterChange removed(RosterItem previous) {
        return new RosterChange(Kind.REMOVED, previous, previous);
    }

    /** @return the kind */
    public Kind kind() {
        return kind;
    }

    /** @return the item after the change (for REMOVED: the item that was removed) */
    public RosterItem item() {
        return item;
    }

    /** @return the item before the change (empty for ADDED) */
    public Optional<RosterItem> previous() {
        return Optional.ofNullable(previous);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof RosterChange && kind == ((RosterChange) o).kind && item.equals(((RosterChange) o).item)
            && Objects.equals(previous, ((RosterChange) o).previous);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, item, previous);
    }

    @Override
    public String toString() {
        return kind + " " + item;
    }
}
