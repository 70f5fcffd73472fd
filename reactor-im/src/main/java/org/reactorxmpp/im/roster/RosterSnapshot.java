package org.reactorxmpp.im.roster;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.jid.BareJid;

/**
 * A consistent, immutable view of the roster at one point: its items and, when the server versions
 * the roster, the version ({@code ver}) they correspond to.
 */
public final class RosterSnapshot {

    private static final RosterSnapshot EMPTY = new RosterSnapshot(null, List.of());

    private final @Nullable String version;
    private final Map<BareJid, RosterItem> items;

    private RosterSnapshot(@Nullable String version, Collection<RosterItem> items) {
        this.version = version;
        Map<BareJid, RosterItem> map = new LinkedHashMap<>();
        for (RosterItem item : items) {
            map.put(item.jid(), Objects.requireNonNull(item, "item"));
        }
        this.items = Collections.unmodifiableMap(map);
    }

    /** @return the empty roster without version */
    public static RosterSnapshot empty() {
        return EMPTY;
    }

    /**
     * @param version the roster version, or {@code null}
     * @param items the items (a later item replaces an earlier one with the same JID)
     * @return the snapshot
     */
    public static RosterSnapshot of(@Nullable String version, Collection<RosterItem> items) {
        return new RosterSnapshot(version, items);
    }

    /** @return the roster version, if the server sent one */
    public Optional<String> version() {
        return Optional.ofNullable(version);
    }

    /** @return the items in the order received */
    public List<RosterItem> items() {
        return List.copyOf(items.values());
    }

    /** @return the items by contact */
    public Map<BareJid, RosterItem> asMap() {
        return items;
    }

    /**
     * @param jid a contact
     * @return its item, if in the roster
     */
    public Optional<RosterItem> item(BareJid jid) {
        return Optional.ofNullable(items.get(jid));
    }

    /** @return every group used by an item */
    public Set<String> groups() {
        Set<String> groups = new LinkedHashSet<>();
        items.values().forEach(i -> groups.addAll(i.groups()));
        return groups;
    }

    /**
     * @param group a group name
     * @return the items in that group
     */
    public List<RosterItem> inGroup(String group) {
        return items.values().stream().filter(i -> i.groups().contains(group)).toList();
    }

    /** @return the number of items */
    public int size() {
        return items.size();
    }

    /**
     * @param newVersion the version after the change, or {@code null} to keep the current one
     * @param item the added or updated item
     * @return a snapshot with that item
     */
    public RosterSnapshot with(@Nullable String newVersion, RosterItem item) {
        Map<BareJid, RosterItem> map = new LinkedHashMap<>(items);
        map.put(item.jid(), item);
        return new RosterSnapshot(newVersion == null ? version : newVersion, map.values());
    }

    /**
     * @param newVersion the version after the change, or {@code null} to keep the current one
     * @param jid the removed contact
     * @return a snapshot without that item
     */
    public RosterSnapshot without(@Nullable String newVersion, BareJid jid) {
        Map<BareJid, RosterItem> map = new LinkedHashMap<>(items);
        map.remove(jid);
        return new RosterSnapshot(newVersion == null ? version : newVersion, map.values());
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof RosterSnapshot && Objects.equals(version, ((RosterSnapshot) o).version)
            && items.equals(((RosterSnapshot) o).items);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, items);
    }

    @Override
    public String toString() {
        return "RosterSnapshot{ver=" + version + ", " + items.values() + "}";
    }
}
