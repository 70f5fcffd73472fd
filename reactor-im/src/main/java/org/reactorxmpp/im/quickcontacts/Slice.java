package org.reactorxmpp.im.quickcontacts;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.reactorxmpp.xmpp.jid.BareJid;

/**
 * One slice of a bulk quick-contact operation, as sent.
 *
 * @param index the slice number, from 0
 * @param subscribe whether the slice subscribes ({@code false}: unsubscribes)
 * @param jids the contacts, in order
 * @param sentAt when the slice was sent, by the options' scheduler clock
 */
public record Slice(int index, boolean subscribe, List<BareJid> jids, Instant sentAt) {

    /** Validates and copies. */
    public Slice {
        jids = List.copyOf(jids);
        Objects.requireNonNull(sentAt, "sentAt");
    }
}
