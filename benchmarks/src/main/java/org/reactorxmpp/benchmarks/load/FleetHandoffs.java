package org.reactorxmpp.benchmarks.load;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.reactorxmpp.bosh.fleet.FleetEvent;
import org.reactorxmpp.xmpp.jid.BareJid;

/** The figures of one handoff direction of {@link FleetHarness}, from the two members' placement events. */
final class FleetHandoffs {

    private FleetHandoffs() {
    }

    /**
     * @param prefix the keys' prefix ({@code join}, {@code stop})
     * @param events both members' events since the handoff began
     * @param from the member that hands off
     * @param to the member that attaches
     * @param startMillis when the handoff began (the joining member's start, the leaving member's stop)
     * @return {@code PREFIXMoved}, {@code PREFIXSeconds} (start to the last attach), {@code PREFIXSecondsPer1000},
     *     the time each session was away ({@code PREFIXAwayP50Ms} ... : from its detach's start on {@code from} to
     *     its attach's end on {@code to}) and the attach alone ({@code PREFIXAttachP50Ms} ...)
     */
    static Map<String, Object> figures(String prefix, List<FleetEvent> events, String from, String to,
                                       long startMillis) {
        Map<BareJid, Long> detachStart = new HashMap<>();
        for (FleetEvent e : events) {
            if (e.kind() == FleetEvent.Kind.HANDED_OFF && e.member().equals(from)) {
                detachStart.put(e.account(), e.at().toEpochMilli() - e.took().toMillis());
            }
        }
        Latencies away = new Latencies(detachStart.size());
        Latencies attach = new Latencies(detachStart.size());
        long last = startMillis;
        int moved = 0;
        for (FleetEvent e : events) {
            if (e.kind() == FleetEvent.Kind.ATTACHED && e.member().equals(to)) {
                moved++;
                last = Math.max(last, e.at().toEpochMilli());
                attach.add(e.took().toNanos());
                Long detached = detachStart.get(e.account());
                if (detached != null) {
                    away.add((e.at().toEpochMilli() - detached) * 1_000_000L);
                }
            }
        }
        double seconds = (last - startMillis) / 1e3;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(prefix + "Moved", moved);
        m.put(prefix + "Seconds", Latencies.round(seconds));
        m.put(prefix + "SecondsPer1000", moved == 0 ? -1 : Latencies.round(seconds * 1000 / moved));
        put(m, prefix + "Away", away);
        put(m, prefix + "Attach", attach);
        return m;
    }

    private static void put(Map<String, Object> m, String key, Latencies l) {
        m.put(key + "P50Ms", Latencies.round(l.percentileMillis(50)));
        m.put(key + "P90Ms", Latencies.round(l.percentileMillis(90)));
        m.put(key + "MaxMs", Latencies.round(l.percentileMillis(100)));
    }
}
