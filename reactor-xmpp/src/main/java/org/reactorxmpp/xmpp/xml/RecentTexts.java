package org.reactorxmpp.xmpp.xml;

/**
 * Short text runs read recently ({@code away}, {@code 5}, a roster group's name), so that a parser meeting the
 * same short text again hands out the same {@link String} instead of a new copy. A fixed table of
 * {@value #SIZE} strings of at most {@value #MAX_LENGTH} chars, one per hash bucket: it never grows, so text
 * from the wire cannot make it grow either (a new text replaces the one in its bucket). Lock-free and racy by
 * design: strings are immutable, and a lost entry only costs one more copy.
 */
final class RecentTexts {

    /** Longest text that is remembered, in chars. */
    static final int MAX_LENGTH = 32;
    static final int SIZE = 1024;

    private static final String[] TABLE = new String[SIZE];

    private RecentTexts() {
    }

    /**
     * @param chars a buffer
     * @param start where the text starts in it
     * @param length its length, at most {@link #MAX_LENGTH}
     * @return a string with those chars, shared with earlier calls for the same text when it is remembered
     */
    static String of(char[] chars, int start, int length) {
        int h = 0;
        for (int i = start, end = start + length; i < end; i++) {
            h = 31 * h + chars[i];
        }
        int slot = (h ^ (h >>> 16)) & (SIZE - 1);
        String seen = TABLE[slot];
        if (seen != null && same(seen, chars, start, length)) {
            return seen;
        }
        String made = new String(chars, start, length);
        TABLE[slot] = made;
        return made;
    }

    /**
     * @param ascii a buffer of bytes below 0x80 from {@code start} to {@code start + length}
     * @param start where the text starts in it
     * @param length its length, at most {@link #MAX_LENGTH}
     * @return a string with those chars, shared with earlier calls for the same text (whether they came as
     *     bytes or as chars) when it is remembered
     */
    static String of(byte[] ascii, int start, int length) {
        int h = 0;
        for (int i = start, end = start + length; i < end; i++) {
            h = 31 * h + ascii[i];
        }
        int slot = (h ^ (h >>> 16)) & (SIZE - 1);
        String seen = TABLE[slot];
        if (seen != null && same(seen, ascii, start, length)) {
            return seen;
        }
        String made = new String(ascii, start, length, java.nio.charset.StandardCharsets.ISO_8859_1);
        TABLE[slot] = made;
        return made;
    }

    private static boolean same(String s, byte[] ascii, int start, int length) {
        if (s.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (s.charAt(i) != ascii[start + i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean same(String s, char[] chars, int start, int length) {
        if (s.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (s.charAt(i) != chars[start + i]) {
                return false;
            }
        }
        return true;
    }
}
