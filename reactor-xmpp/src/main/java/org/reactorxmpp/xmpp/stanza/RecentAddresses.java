package org.reactorxmpp.xmpp.stanza;

import org.reactorxmpp.xmpp.jid.Jid;

/**
 * The addresses parsed most recently from {@code from} and {@code to} attributes, so that the same peers'
 * addresses (the usual traffic: a few contacts, one server, one room) are normalized once rather than on every
 * stanza. A fixed table of {@value #SIZE} entries, one per hash bucket: it never grows, so addresses from the
 * wire cannot make it grow either (a new one replaces the entry of its bucket). Lock-free and racy by design:
 * entries are immutable, and a lost or overwritten entry only costs one more parse.
 */
final class RecentAddresses {

    static final int SIZE = 512;

    private static final Entry[] TABLE = new Entry[SIZE];

    private RecentAddresses() {
    }

    /**
     * @param text an address as it appears in an attribute
     * @return the parsed address, as {@link Jid#parse(String)} returns it
     * @throws org.reactorxmpp.xmpp.jid.JidFormatException when it is not a valid JID (never remembered)
     */
    static Jid parse(String text) {
        int h = text.hashCode();
        int slot = (h ^ (h >>> 16)) & (SIZE - 1);
        Entry e = TABLE[slot];
        if (e != null && e.text.equals(text)) {
            return e.jid;
        }
        Jid jid = Jid.parse(text);
        TABLE[slot] = new Entry(text, jid);
        return jid;
    }

    /** @return how many entries are held (for tests: never more than {@link #SIZE}) */
    static int held() {
        int n = 0;
        for (Entry e : TABLE) {
            if (e != null) {
                n++;
            }
        }
        return n;
    }

    private record Entry(String text, Jid jid) {
    }
}
