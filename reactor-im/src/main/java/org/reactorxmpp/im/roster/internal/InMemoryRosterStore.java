package org.reactorxmpp.im.roster.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.reactorxmpp.im.roster.RosterSnapshot;
import org.reactorxmpp.im.roster.RosterStore;
import org.reactorxmpp.xmpp.jid.BareJid;
import reactor.core.publisher.Mono;

/** The default {@link RosterStore}: a concurrent map. */
public final class InMemoryRosterStore implements RosterStore {

    private final Map<BareJid, RosterSnapshot> rosters = new ConcurrentHashMap<>();

    @Override
    public Mono<RosterSnapshot> load(BareJid account) {
        return Mono.fromSupplier(() -> rosters.get(account));
    }

    @Override
    public Mono<Void> save(BareJid account, RosterSnapshot roster) {
        return Mono.fromRunnable(() -> rosters.put(account, roster));
    }

    @Override
    public String toString() {
        return "InMemoryRosterStore{" + rosters.size() + " accounts}";
    }
}
