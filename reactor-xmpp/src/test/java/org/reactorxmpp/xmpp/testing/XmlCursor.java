package org.reactorxmpp.xmpp.testing;

/**
 * Where an XML parser fed with the bytes of an XMPP stream stands: inside a tag or between tags, and how many
 * elements deep below the stream element. The wire analysis of the stream-management tests uses it to tell
 * whether a connection's bytes ended between two top-level elements or inside one (an element cut mid-write).
 * A tracker of what our client writes, not a parser: no comments, CDATA or DTDs (an XML declaration and stream
 * restarts are handled); UTF-8 is fed byte by byte (no multi-byte sequence contains a markup character).
 *
 * <pre>{@code
 * XmlCursor c = new XmlCursor().feed(bytes, 0, bytes.length);
 * if (!c.betweenStanzas()) System.out.println("ended inside an element: " + c.tail());
 * }</pre>
 */
public final class XmlCursor {

    private static final String STREAM = "stream:stream";
    private static final int TAIL = 160;

    private boolean inTag;
    private char quote;
    private final StringBuilder name = new StringBuilder();
    private boolean nameDone;
    private char last;
    /** -1 before the stream opened (or after it closed), 0 between top-level elements. */
    private int depth = -1;
    private final StringBuilder tail = new StringBuilder();

    /**
     * @param bytes the stream's bytes
     * @param from first index fed
     * @param to index after the last one fed
     * @return this cursor
     */
    public XmlCursor feed(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            feed((char) (bytes[i] & 0xFF));
        }
        return this;
    }

    private void feed(char c) {
        tail.append(c);
        if (tail.length() > 2 * TAIL) {
            tail.delete(0, tail.length() - TAIL);
        }
        if (!inTag) {
            if (c == '<') {
                inTag = true;
                name.setLength(0);
                nameDone = false;
                last = c;
            }
            return;
        }
        if (quote != 0) {
            if (c == quote) {
                quote = 0;
                last = c;
            }
            return;
        }
        if (c == '\'' || c == '"') {
            quote = c;
            nameDone = true;
            last = c;
            return;
        }
        if (c == '>') {
            endOfTag();
            inTag = false;
            return;
        }
        if (Character.isWhitespace(c)) {
            nameDone = true;
            return;
        }
        if (!nameDone && (c != '/' || name.length() == 0) && name.length() < 64) {
            name.append(c);
        } else {
            nameDone = true;
        }
        last = c;
    }

    private void endOfTag() {
        String n = name.toString();
        if (n.startsWith("?") || n.startsWith("!")) {
            return;
        }
        if (n.startsWith("/")) {
            depth = n.equals("/" + STREAM) ? -1 : depth - 1;
        } else if (last == '/') {
            return; // empty-element tag
        } else if (n.equals(STREAM)) {
            depth = 0; // opened, or restarted after SASL
        } else {
            depth++;
        }
    }

    /** @return whether the bytes so far end between two top-level elements of an open stream */
    public boolean betweenStanzas() {
        return !inTag && depth == 0;
    }

    /** @return whether the bytes so far end inside a tag */
    public boolean inTag() {
        return inTag;
    }

    /** @return the depth below the stream element: 0 between top-level elements, -1 outside a stream */
    public int depth() {
        return depth;
    }

    /** @return the last characters fed (up to a few hundred), for messages */
    public String tail() {
        return tail.length() <= TAIL ? tail.toString() : tail.substring(tail.length() - TAIL);
    }
}
