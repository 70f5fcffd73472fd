package org.reactorxmpp.xmpp.testing;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * Reads a {@link WireLog} of a {@link StreamManagementCuts} run over plain TCP: how each reconnect negotiated
 * (resumed with which {@code h}, failed with which condition, a new session), the stream-management sequence
 * number of every message the client wrote (from {@code <enable/>}, or from the server's {@code <resumed h/>}
 * on), and for every message the receiver got twice, whose count was wrong:
 * <ul>
 *   <li>{@link Cause#SERVER_ROUTED_BEYOND_RESUMED_H}: the client wrote it again after {@code <resumed h/>} because
 *       its number was above that {@code h}, yet the server had routed the first copy: the server's {@code h}
 *       did not count a stanza it routed (the client only did what the {@code h} told it);</li>
 *   <li>{@link Cause#CLIENT_RESENT_ACKNOWLEDGED}: written again although its number was at most the server's
 *       {@code h}: the client's fault;</li>
 *   <li>{@link Cause#RESENT_ON_NEW_SESSION}: written again on a new session after a failed resumption (XEP-0198
 *       cannot say whether the old session delivered it);</li>
 *   <li>{@link Cause#UNEXPLAINED}: anything else (for example not seen twice on the wire).</li>
 * </ul>
 */
public final class SmWireAnalysis {

    /** Why a message arrived twice. */
    public enum Cause { SERVER_ROUTED_BEYOND_RESUMED_H, CLIENT_RESENT_ACKNOWLEDGED, RESENT_ON_NEW_SESSION, UNEXPLAINED }

    /** How a connection set up stream management. */
    public enum Outcome { RESUMED, FAILED_THEN_NEW, NEW, NONE }

    /**
     * One connection's stream-management negotiation.
     *
     * @param connection the proxied connection
     * @param outcome how it went
     * @param h the server's {@code h} in {@code <resumed/>} or {@code <failed/>}, or -1
     * @param condition the {@code <failed/>} condition, or {@code null}
     * @param resumeNanos when the client's {@code <resume/>} passed, or 0
     * @param lastWritten the highest sequence number of a message the client wrote on this connection, or -1
     * @param streamError the condition of the stream error the server ended this connection with, or {@code null}
     * @param acked whether the server acknowledged a stanza written on this connection: an {@code <a h/>} beyond the
     *     {@code h} of its {@code <resumed/>} (or above 0 after {@code <enabled/>}); Prosody's last {@code <a/>}
     *     before a stream error repeats the old {@code h} and does not count
     * @param parserOfRecord for a resumed connection, where the bytes parsed for the session so far ended (see
     *     {@link #of}): the last characters when inside an element, else {@code null}
     */
    public record Negotiation(int connection, Outcome outcome, long h, @Nullable String condition, long resumeNanos,
                              long lastWritten, @Nullable String streamError, boolean acked,
                              @Nullable String parserOfRecord) {
        /** @return whether it resumed a session whose parser of record was inside an element (see {@link #of}) */
        public boolean resumedInsideAnElement() {
            return outcome == Outcome.RESUMED && parserOfRecord != null;
        }

        @Override
        public String toString() {
            return "#" + connection + " " + outcome + (h >= 0 ? " h=" + h : "") + (condition != null ? " " + condition : "")
                + " (wrote up to " + lastWritten + ")" + (streamError != null ? " ended by stream error " + streamError : "")
                + (parserOfRecord != null ? " after an unfinished element: ..." + tail(parserOfRecord, 60) : "");
        }

        private static String tail(String s, int n) {
            return s.length() <= n ? s : s.substring(s.length() - n);
        }
    }

    /**
     * A message that arrived twice.
     *
     * @param body the message
     * @param cause why
     * @param seq its number(s) on the wire, per connection it was written on
     * @param serverH the {@code h} of the resumption that wrote it again, or -1
     * @param firstArrivalAfterResume whether its first copy reached the receiver after the client's {@code <resume/>}
     *     passed the proxy (the server routed it after it had been asked for its count)
     */
    public record Duplicate(String body, Cause cause, Map<Integer, Long> seq, long serverH,
                            boolean firstArrivalAfterResume) {
    }

    private final Map<Integer, Negotiation> negotiations = new TreeMap<>();
    private final List<Duplicate> duplicates = new ArrayList<>();
    /** Resumed connections on which the client's bytes up to its {@code <resume/>} were not whole elements. */
    private final List<Integer> resumesInsideOwnElement = new ArrayList<>();

    private SmWireAnalysis() {
    }

    /**
     * @param wire what the proxy saw
     * @param arrivals what the receiver got, in order
     * @return the analysis
     */
    public static SmWireAnalysis of(WireLog wire, List<StreamManagementCuts.Arrival> arrivals) {
        SmWireAnalysis a = new SmWireAnalysis();
        Map<String, Map<Integer, Long>> written = a.number(wire.events());
        a.parsersOfRecord(wire);
        Map<String, List<Long>> arrivedAt = new HashMap<>();
        for (StreamManagementCuts.Arrival x : arrivals) {
            arrivedAt.computeIfAbsent(x.body(), k -> new ArrayList<>()).add(x.nanos());
        }
        for (Map.Entry<String, List<Long>> e : arrivedAt.entrySet()) {
            if (e.getValue().size() < 2) {
                continue;
            }
            a.duplicates.add(a.classify(e.getKey(), written.getOrDefault(e.getKey(), Map.of()), e.getValue().get(0)));
        }
        return a;
    }

    /** @return every reconnect's negotiation (the first connection excluded), in order */
    public List<Negotiation> reconnects() {
        return negotiations.values().stream().filter(n -> n.connection() > 1).toList();
    }

    /** @return the messages that arrived twice */
    public List<Duplicate> duplicates() {
        return List.copyOf(duplicates);
    }

    /** @return how many duplicates per cause */
    public Map<Cause, Integer> causes() {
        Map<Cause, Integer> m = new EnumMap<>(Cause.class);
        duplicates.forEach(d -> m.merge(d.cause(), 1, Integer::sum));
        return m;
    }

    /** @return how many reconnects per outcome */
    public Map<Outcome, Integer> outcomes() {
        Map<Outcome, Integer> m = new EnumMap<>(Outcome.class);
        reconnects().forEach(n -> m.merge(n.outcome(), 1, Integer::sum));
        return m;
    }

    /** Each connection's negotiation, and each written message's sequence number per connection. */
    private Map<String, Map<Integer, Long>> number(List<WireLog.Event> events) {
        Map<Integer, List<WireLog.Event>> byConnection = new TreeMap<>();
        events.forEach(e -> byConnection.computeIfAbsent(e.connection(), k -> new ArrayList<>()).add(e));
        Map<String, Map<Integer, Long>> written = new HashMap<>();
        for (Map.Entry<Integer, List<WireLog.Event>> c : byConnection.entrySet()) {
            int k = c.getKey();
            long base = Long.MIN_VALUE;
            int from = 0;
            Outcome outcome = Outcome.NONE;
            long h = -1;
            String condition = null;
            long resumeNanos = 0;
            int resumeAt = 0;
            int enableAt = -1;
            long last = -1;
            for (WireLog.Event e : c.getValue()) {
                if (e.direction() == WireLog.Direction.TO_SERVER) {
                    switch (e.kind()) {
                        case "resume" -> {
                            resumeAt = e.stanza();
                            resumeNanos = e.nanos();
                        }
                        case "enable" -> {
                            enableAt = e.stanza();
                            base = 0;
                            from = enableAt;
                            outcome = outcome == Outcome.NONE ? Outcome.NEW : outcome;
                        }
                        case "stanza" -> {
                            if (base != Long.MIN_VALUE && e.body() != null) {
                                long seq = base + e.stanza() - from;
                                written.computeIfAbsent(e.body(), x -> new LinkedHashMap<>()).put(k, seq);
                                last = Math.max(last, seq);
                            }
                        }
                        default -> { }
                    }
                } else if (e.kind().equals("resumed")) {
                    outcome = Outcome.RESUMED;
                    h = e.h();
                    base = e.h();
                    from = resumeAt;
                } else if (e.kind().equals("failed") && resumeNanos != 0 && outcome == Outcome.NONE) {
                    outcome = Outcome.FAILED_THEN_NEW;
                    h = e.h();
                    condition = e.body();
                }
            }
            String streamError = null;
            boolean acked = false;
            long countFrom = -1;
            for (WireLog.Event e : c.getValue()) {
                if (e.direction() == WireLog.Direction.TO_CLIENT) {
                    switch (e.kind()) {
                        case "resumed" -> countFrom = e.h();
                        case "enabled" -> countFrom = 0;
                        case "a" -> acked |= countFrom >= 0 && e.h() != countFrom;
                        case "stream-error" -> streamError = e.body();
                        default -> { }
                    }
                }
            }
            negotiations.put(k, new Negotiation(k, outcome, h, condition, resumeNanos, last, streamError, acked, null));
        }
        return written;
    }

    /**
     * Replays what the server's parser of each session read, the way Prosody 0.12 parses it: a session's bytes
     * are parsed by the parser of the connection that created it, and a resumed connection's bytes after
     * {@code <resume/>} are fed to that same parser (mod_c2s' {@code session.data} keeps its own connection's
     * stream; mod_smacks moves the connection, not the parser). A resumed connection is marked with where that
     * parser stood when it resumed ({@link Negotiation#parserOfRecord()}): inside an element when a cut left one
     * unfinished. A server that parses each connection on its own (ejabberd) is not affected by the mark.
     */
    private void parsersOfRecord(WireLog wire) {
        XmlCursor record = null;
        for (Map.Entry<Integer, Negotiation> entry : negotiations.entrySet()) {
            int k = entry.getKey();
            Negotiation n = entry.getValue();
            byte[] bytes = wire.toServer(k);
            if (n.outcome() == Outcome.RESUMED
                && !new XmlCursor().feed(bytes, 0, afterResume(bytes)).betweenStanzas()) {
                resumesInsideOwnElement.add(k);
            }
            if (n.outcome() == Outcome.RESUMED && record != null) {
                String unfinished = record.betweenStanzas() ? null : record.tail();
                record.feed(bytes, afterResume(bytes), bytes.length);
                entry.setValue(new Negotiation(k, n.outcome(), n.h(), n.condition(), n.resumeNanos(),
                    n.lastWritten(), n.streamError(), n.acked(), unfinished));
            } else if (n.outcome() == Outcome.NEW || n.outcome() == Outcome.FAILED_THEN_NEW || record == null) {
                record = new XmlCursor().feed(bytes, 0, bytes.length);
            }
        }
    }

    /** @return the index after the {@code <resume .../>} element in {@code bytes}, or its length */
    private static int afterResume(byte[] bytes) {
        String s = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        int at = s.indexOf("<resume ");
        int end = at < 0 ? -1 : s.indexOf('>', at);
        return end < 0 ? bytes.length : end + 1;
    }

    /** @return the reconnects that resumed a session whose parser of record was inside an element */
    public List<Negotiation> resumedInsideAnElement() {
        return reconnects().stream().filter(Negotiation::resumedInsideAnElement).toList();
    }

    /**
     * @return the resumed connections on which what the client wrote up to and including {@code <resume/>} did not
     *     end between two elements (a partial element of ours before the resume); none is expected
     */
    public List<Integer> resumesInsideOwnElement() {
        return List.copyOf(resumesInsideOwnElement);
    }

    /** @return the connections the server ended with a stream error */
    public List<Negotiation> streamErrors() {
        return negotiations.values().stream().filter(n -> n.streamError() != null).toList();
    }

    /** @return the negotiation of a connection, or {@code null} */
    public @Nullable Negotiation negotiation(int connection) {
        return negotiations.get(connection);
    }

    private Duplicate classify(String body, Map<Integer, Long> seq, long firstArrival) {
        if (seq.size() < 2) {
            return new Duplicate(body, Cause.UNEXPLAINED, seq, -1, false);
        }
        int again = -1;
        for (int k : seq.keySet()) {
            again = Math.max(again, k);
        }
        Negotiation n = negotiations.get(again);
        if (n == null) {
            return new Duplicate(body, Cause.UNEXPLAINED, seq, -1, false);
        }
        if (n.outcome() == Outcome.FAILED_THEN_NEW || n.outcome() == Outcome.NEW) {
            return new Duplicate(body, Cause.RESENT_ON_NEW_SESSION, seq, n.h(), false);
        }
        if (n.outcome() != Outcome.RESUMED) {
            return new Duplicate(body, Cause.UNEXPLAINED, seq, -1, false);
        }
        boolean afterResume = firstArrival > n.resumeNanos();
        Cause cause = seq.get(again) > n.h() ? Cause.SERVER_ROUTED_BEYOND_RESUMED_H : Cause.CLIENT_RESENT_ACKNOWLEDGED;
        return new Duplicate(body, cause, seq, n.h(), afterResume);
    }

    /**
     * @return per resumption where the server's {@code h} fell short of what the old connection carried: the
     *     lines {@code #k RESUMED h=X; #k-1 wrote up to S} (S > X is normal: the rest was in flight or unread)
     */
    public List<String> resumptions() {
        List<String> out = new ArrayList<>();
        for (Negotiation n : reconnects()) {
            Negotiation before = negotiations.get(n.connection() - 1);
            if (n.outcome() == Outcome.RESUMED && before != null) {
                out.add("#" + n.connection() + " resumed h=" + n.h() + "; #" + before.connection() + " wrote up to "
                    + before.lastWritten());
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "reconnects " + outcomes() + ", resumed inside an element " + resumedInsideAnElement().size()
            + ", stream errors " + streamErrors() + ", duplicates " + causes()
            + (duplicates.isEmpty() ? "" : ", e.g. " + duplicates.subList(0, Math.min(5, duplicates.size())));
    }
}
