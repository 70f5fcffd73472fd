package org.reactorxmpp.im.roster;

import java.nio.file.Path;

import org.reactorxmpp.im.roster.internal.InMemoryRosterStore;
import org.reactorxmpp.im.roster.internal.JsonFileRosterStore;
import org.reactorxmpp.xmpp.jid.BareJid;
import reactor.core.publisher.Mono;

/**
 * Keeps the last known roster of an account with its version, so that a restarted or reconnected
 * client asks the server only for what changed (RFC 6121 section 2.6). Implementations must be
 * thread-safe and must not block (wrap blocking storage with {@code subscribeOn}). The roster
 * uses the store only when versioning is in effect ({@link Roster#versioning()}). A store that fails
 * does not fail the roster: the error is logged and the roster is fetched whole.
 *
 * <pre>{@code
 * // survives restarts: a restarted bot asks the server only for what changed
 * RosterStore store = RosterStore.jsonFile(Path.of("/var/lib/bot/roster.json"));
 * Roster roster = Roster.of(session, RosterOptions.builder().store(store).build());
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

    /**
     * A store in a JSON file (with Jackson) that keeps one entry per account, so several accounts
     * can share a file. Each save writes a temporary file next to it and moves it over the file
     * atomically: the file is always the old or the new roster. The file I/O runs on
     * {@link reactor.core.scheduler.Schedulers#boundedElastic()}, never on the caller's thread. A
     * file that cannot be parsed is ignored with a warning (as if empty) and replaced on the next save.
     * Instances on the same file may coexist (each save re-reads the file); concurrent writers
     * in several processes are not coordinated.
     *
     * @param file the file; created on the first save, its directory must exist
     * @return the store
     */
    static RosterStore jsonFile(Path file) {
        return new JsonFileRosterStore(file);
    }
}
