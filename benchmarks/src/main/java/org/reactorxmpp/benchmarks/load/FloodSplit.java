package org.reactorxmpp.benchmarks.load;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Separates a library's cost of sending from its cost of receiving, on the contender's own server
 * after its flood: M messages from the library to a raw client (client CPU per message sent), then
 * M messages from a raw client to the library (client CPU per message received); the raw clients'
 * threads are not counted. The raw clients use the run's transport. Nothing is archived or stored offline in between (both ends are online,
 * the archive is off), so the phases leave the server as they found it.
 */
final class FloodSplit {

    private FloodSplit() {
    }

    static Map<String, Object> run(Target target, Contender contender, int m) {
        Map<String, Object> out = new LinkedHashMap<>();
        FloodTally sentTally = new FloodTally(m);
        Meter send = target.meter().fresh();
        try (RawClient receiver = RawClient.login(target, "user3", (from, body) -> sentTally.received(body))) {
            send.exclude(receiver.threads());
            Map<String, Object> figures = contender.floodTo(target.withMeter(send), m, receiver.jid(), sentTally);
            put(out, "send", figures, send, sentTally);
        }
        FloodTally receivedTally = new FloodTally(m);
        Meter receive = target.meter().fresh();
        try (RawClient sender = RawClient.login(target, "user4", (from, body) -> { })) {
            receive.exclude(sender.threads());
            Map<String, Object> figures = contender.floodFrom(target.withMeter(receive), receivedTally, jid -> {
                receive.begin();
                for (int i = 1; i <= m; i++) {
                    sender.send(RawClient.chat(jid, Integer.toString(i)));
                }
                FloodWait.until(receivedTally, target.timeout());
                receive.end();
            });
            put(out, "receive", figures, receive, receivedTally);
        }
        return out;
    }

    private static void put(Map<String, Object> out, String phase, Map<String, Object> figures, Meter meter,
                            FloodTally tally) {
        Map<String, Object> summary = tally.summary(0);
        out.put(phase + "Lost", summary.get("lost"));
        if (meter.measured()) {
            out.put(phase + "MsgsPerSecond", Latencies.round(tally.distinct() / Math.max(1e-9, meter.wallSeconds())));
            Map<String, Object> perOp = meter.figures("Message", tally.distinct());
            out.put(phase + "ClientCpuMsPerMessage", perOp.get("clientCpuMsPerMessage"));
            out.put(phase + "ServerCpuMsPerMessage", perOp.get("serverCpuMsPerMessage"));
        }
        figures.forEach((k, v) -> out.put(phase + Character.toUpperCase(k.charAt(0)) + k.substring(1), v));
    }
}
