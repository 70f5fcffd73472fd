package org.reactorxmpp.xmpp.jid;

import java.util.Optional;

/**
 * An XMPP address (RFC 7622): {@code [localpart@]domainpart[/resourcepart]}.
 * API skeleton; the RFC 7622 implementation lands with the JID work.
 */
public sealed interface Jid permits BareJid, FullJid {

    /**
     * Parses and normalizes a JID.
     *
     * @param text the address
     * @return a {@link BareJid} or a {@link FullJid}
     * @throws JidFormatException when it is not a valid JID
     */
    static Jid parse(String text) {
        throw new UnsupportedOperationException("not yet");
    }

    /** @return the localpart, if any */
    Optional<String> localpart();

    /** @return the domainpart */
    String domainpart();

    /** @return the resourcepart, if any */
    Optional<String> resourcepart();

    /** @return this JID without resource */
    BareJid asBare();

    /** @return whether there is no resourcepart */
    default boolean isBare() {
        return this instanceof BareJid;
    }
}
