package org.reactorxmpp.im.geoloc;

import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.jid.BareJid;

/**
 * A contact's location as published to their PEP node.
 *
 * @param contact the publishing account
 * @param geoloc the location; {@link Geoloc#isEmpty() empty} when the contact stopped publishing
 * @param delayedAt when the server stored it, for a delayed notification (for example the last item)
 */
public record ContactLocation(BareJid contact, Geoloc geoloc, @Nullable Instant delayedAt) {

    /** @return whether the contact stopped publishing */
    public boolean stopped() {
        return geoloc.isEmpty();
    }

    /** @return the delayed-delivery timestamp */
    public Optional<Instant> delay() {
        return Optional.ofNullable(delayedAt);
    }
}
