package org.reactorxmpp.xmpp.xml;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * The byte and character level of {@link XmlScanner}: the input, names, whitespace, strict UTF-8, references
 * (the five predefined entities and character references; any other entity is refused as RFC 6120 section 11.1
 * requires), the buffer that slow paths decode into, and failures that say where they happened.
 */
abstract class ScannedBytes {

    static final byte[] NONE = {};

    /** ASCII bytes that may continue a name (non-ASCII bytes are checked when a new name is decoded). */
    static final boolean[] NAME = new boolean[128];
    /** ASCII bytes that may start a name. */
    static final boolean[] NAME_START = new boolean[128];

    static {
        for (int c = 0x20; c < 0x80; c++) {
            NAME[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == ':';
            NAME_START[c] = NAME[c] && c != '-' && c != '.' && (c < '0' || c > '9');
        }
    }

    /** The input; the document is {@code buf[base..end)}. */
    byte[] buf = NONE;
    int base;
    int end;
    /** The hash of the last name scanned by {@link #scanName}. */
    int hash;
    /** Decoded chars of the text run, attribute value or name being read (slow paths only). */
    char[] chars = new char[256];
    int len;

    /** Scans name bytes from {@code p}; returns where they end and leaves their hash in {@link #hash}. */
    final int scanName(int p) {
        int h = 0;
        byte[] b = buf;
        int e = end;
        while (p < e) {
            int c = b[p];
            if (c >= 0 && !NAME[c]) {
                break;
            }
            h = 31 * h + c;
            p++;
        }
        hash = h;
        return p;
    }

    static boolean isNameByte(byte b) {
        return b < 0 || NAME[b];
    }

    /** Starts the chars over with the ASCII bytes from {@code from} to {@code to} (a fast path's prefix). */
    final void startChars(int from, int to) {
        len = 0;
        ensure(to - from);
        for (int i = from; i < to; i++) {
            chars[len++] = (char) buf[i];
        }
    }

    final int append(int p) {
        ensure(1);
        chars[len++] = (char) buf[p];
        return p + 1;
    }

    // --- characters ----------------------------------------------------------------------------------------

    /** Appends the character a reference stands for ({@code p} is after the {@code &}); returns where it ends. */
    final int reference(int p) {
        if (p >= end) {
            throw truncated(p);
        }
        if (buf[p] == '#') {
            return characterReference(p + 1);
        }
        int to = scanName(p);
        if (to >= end) {
            throw truncated(to);
        }
        if (to == p || buf[to] != ';' || (buf[p] >= 0 && !NAME_START[buf[p]])) {
            throw malformed("'&' that starts no reference (write &amp;)", p - 1);
        }
        char c = predefined(p, to - p);
        if (c == 0) {
            String name = new String(buf, p, to - p, StandardCharsets.UTF_8);
            throw restricted("reference to entity '" + name + "'", p - 1);
        }
        appendChar(c);
        return to + 1;
    }

    final char predefined(int p, int n) {
        if (n == 2 && buf[p + 1] == 't') {
            return buf[p] == 'l' ? '<' : buf[p] == 'g' ? '>' : 0;
        }
        if (n == 3 && buf[p] == 'a' && buf[p + 1] == 'm' && buf[p + 2] == 'p') {
            return '&';
        }
        if (n == 4 && startsWith(p, "quot")) {
            return '"';
        }
        if (n == 4 && startsWith(p, "apos")) {
            return '\'';
        }
        return 0;
    }

    final int characterReference(int p) {
        int start = p;
        boolean hex = p < end && buf[p] == 'x';
        if (hex) {
            p++;
        }
        int cp = 0;
        int digits = 0;
        while (p < end) {
            int c = buf[p];
            int d;
            if (c >= '0' && c <= '9') {
                d = c - '0';
            } else if (hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f') {
                d = (c | 0x20) - 'a' + 10;
            } else {
                break;
            }
            cp = Math.min(cp * (hex ? 16 : 10) + d, 0x110000);
            digits++;
            p++;
        }
        if (p >= end) {
            throw truncated(p);
        }
        if (digits == 0 || buf[p] != ';') {
            throw malformed("malformed character reference", start - 2);
        }
        if (!XmlChars.isLegal(cp)) {
            throw malformed("character reference to an illegal character", start - 2);
        }
        appendCodePoint(cp);
        return p + 1;
    }

    /** Decodes one UTF-8 sequence of two to four bytes, strictly; returns where it ends. */
    final int utf8(int p) {
        int b0 = buf[p] & 0xFF;
        int n;
        int cp;
        if (b0 < 0xC2) {
            throw malformed("invalid UTF-8 byte 0x" + Integer.toHexString(b0), p);
        } else if (b0 < 0xE0) {
            n = 2;
            cp = b0 & 0x1F;
        } else if (b0 < 0xF0) {
            n = 3;
            cp = b0 & 0x0F;
        } else if (b0 < 0xF5) {
            n = 4;
            cp = b0 & 0x07;
        } else {
            throw malformed("invalid UTF-8 byte 0x" + Integer.toHexString(b0), p);
        }
        if (p + n > end) {
            throw malformed("truncated UTF-8 sequence", p);
        }
        for (int i = 1; i < n; i++) {
            int c = buf[p + i];
            if ((c & 0xC0) != 0x80) {
                throw malformed("invalid UTF-8 sequence", p);
            }
            cp = (cp << 6) | (c & 0x3F);
        }
        if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000)) {
            throw malformed("overlong UTF-8 sequence", p);
        }
        if (!XmlChars.isLegal(cp)) {
            throw malformed("illegal character U+" + Integer.toHexString(cp).toUpperCase(Locale.ROOT), p);
        }
        appendCodePoint(cp);
        return p + n;
    }

    final void appendCodePoint(int cp) {
        if (cp < 0x10000) {
            appendChar((char) cp);
        } else {
            ensure(2);
            chars[len++] = Character.highSurrogate(cp);
            chars[len++] = Character.lowSurrogate(cp);
        }
    }

    final void appendChar(char c) {
        ensure(1);
        chars[len++] = c;
    }

    final void ensure(int more) {
        if (len + more > chars.length) {
            chars = Arrays.copyOf(chars, Math.max(chars.length * 2, len + more));
        }
    }

    // --- small helpers -------------------------------------------------------------------------------------

    final int skipSpace(int p) {
        while (p < end && isSpace(buf[p])) {
            p++;
        }
        return p;
    }

    static boolean isSpace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    final boolean startsWith(int p, String ascii) {
        int n = ascii.length();
        if (p + n > end) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (buf[p + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    final boolean startsWith(int p, byte[] ascii) {
        return p + ascii.length <= end && Arrays.equals(buf, p, p + ascii.length, ascii, 0, ascii.length);
    }

    final String ascii(int from, int to) {
        return new String(buf, from, to - from, StandardCharsets.ISO_8859_1);
    }

    final String describe(int p) {
        int c = buf[p] & 0xFF;
        return c >= 0x21 && c < 0x7F ? "'" + (char) c + "'" : "byte 0x" + Integer.toHexString(c);
    }

    final XmlException illegal(int c, int p) {
        return malformed("illegal character U+" + String.format("%04X", c), p);
    }

    final XmlException truncated(int p) {
        return malformed("unexpected end of input", p);
    }

    final XmlException malformedOrTruncated(String what, int p) {
        return p >= end ? truncated(p) : malformed(what, p);
    }

    final XmlException malformed(String what, int p) {
        return new XmlException(XmlException.Reason.MALFORMED, "malformed XML: " + what + location(p));
    }

    final XmlException restricted(String what, int p) {
        return new XmlException(XmlException.Reason.RESTRICTED,
            what + " is not allowed in XMPP (RFC 6120 section 11.1)" + location(p));
    }

    /** Where an offset is, as line and column (both from 1; columns count characters). */
    final String location(int p) {
        int line = 1;
        int column = 1;
        int stop = Math.min(p, end);
        for (int i = base; i < stop; i++) {
            byte b = buf[i];
            if (b == '\n') {
                line++;
                column = 1;
            } else if ((b & 0xC0) != 0x80) {
                column++;
            }
        }
        return " at line " + line + ", column " + column;
    }
}
