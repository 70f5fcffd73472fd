package org.reactorxmpp.im.receipts;

import java.util.Objects;

import org.reactorxmpp.xmpp.jid.Jid;

/**
 * A delivery receipt (XEP-0184 {@code <received/>}).
 *
 * @param from who received the message
 * @param id the id of the message that was received
 */
public record Receipt(Jid from, String id) {

    /** Checks for nulls. */
    public Receipt {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(id, "id");
    }
}
