package org.reactorxmpp.im.roster;

import org.reactorxmpp.im.roster.internal.InMemoryRosterStore;
import org.reactorxmpp.xmpp.jid.BareJid;
import reactor.core.publisher.Mono;

/**
 * Keeps the last known roster of an account with its version, so that a restarted or reconnected
 * client asks the server only for what changed (RFC 6121 section 2.6). Implementations must be
 * thread-safe and must not block (wrap blocking storage with {@code subscribeOn}).
 *
 * <pre>{@code
 * RosterStore store = RosterStore.inMemory();   // shared by the sessions of a bot across reconnects
 * Roster roster = Roster.of(session, RosterOptions.builder().store(store).versioning(true).build());
 * }</pre>
 */
public interface RosterStore {

    /**
     * @param account the account
     * @return the stored roster, or empty when none is stored
     */
    Mono<RosterSnapshot> load(BareJid account);

    /**
     * @param account the account
     * @param roster the roster to keep (replaces what was stored)
     * @return completion once stored
     */
    Mono<Void> save(BareJid account, RosterSnapshot roster);

    /** @return a new store keeping rosters in this JVM's memory */
    static RosterStore inMemory() {
        return new InMemoryRosterStore();
    }
}
