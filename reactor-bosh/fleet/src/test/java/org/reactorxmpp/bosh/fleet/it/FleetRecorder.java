package org.reactorxmpp.bosh.fleet.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.reactorxmpp.bosh.fleet.FleetEvent;

/** The placement events every member process printed, in arrival order, and where each account runs now. */
final class FleetRecorder {

    /** One event line of a member. */
    record Event(String member, FleetEvent.Kind kind, String account, long atMillis, long tookMillis, String cause) {
    }

    private final ConcurrentLinkedQueue<Event> events = new ConcurrentLinkedQueue<>();
    private volatile long lastNanos = System.nanoTime();

    /** @return whether no event arrived for {@code quiet} (placement has settled) */
    boolean quietFor(java.time.Duration quiet) {
        return System.nanoTime() - lastNanos >= quiet.toNanos();
    }

    void record(String member, String line) {
        lastNanos = System.nanoTime();
        String[] f = line.split(" ", 5);
        events.add(new Event(member, FleetEvent.Kind.valueOf(f[0]), f[1], Long.parseLong(f[2]), Long.parseLong(f[3]),
            f.length > 4 ? f[4] : "-"));
    }

    List<Event> events() {
        return new ArrayList<>(events);
    }

    long count(FleetEvent.Kind kind) {
        return events.stream().filter(e -> e.kind() == kind).count();
    }

    List<Event> since(int index) {
        List<Event> all = events();
        return all.subList(Math.min(index, all.size()), all.size());
    }

    int size() {
        return events.size();
    }

    /** @return where each account runs now, by account (replaying starts and departures) */
    Map<String, String> placement() {
        Map<String, String> where = new TreeMap<>();
        for (Event e : events) {
            switch (e.kind()) {
                case LOGGED_IN, ATTACHED, TAKEN_OVER, RELOGGED_IN -> where.put(e.account(), e.member());
                case HANDED_OFF, ENDED -> where.remove(e.account(), e.member());
                default -> { }
            }
        }
        return where;
    }

    /** @return the number of sessions each member runs now */
    Map<String, Integer> perMember() {
        Map<String, Integer> out = new TreeMap<>();
        placement().values().forEach(m -> out.merge(m, 1, Integer::sum));
        return out;
    }
}
