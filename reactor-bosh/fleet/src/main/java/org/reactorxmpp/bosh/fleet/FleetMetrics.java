package org.reactorxmpp.bosh.fleet;

import java.util.Map;
import java.util.TreeMap;

/**
 * The counters of every live member of a fleet, as each member last published them (members publish about once a
 * second). Immutable.
 *
 * <pre>{@code
 * fleet.metrics().subscribe(m -> log.info("{} sessions on {} members, {} handoffs, {} takeovers, {} re-logins",
 *     m.sessions(), m.members().size(), m.handoffs(), m.takeovers(), m.relogins()));
 * }</pre>
 *
 * @param members each live member's counters by member name
 */
public record FleetMetrics(Map<String, MemberMetrics> members) {

    public FleetMetrics {
        members = Map.copyOf(new TreeMap<>(members));
    }

    /** @return the sessions running in the fleet */
    public int sessions() {
        return members.values().stream().mapToInt(MemberMetrics::sessions).sum();
    }

    /** @return the sessions per member, by member name */
    public Map<String, Integer> sessionsPerMember() {
        Map<String, Integer> out = new TreeMap<>();
        members.forEach((name, m) -> out.put(name, m.sessions()));
        return out;
    }

    /** @return graceful handoffs received by live members */
    public long handoffs() {
        return members.values().stream().mapToLong(MemberMetrics::handoffsIn).sum();
    }

    /** @return crash takeovers by live members */
    public long takeovers() {
        return members.values().stream().mapToLong(MemberMetrics::takeovers).sum();
    }

    /** @return re-logins of sessions that could not be resumed, on live members */
    public long relogins() {
        return members.values().stream().mapToLong(MemberMetrics::relogins).sum();
    }
}
