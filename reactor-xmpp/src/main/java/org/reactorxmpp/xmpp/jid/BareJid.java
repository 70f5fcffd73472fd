package org.reactorxmpp.xmpp.jid;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A JID without resourcepart: {@code [localpart@]domainpart}, such as an account or a server.
 *
 * <pre>{@code
 * BareJid juliet = BareJid.of("Juliet", "example.com");  // juliet@example.com
 * FullJid balcony = juliet.withResource("balcony");
 * }</pre>
 *
 * @see Jid for the normalization rules
 */
public final class BareJid implements Jid {

    private final @Nullable String localpart;
    private final String domainpart;
    private final String string;

    private BareJid(@Nullable String localpart, String domainpart) {
        this.localpart = localpart;
        this.domainpart = domainpart;
        this.string = localpart == null ? domainpart : localpart + '@' + domainpart;
    }

    static BareJid create(@Nullable String local, String domain, String localSubject, String domainSubject) {
        String l = local == null ? null : JidParts.localpart(local, localSubject);
        String d = JidParts.domainpart(domain, domainSubject);
        return new BareJid(l, d);
    }

    /**
     * Builds a bare JID from its parts, normalizing each one.
     *
     * @param localpartOrNull the localpart (already escaped, see {@link #escaped}), or null for none
     * @param domain the domainpart
     * @return the bare JID
     * @throws JidFormatException when a part is invalid
     */
    public static BareJid of(@Nullable String localpartOrNull, String domain) {
        Objects.requireNonNull(domain, "domain");
        return create(localpartOrNull, domain, "localpart '" + localpartOrNull + "'", "domainpart '" + domain + "'");
    }

    /**
     * Builds a bare JID whose localpart is {@code rawLocal} escaped per XEP-0106, for example a user
     * name with spaces or apostrophes, or an email address on a gateway.
     *
     * @param rawLocal the unescaped local name, such as {@code d'artagnan}
     * @param domain the domainpart
     * @return the bare JID, such as {@code d\27artagnan@example.com}
     * @throws JidFormatException when the escaped localpart or the domain is invalid
     */
    public static BareJid escaped(String rawLocal, String domain) {
        return of(JidEscaping.escape(rawLocal), domain);
    }

    /**
     * Parses a bare JID.
     *
     * @param text such as {@code juliet@example.com}
     * @return the bare JID
     * @throws JidFormatException when it is not a valid JID or it has a resourcepart
     */
    public static BareJid parse(String text) {
        Jid jid = Jid.parse(text);
        if (jid instanceof BareJid bare) {
            return bare;
        }
        throw new JidFormatException("'" + text + "' has a resourcepart where a bare JID is required");
    }

    @Override
    public Optional<String> localpart() {
        return Optional.ofNullable(localpart);
    }

    @Override
    public String domainpart() {
        return domainpart;
    }

    @Override
    public Optional<String> resourcepart() {
        return Optional.empty();
    }

    @Override
    public BareJid asBare() {
        return this;
    }

    /**
     * A full JID with this localpart and domainpart.
     *
     * @param resource the resourcepart, raw
     * @return the full JID
     * @throws JidFormatException when {@code resource} is not a valid resourcepart
     */
    @Override
    public FullJid withResource(String resource) {
        Objects.requireNonNull(resource, "resource");
        return FullJid.create(this, resource, "resourcepart '" + resource + "'");
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof BareJid other && string.equals(other.string);
    }

    @Override
    public int hashCode() {
        return string.hashCode();
    }

    /** @return {@code localpart@domainpart} or {@code domainpart}, normalized */
    @Override
    public String toString() {
        return string;
    }
}
