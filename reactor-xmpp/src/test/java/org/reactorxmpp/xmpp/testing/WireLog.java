package org.reactorxmpp.xmpp.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * What a {@link FaultProxy} saw on the wire of plain XMPP over TCP, for the stream-management tests: per proxied
 * connection, in order and with the time seen, the XEP-0198 elements both ways ({@code enable}, {@code enabled},
 * {@code resume}, {@code resumed}, {@code failed}, {@code r}, {@code a} with their {@code h}) and, from client to
 * server, every top-level stanza counted (its index on that connection) with the test message body
 * ({@code m123}) it carried. A scanner, not a parser: it relies on what the stream-management scenario writes
 * (flat stanzas, bodies {@code m<number>}); the TLS or WebSocket byte streams are not scanned.
 *
 * <pre>{@code
 * for (WireLog.Event e : proxy.wire().events(3)) System.out.println(e);
 * }</pre>
 */
public final class WireLog {

    /** Which way the bytes went. */
    public enum Direction { TO_SERVER, TO_CLIENT }

    /**
     * One thing seen.
     *
     * @param nanos {@link System#nanoTime()} when the proxy read it
     * @param connection the proxied connection, 1 for the first accepted
     * @param direction which way
     * @param kind {@code stanza}, {@code stream-error}, or the stream-management element's name
     * @param h its {@code h}, or -1
     * @param stanza to the server: a stanza's index on this connection (1-based), or for a stream-management
     *     element how many stanzas the client had sent on this connection before it; else 0
     * @param body the test body the stanza carried, or {@code null}; for {@code failed} and {@code stream-error}: the
     *     condition
     */
    public record Event(long nanos, int connection, Direction direction, String kind, long h, int stanza,
                        @Nullable String body) {
        @Override
        public String toString() {
            return "#" + connection + (direction == Direction.TO_SERVER ? " C>S " : " S>C ") + kind
                + (h >= 0 ? " h=" + h : "") + (stanza > 0 ? " [" + stanza + "]" : "") + (body != null ? " " + body : "");
        }
    }

    private static final Pattern TOKEN = Pattern.compile(
        "<(message|presence|iq)[\\s/>]|<body>(m\\d+)</body>|<(enable|enabled|resume|resumed|failed|a|r)\\b([^>]*)>"
            + "|<stream:error>\\s*<([a-z-]+)");
    /** The condition element after {@code <failed>}: looked at, not consumed (the next stanza must still count). */
    private static final Pattern CONDITION = Pattern.compile("\\s*<([a-z-]+)");
    private static final Pattern H = Pattern.compile("\\bh=['\"](\\d+)['\"]");
    private static final String SM = "urn:xmpp:sm:3";

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final Map<String, Scanner> scanners = new ConcurrentHashMap<>();
    private final Map<Integer, java.io.ByteArrayOutputStream> toServer = new ConcurrentHashMap<>();

    /** @return every event, in the order seen per direction and connection */
    public List<Event> events() {
        return List.copyOf(events);
    }

    /** @return the events of one connection */
    public List<Event> events(int connection) {
        List<Event> out = new ArrayList<>();
        for (Event e : events) {
            if (e.connection() == connection) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * @param connection a proxied connection
     * @return every byte passed to the server on it, in order (as the server's parser of that connection read them)
     */
    public byte[] toServer(int connection) {
        java.io.ByteArrayOutputStream b = toServer.get(connection);
        if (b == null) {
            return new byte[0];
        }
        synchronized (b) {
            return b.toByteArray();
        }
    }

    void scan(int connection, Direction direction, byte[] buffer, int length) {
        if (direction == Direction.TO_SERVER) {
            java.io.ByteArrayOutputStream b = toServer.computeIfAbsent(connection, k -> new java.io.ByteArrayOutputStream());
            synchronized (b) {
                b.write(buffer, 0, length);
            }
        }
        scanners.computeIfAbsent(connection + "/" + direction, k -> new Scanner(connection, direction))
            .scan(new String(buffer, 0, length, StandardCharsets.ISO_8859_1));
    }

    /**
     * One direction of one connection: matches only complete tokens, so a window keeps the previous read's tail
     * and a token is taken once (by where it starts in the whole stream).
     */
    private final class Scanner {
        private static final int TAIL = 512;
        private final int connection;
        private final Direction direction;
        private String tail = "";
        private long tailStart;
        private long done;
        private int stanzas;

        Scanner(int connection, Direction direction) {
            this.connection = connection;
            this.direction = direction;
        }

        synchronized void scan(String chunk) {
            long now = System.nanoTime();
            String complete = tail + chunk;
            long base = tailStart;
            int keep = Math.min(complete.length(), TAIL);
            tail = complete.substring(complete.length() - keep);
            tailStart = base + complete.length() - keep;
            Matcher m = TOKEN.matcher(complete);
            while (m.find()) {
                if (base + m.start() < done) {
                    continue;
                }
                done = base + m.end();
                if (m.group(1) != null) {
                    if (direction == Direction.TO_SERVER) {
                        stanzas++;
                    }
                } else if (m.group(2) != null) {
                    if (direction == Direction.TO_SERVER) {
                        events.add(new Event(now, connection, direction, "stanza", -1, stanzas, m.group(2)));
                    }
                } else if (m.group(5) != null) {
                    events.add(new Event(now, connection, direction, "stream-error", -1, 0, m.group(5)));
                } else if (m.group(4).contains(SM)) {
                    Matcher h = H.matcher(m.group(4));
                    String kind = m.group(3);
                    String condition = null;
                    if (kind.equals("failed")) {
                        Matcher c = CONDITION.matcher(complete).region(m.end(), complete.length());
                        condition = c.lookingAt() ? c.group(1) : null;
                    }
                    events.add(new Event(now, connection, direction, kind, h.find() ? Long.parseLong(h.group(1)) : -1,
                        direction == Direction.TO_SERVER ? stanzas : 0, condition));
                }
            }
        }
    }
}
