package org.reactorxmpp.xmpp.session;

import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.jid.Jid;

/**
 * One item of a service discovery items answer (XEP-0030 section 4): a JID, an optional node and
 * an optional name. Immutable.
 */
public final class DiscoItem {

    private final Jid jid;
    private final @Nullable String node;
    private final @Nullable String name;

    /**
     * @param jid the item's JID
     * @param node the item's node, or {@code null}
     * @param name a human-readable name, or {@code null}
     */
    public DiscoItem(Jid jid, @Nullable String node, @Nullable String name) {
        this.jid = Objects.requireNonNull(jid, "jid");
        this.node = node;
        this.name = name;
    }

    /** @return the JID */
    public Jid jid() {
        return jid;
    }

    /** @return the node, if any */
    public Optional<String> node() {
        return Optional.ofNullable(node);
    }

    /** @return the name, if any */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof DiscoItem)) {
            return false;
        }
        DiscoItem other = (DiscoItem) o;
        return jid.equals(other.jid) && Objects.equals(node, other.node) && Objects.equals(name, other.name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(jid, node, name);
    }

    @Override
    public String toString() {
        return "DiscoItem{" + jid + (node == null ? "" : ", node=" + node) + (name == null ? "" : ", name=" + name) + "}";
    }
}
