package org.reactorxmpp.xmpp.jid;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A JID with a resourcepart: {@code [localpart@]domainpart/resourcepart}, such as a connected client.
 *
 * <pre>{@code
 * FullJid from = FullJid.parse("juliet@example.com/balcony");
 * String resource = from.resource();   // "balcony"
 * }</pre>
 *
 * @see Jid for the normalization rules
 */
public final class FullJid implements Jid {

    private final BareJid bare;
    private final String resource;
    private final String string;

    private FullJid(BareJid bare, String resource) {
        this.bare = bare;
        this.resource = resource;
        this.string = bare + "/" + resource;
    }

    static FullJid create(BareJid bare, String resource, String subject) {
        return new FullJid(bare, JidParts.resourcepart(resource, subject));
    }

    /**
     * Builds a full JID from its parts, normalizing each one.
     *
     * @param localpartOrNull the localpart, or null for none
     * @param domain the domainpart
     * @param resource the resourcepart
     * @return the full JID
     * @throws JidFormatException when a part is invalid
     */
    public static FullJid of(@Nullable String localpartOrNull, String domain, String resource) {
        return BareJid.of(localpartOrNull, domain).withResource(resource);
    }

    /**
     * Parses a full JID.
     *
     * @param text such as {@code juliet@example.com/balcony}
     * @return the full JID
     * @throws JidFormatException when it is not a valid JID or it has no resourcepart
     */
    public static FullJid parse(String text) {
        Jid jid = Jid.parse(text);
        if (jid instanceof FullJid full) {
            return full;
        }
        throw new JidFormatException("'" + text + "' has no resourcepart where a full JID is required");
    }

    /** @return the resourcepart */
    public String resource() {
        return resource;
    }

    @Override
    public Optional<String> localpart() {
        return bare.localpart();
    }

    @Override
    public String domainpart() {
        return bare.domainpart();
    }

    @Override
    public Optional<String> resourcepart() {
        return Optional.of(resource);
    }

    @Override
    public BareJid asBare() {
        return bare;
    }

    @Override
    public FullJid withResource(String newResource) {
        Objects.requireNonNull(newResource, "resource");
        return bare.withResource(newResource);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof FullJid other && string.equals(other.string);
    }

    @Override
    public int hashCode() {
        return string.hashCode();
    }

    /** @return {@code [localpart@]domainpart/resourcepart}, normalized */
    @Override
    public String toString() {
        return string;
    }
}
