package org.reactorxmpp.im.roster;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.extension.ExtensionCodec;
import org.reactorxmpp.xmpp.extension.ExtensionDecodeException;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.jid.JidFormatException;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlName;

/**
 * One roster item (RFC 6121 section 2.1.2): immutable.
 *
 * <pre>{@code
 * RosterItem bob = RosterItem.of(BareJid.parse("bob@example.com"), "Bob", Set.of("Friends"));
 * RosterItem moved = bob.withGroups(Set.of("Work"));
 * }</pre>
 */
public final class RosterItem {

    /** The roster namespace. */
    public static final String NAMESPACE = "jabber:iq:roster";

    private static final XmlName GROUP = XmlName.of(NAMESPACE, "group");

    /**
     * The codec of {@code <item xmlns='jabber:iq:roster'/>}. Decoding reads jid (required, made
     * bare), name, subscription, ask, approved and the non-empty groups; an invalid element is an
     * {@link org.reactorxmpp.xmpp.extension.ExtensionDecodeException}. Encoding writes what a roster
     * set carries (RFC 6121 2.1.2: the server ignores subscription and ask): jid, name, groups, and
     * {@code subscription='remove'} for {@link #asRemoval()}.
     *
     * <pre>{@code
     * RosterItem item = ExtensionCodec.decode(RosterItem.CODEC, element);
     * XmlElement set = RosterItem.CODEC.encode(item.withGroups(List.of("Work")));
     * }</pre>
     */
    public static final ExtensionCodec<RosterItem> CODEC = new Codec();

    private final BareJid jid;
    private final @Nullable String name;
    private final Subscription subscription;
    private final boolean pendingOut;
    private final boolean approved;
    private final Set<String> groups;

    private RosterItem(BareJid jid, @Nullable String name, Subscription subscription, boolean pendingOut,
                       boolean approved, Collection<String> groups) {
        this.jid = Objects.requireNonNull(jid, "jid");
        this.name = name == null || name.isEmpty() ? null : name;
        this.subscription = Objects.requireNonNull(subscription, "subscription");
        this.pendingOut = pendingOut;
        this.approved = approved;
        Set<String> g = new LinkedHashSet<>();
        for (String group : groups) {
            Objects.requireNonNull(group, "group");
            if (group.isEmpty()) {
                throw new IllegalArgumentException("a roster group name must not be empty (RFC 6121 2.1.2.2)");
            }
            g.add(group);
        }
        this.groups = Collections.unmodifiableSet(g);
    }

    /**
     * @param jid the contact
     * @param name the handle, or {@code null}
     * @param groups the groups (none: no group)
     * @return an item with subscription {@code none}
     */
    public static RosterItem of(BareJid jid, @Nullable String name, Collection<String> groups) {
        return new RosterItem(jid, name, Subscription.NONE, false, false, groups);
    }

    /** @return the contact's bare JID */
    public BareJid jid() {
        return jid;
    }

    /** @return the handle given by the user */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /** @return the subscription state */
    public Subscription subscription() {
        return subscription;
    }

    /** @return whether our subscription request is pending ({@code ask='subscribe'}) */
    public boolean isPendingOut() {
        return pendingOut;
    }

    /** @return whether the contact's subscription is pre-approved ({@code approved='true'}) */
    public boolean isApproved() {
        return approved;
    }

    /** @return the groups, in document order; empty when the item has none */
    public Set<String> groups() {
        return groups;
    }

    /**
     * @param newName the new handle, or {@code null} to remove it
     * @return a copy with that name
     */
    public RosterItem withName(@Nullable String newName) {
        return new RosterItem(jid, newName, subscription, pendingOut, approved, groups);
    }

    /**
     * @param newGroups the full set of groups that replaces the current one
     * @return a copy with those groups
     */
    public RosterItem withGroups(Collection<String> newGroups) {
        return new RosterItem(jid, name, subscription, pendingOut, approved, newGroups);
    }

    /** @return a copy marked {@code subscription='remove'}, for a roster set that removes the item */
    public RosterItem asRemoval() {
        return new RosterItem(jid, null, Subscription.REMOVE, false, false, Set.of());
    }

    @Override
    public boolean equals(@Nullable Object o) {
        if (!(o instanceof RosterItem)) {
            return false;
        }
        RosterItem other = (RosterItem) o;
        return jid.equals(other.jid) && Objects.equals(name, other.name) && subscription == other.subscription
            && pendingOut == other.pendingOut && approved == other.approved && groups.equals(other.groups);
    }

    @Override
    public int hashCode() {
        return Objects.hash(jid, name, subscription, pendingOut, approved, groups);
    }

    @Override
    public String toString() {
        return "RosterItem{" + jid + (name == null ? "" : " '" + name + "'") + " " + subscription.value()
            + (pendingOut ? " ask" : "") + (approved ? " approved" : "") + " " + groups + "}";
    }

    /** {@link #CODEC}: stateless. */
    private static final class Codec implements ExtensionCodec<RosterItem> {
        private static final XmlName ITEM = XmlName.of(NAMESPACE, "item");

        @Override
        public XmlName name() {
            return ITEM;
        }

        @Override
        public Class<RosterItem> type() {
            return RosterItem.class;
        }

        @Override
        public RosterItem decode(XmlElement item) {
            String jidText = item.attribute("jid");
            if (jidText == null) {
                throw new ExtensionDecodeException(ITEM, "roster item without jid");
            }
            Jid jid;
            try {
                jid = Jid.parse(jidText);
            } catch (JidFormatException e) {
                throw new ExtensionDecodeException(ITEM, "roster item with an invalid jid: " + e.getMessage(), e);
            }
            Set<String> groups = new LinkedHashSet<>();
            item.elements(GROUP).map(XmlElement::text).filter(g -> !g.isEmpty()).forEach(groups::add);
            return new RosterItem(jid.asBare(), item.attribute("name"), Subscription.of(item.attribute("subscription")),
                "subscribe".equals(item.attribute("ask")), "true".equals(item.attribute("approved")), groups);
        }

        @Override
        public XmlElement encode(RosterItem value) {
            XmlElement.Builder b = XmlElement.builder(ITEM).attribute("jid", value.jid.toString())
                .attribute("name", value.name);
            if (value.subscription == Subscription.REMOVE) {
                b.attribute("subscription", "remove");
            }
            for (String g : value.groups) {
                b.textChild(NAMESPACE, "group", g);
            }
            return b.build();
        }
    }
}
