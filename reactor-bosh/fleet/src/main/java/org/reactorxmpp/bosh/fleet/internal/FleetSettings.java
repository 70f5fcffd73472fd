package org.reactorxmpp.bosh.fleet.internal;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.bosh.fleet.FleetAccount;

import com.hazelcast.config.Config;

/**
 * A fleet's settings, from {@link org.reactorxmpp.bosh.fleet.Fleet.Builder}.
 *
 * @param hazelcast the member's configuration
 * @param accounts the accounts, in declaration order
 * @param memberName the member's name, or {@code null} for its address
 * @param tick how often placement is checked and counters published
 * @param handoffTimeout how long a new owner waits for a live old owner's handoff
 * @param concurrency the most logins and attaches at once
 * @param mapName the handover map
 * @param writeAhead whether a request waits until its checkpoint is stored (exactly-once takeover) or checkpoints
 *     follow the requests (no wait; a crash may lose the newest request)
 */
public record FleetSettings(Config hazelcast, List<FleetAccount> accounts, @Nullable String memberName, Duration tick,
                            Duration handoffTimeout, int concurrency, String mapName,
                            boolean writeAhead) {

    public FleetSettings {
        accounts = List.copyOf(accounts);
        Map<String, FleetAccount> seen = new LinkedHashMap<>();
        for (FleetAccount a : accounts) {
            if (seen.put(a.bareJid().toString(), a) != null) {
                throw new IllegalStateException("account declared twice: " + a.bareJid());
            }
        }
    }

    /** @return the accounts by placement key (the bare JID) */
    Map<String, FleetAccount> byKey() {
        Map<String, FleetAccount> out = new LinkedHashMap<>();
        accounts.forEach(a -> out.put(a.bareJid().toString(), a));
        return out;
    }
}
