package org.reactorxmpp.im.blocking;

import java.util.Objects;
import java.util.Set;

import org.reactorxmpp.xmpp.jid.Jid;

/**
 * A change of the block list, by this client or pushed by the server (another resource changed it).
 *
 * @param blocked whether the JIDs were blocked (else unblocked)
 * @param jids the JIDs; empty with {@code blocked == false} means everything was unblocked
 * @param list the whole list after the change
 */
public record BlockingChange(boolean blocked, Set<Jid> jids, Set<Jid> list) {

    /** Copies the sets. */
    public BlockingChange {
        jids = Set.copyOf(Objects.requireNonNull(jids, "jids"));
        list = Set.copyOf(Objects.requireNonNull(list, "list"));
    }
}
